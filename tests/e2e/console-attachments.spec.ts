import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { demoCatalog, enrollDevice, intakePayload, pushApplied, submitMutation } from './support/station-api'
import { expect, test } from './support/station-fixture'

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')
const catalog = demoCatalog
const item = catalog.items.find((candidate) => candidate.status === 'active' && candidate.materials.length > 0)!
const material = item.materials[0]!
// A 2×2 red PNG: what a station's camera capture becomes once compressed, only smaller.
const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==', 'base64')
const photoHash = createHash('sha256').update(photo).digest('hex')

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

// A one-page PDF: what a scanned 户口簿 becomes, only empty.
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const pdfHash = createHash('sha256').update(pdf).digest('hex')

/** A station sends an intake naming the file (the photo unless told), then (later) the file itself over tus. */
async function pushIntake(countyUrl: string, token: string, stationCode: string, sequence = 1, hash = photoHash): Promise<{ id: string; intakeNo: string }> {
  const payload = intakePayload(item, stationCode, sequence, {
    materials: [{ materialId: material.id, name: material.name, status: 'provided', form: 'copy', count: 1, attachments: [hash] }],
  })
  await pushApplied(countyUrl, token, [submitMutation(payload)])
  return { id: payload.id, intakeNo: payload.intakeNo }
}

async function uploadFile(
  countyUrl: string,
  token: string,
  intakeId: string,
  file = { bytes: photo, sha256: photoHash, filename: '户口簿.png', mime: 'image/png' },
): Promise<void> {
  const { bytes, sha256, filename, mime } = file
  const metadata = Object.entries({ sha256, intakeId, materialId: material.id, filename, mime })
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',')
  const tus = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' }
  const created = await fetch(`${countyUrl}/api/v1/files/`, {
    method: 'POST',
    headers: { ...tus, 'upload-length': String(bytes.length), 'upload-metadata': metadata },
  })
  expect(created.status).toBe(201)
  const patched = await fetch(`${countyUrl}${created.headers.get('location')}`, {
    method: 'PATCH',
    headers: { ...tus, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    body: bytes,
  })
  expect(patched.status).toBe(204)
}

test('the inbox filters intakes missing attachments, and the operator previews one once it arrived', async ({ page, county }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  const token = await enrollDevice(county.url, enrollment.code)
  const intake = await pushIntake(county.url, token, 'MHZMZ01')

  await page.goto(`${county.url}/console/`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()
  const row = page.getByRole('row').filter({ hasText: intake.intakeNo })
  await expect(row).toContainText('缺少附件 1')

  await page.getByLabel('附件', { exact: true }).click()
  await page.getByTitle('附件齐全').click()
  await expect(page.getByText('暂无办件')).toBeVisible()
  await page.getByLabel('附件', { exact: true }).click()
  await page.getByTitle('缺少附件').click()
  await expect(row).toBeVisible()
  await row.getByText(intake.intakeNo).click()
  const drawer = page.getByRole('dialog').filter({ hasText: `办件详情：${intake.intakeNo}` })
  await expect(drawer.getByTestId('missing-files')).toContainText('1 个附件未上传')
  await expect(drawer).toContainText('附件1未上传')
  await page.keyboard.press('Escape')

  await uploadFile(county.url, token, intake.id)
  await page.getByRole('button', { name: '刷新' }).click()
  await expect(page.getByText('暂无办件')).toBeVisible()
  await page.getByLabel('附件', { exact: true }).click()
  await page.getByTitle('附件齐全').click()
  await expect(row).toBeVisible()
  await expect(row).not.toContainText('缺少附件')

  await row.getByText(intake.intakeNo).click()
  await expect(drawer.getByTestId('missing-files')).toHaveCount(0)
  await drawer.getByText('附件1', { exact: true }).click()
  const preview = page.getByRole('dialog').filter({ hasText: '附件：户口簿.png' })
  const image = preview.getByRole('img', { name: '户口簿.png' })
  await expect(image).toBeVisible()
  expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(2)
  await page.screenshot({ path: test.info().outputPath('console-attachment-preview.png'), fullPage: true })
})

test('a PDF attachment previews in the console: the policy frames its blob and Chromium’s viewer shows it', async ({ page, county }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  const token = await enrollDevice(county.url, enrollment.code)
  const intake = await pushIntake(county.url, token, 'MHZMZ01', 2, pdfHash)
  await uploadFile(county.url, token, intake.id, { bytes: pdf, sha256: pdfHash, filename: '户口簿.pdf', mime: 'application/pdf' })
  const refused: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/.test(message.text())) refused.push(message.text())
  })

  await page.goto(`${county.url}/console/`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()
  await page.getByRole('row').filter({ hasText: intake.intakeNo }).getByText(intake.intakeNo).click()
  const drawer = page.getByRole('dialog').filter({ hasText: `办件详情：${intake.intakeNo}` })
  await drawer.getByText('附件1', { exact: true }).click()
  const preview = page.getByRole('dialog').filter({ hasText: '附件：户口簿.pdf' })
  await expect(preview.locator('iframe[title="户口簿.pdf"]')).toBeVisible()
  // Chromium shows a PDF through its viewer, a frame of its own inside the blob frame; a refused frame shows an error page instead.
  await expect.poll(() => page.frames().some((frame) => frame.url().startsWith('chrome-extension://'))).toBe(true)
  expect(page.frames().some((frame) => frame.url().startsWith('chrome-error://'))).toBe(false)
  expect(refused).toEqual([])
  await page.screenshot({ path: test.info().outputPath('console-pdf-preview.png') })
})
