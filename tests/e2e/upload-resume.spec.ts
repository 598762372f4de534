import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Request, Route } from '@playwright/test'
import type { CatalogSeed } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { operatorLogin } from './support/test-county'
import { fillIntakeWizard, submitIntakeWizard } from './support/intake-wizard'
import { DEMO_STAFF_PASSWORD, demoStaffOf, expect, test } from './support/station-fixture'

// Issue 5's acceptance: the county server stops in the middle of a large upload, starts
// again on the same data, and the station's upload goes on from where the county stopped.
// Checked on the server's side (its own answers to every tus request, and the file it keeps),
// not only on the screen.
const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/catalog/menghai-catalog.json'), 'utf8')) as CatalogSeed
const item = catalog.items.find(
  (candidate) => candidate.status === 'active' && !candidate.acceptOnReceipt && candidate.handling === '2' && candidate.materials.length >= 2,
)!
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')
const CHUNK = 256 * 1024
const CHUNKS_BEFORE_STOP = 3

/** One tus request as the county answered it. */
type TusExchange = { method: string; url: string; requestOffset: number | null; status: number | null; responseOffset: number | null }

test('a large attachment: the county stops mid-upload, restarts, and the upload resumes where it stopped', async ({ county, openStation }) => {
  // A 2 MiB "scan", nine tus chunks (PDF files are kept as they are, so its bytes are what the county must end up with).
  const large = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2 * 1024 * 1024)])
  const largeSha256 = createHash('sha256').update(large).digest('hex')
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  const page = await openStation({ signInAs: false })

  // Every tus request is recorded with the county's answer. Before the scan's 4th chunk goes
  // out, the county server stops, so that chunk meets a dead server. The requests themselves go
  // from the browser to the county as they are: only the one that stops the county waits here.
  const exchanges: TusExchange[] = []
  const exchangeOf = new Map<Request, TusExchange>()
  let stopped = false
  let cutUpload = ''
  page.on('request', (request) => {
    if (!/\/api\/v1\/files\//.test(request.url())) return
    const offsetHeader = request.headers()['upload-offset']
    const exchange: TusExchange = {
      method: request.method(),
      url: request.url(),
      requestOffset: offsetHeader === undefined ? null : Number(offsetHeader),
      status: null,
      responseOffset: null,
    }
    exchanges.push(exchange)
    exchangeOf.set(request, exchange)
  })
  page.on('response', (response) => {
    const exchange = exchangeOf.get(response.request())
    if (!exchange) return
    exchange.status = response.status()
    const answered = response.headers()['upload-offset']
    exchange.responseOffset = answered === undefined ? null : Number(answered)
  })
  await page.route(/\/api\/v1\/files\//, async (route: Route) => {
    const request = route.request()
    if (request.method() === 'PATCH' && Number(request.headers()['upload-offset']) === CHUNKS_BEFORE_STOP * CHUNK && !stopped) {
      stopped = true
      cutUpload = request.url()
      await county.stop()
    }
    await route.continue()
  })

  await expect(page.getByLabel('县级服务器地址')).toHaveValue(county.url)
  await page.getByLabel('注册码').fill(enrollment.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  const signIn = page.getByTestId('staff-sign-in')
  await signIn.waitFor({ timeout: 90_000 })
  await signIn.getByLabel('用户名').fill(demoStaffOf('MHZMZ01', 'clerk').username)
  await signIn.getByLabel('密码').fill(DEMO_STAFF_PASSWORD)
  await signIn.getByLabel('密码').press('Enter')
  await signIn.waitFor({ state: 'hidden' })
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(page.getByText(item.name).first()).toBeVisible({ timeout: 60_000 })

  await fillIntakeWizard(page, {
    item: item.name,
    itemName: item.name,
    person: { name: '岩罕', idNumber, phone: '0691-5123456', address: '勐海县勐海镇曼真村三组' },
  })
  // Files are added on 材料清单: back there from the review.
  await page.getByRole('button', { name: '修改材料清单' }).click()

  // A photo: drawn in the page as a 3000×2000 PNG, kept as a JPEG of at most 2000 px, size shown before and after.
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(3000, 2000)
    const context = canvas.getContext('2d')!
    const gradient = context.createLinearGradient(0, 0, 3000, 2000)
    gradient.addColorStop(0, '#1d4ed8')
    gradient.addColorStop(1, '#f59e0b')
    context.fillStyle = gradient
    context.fillRect(0, 0, 3000, 2000)
    context.fillStyle = '#ffffff'
    context.font = '160px sans-serif'
    context.fillText('居民身份证 正面', 300, 1000)
    const blob = await canvas.convertToBlob({ type: 'image/png' })
    // As base64 text: an array of numbers (one per byte) took half a minute to pass over the protocol.
    const dataUrl = await new Promise<string>((done) => {
      const reader = new FileReader()
      reader.onload = () => done(reader.result as string)
      reader.readAsDataURL(blob)
    })
    return dataUrl.slice(dataUrl.indexOf(',') + 1)
  })
  const [photoMaterial, scanMaterial] = item.materials
  await page
    .getByLabel(`为“${photoMaterial!.name}”添加附件`)
    .setInputFiles({ name: '身份证正面.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') })
  const photo = page.locator('[data-attachment="身份证正面.jpg"]')
  await expect(photo).toBeVisible()
  await expect(photo.getByTestId('attachment-size')).toContainText('→')
  await page.getByLabel(`为“${scanMaterial!.name}”添加附件`).setInputFiles({ name: '户口簿扫描件.pdf', mimeType: 'application/pdf', buffer: large })
  await expect(page.locator('[data-attachment="户口簿扫描件.pdf"]')).toContainText('2.0 MB')
  await page.screenshot({ path: test.info().outputPath('intake-with-attachments.png'), fullPage: true })

  // The review lists each material's files with their sizes.
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.locator(`[data-review-material="${scanMaterial!.id}"]`)).toContainText('附件 1 个：户口簿扫描件.pdf（2.0 MB）')
  await expect(page.locator(`[data-review-material="${photoMaterial!.id}"]`)).toContainText('身份证正面.jpg')
  const intakeNo = await submitIntakeWizard(page)

  // The county stops while the scan is going up; the station says it cannot reach it.
  await expect.poll(() => stopped, { timeout: 90_000 }).toBe(true)
  await expect(page.getByTestId('county-reachability')).toHaveText('县级服务器：无法连接', { timeout: 60_000 })
  await page.getByRole('menuitem', { name: '办件列表' }).click()
  await page.locator(`[data-intake-no="${intakeNo}"]`).getByText(intakeNo).click()
  const scanProgress = page.locator('[data-upload-progress="户口簿扫描件.pdf"]')
  await expect(scanProgress).toBeVisible()
  await expect(scanProgress).not.toContainText('已上传')
  await page.screenshot({ path: test.info().outputPath('upload-interrupted.png'), fullPage: true })

  const beforeStop = exchanges.filter((exchange) => exchange.method === 'PATCH' && exchange.url === cutUpload && exchange.status === 204)
  const heldAtStop = Math.max(...beforeStop.map((exchange) => exchange.responseOffset!))
  expect(heldAtStop).toBe(CHUNKS_BEFORE_STOP * CHUNK)

  // The county comes back on the same data; the station resumes on its own.
  await county.start()
  await expect(scanProgress).toContainText('已上传', { timeout: 240_000 })
  await expect(page.locator('[data-upload-progress="身份证正面.jpg"]')).toContainText('已上传')
  await page.screenshot({ path: test.info().outputPath('upload-resumed.png'), fullPage: true })

  // The server's own answers: after the restart it said it held exactly the bytes sent before
  // the stop (HEAD), and the same upload went on from there: no byte was sent to it twice.
  const afterStop = exchanges.slice(exchanges.findIndex((exchange) => exchange.status === null) + 1).filter((exchange) => exchange.url === cutUpload)
  const resumeHead = afterStop.find((exchange) => exchange.method === 'HEAD' && exchange.status === 200)!
  expect(resumeHead.responseOffset).toBe(heldAtStop)
  const received = exchanges.filter((exchange) => exchange.method === 'PATCH' && exchange.url === cutUpload && exchange.status === 204)
  // Each chunk the county kept begins where the previous one ended, from 0 to the whole file.
  let expected = 0
  for (const exchange of received) {
    expect(exchange.requestOffset).toBe(expected)
    expected = exchange.responseOffset!
  }
  expect(expected).toBe(large.length)
  expect(received.length).toBe(Math.ceil(large.length / CHUNK))
  // One upload for the scan: never started over.
  expect(exchanges.filter((exchange) => exchange.method === 'POST').length).toBe(2)

  // The county keeps the file byte for byte, and the intake misses no file.
  const token = await operatorLogin(county.url)
  const file = await fetch(`${county.url}/api/v1/admin/files/${largeSha256}`, { headers: { authorization: `Bearer ${token}` } })
  expect(file.status).toBe(200)
  expect(Buffer.from(await file.arrayBuffer()).equals(large)).toBe(true)
  const intakes = await fetch(`${county.url}/api/v1/admin/intakes?stationCode=MHZMZ01`, { headers: { authorization: `Bearer ${token}` } })
  const [onServer] = ((await intakes.json()) as { intakes: { intakeNo: string; missingFiles: string[] }[] }).intakes.filter(
    (intake) => intake.intakeNo === intakeNo,
  )
  expect(onServer?.missingFiles).toEqual([])
  await expect(page.getByTestId('files-waiting')).toHaveText('待上传附件：0')
})
