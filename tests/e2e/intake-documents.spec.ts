import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { workingDayCalendarSchema } from '../../shared/calendar'
import type { CatalogSeed } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { addWorkingDays, chinaDate, type WorkingDayCalendar } from '../../shared/working-days'
import { countyIntakesOf, decideIntake } from './support/county-admin'
import { operatorLogin } from './support/test-county'
import { fillIntakeWizard, submitIntakeWizard } from './support/intake-wizard'
import { expect, test } from './support/station-fixture'

const resources = resolve(import.meta.dirname, '../../resources/catalog')
const catalog = JSON.parse(readFileSync(resolve(resources, 'menghai-catalog.json'), 'utf8')) as CatalogSeed
// 困难残疾人生活补贴和重度残疾人护理补贴: a 承诺件 the county accepts itself (not in a 收件即受理
// domain of the notice), with a 容缺后补 material (m4).
// Every other material is brought: a required one 缺少 would leave it received, never accepted
// (intake-legal-rules.spec.ts covers that and its one-time notice).
const item = catalog.items.find((candidate) => candidate.id === '5328220500006')!
const deferrable = item.materials.find((material) => material.necessity === 'deferrable')!
// The wizard helper marks an optional material 不适用 (not brought): it is not among those received.
const received = item.materials.filter((material) => material !== deferrable && material.necessity !== 'optional')
const calendar: WorkingDayCalendar = (() => {
  const years = [2026, 2027].map((year) => workingDayCalendarSchema.parse(JSON.parse(readFileSync(resolve(resources, `calendar-${year}.json`), 'utf8'))))
  return { holidays: years.flatMap((year) => year.holidays), workdays: years.flatMap((year) => year.workdays) }
})()
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')

/** 2026-11-30 → 2026年11月30日, as the documents write dates. */
const chineseDate = (iso: string) => {
  const [year, month, day] = iso.split('-')
  return `${year}年${Number(month)}月${Number(day)}日`
}

/** Pages of a PDF Chromium wrote: its page objects are plain dictionaries, one `/Type /Page` each. */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
}

test('an intake with a material missing under 容缺 shows its due date and timeline and prints its documents', async ({ county, openStation }) => {
  // Taken through the form on this device: only the device that takes an intake holds its
  // 进度查询码 (the county keeps a hash), so only its documents carry the lookup QR code.
  const page = await openStation()
  await page.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!.code)
  await page.getByRole('button', { name: '注册本设备' }).click()

  // The intake: one material accepted as missing under 容缺 (due in 3 working days), the rest received.
  const today = chinaDate(new Date())
  const deferredDue = addWorkingDays(today, 3, calendar)
  await fillIntakeWizard(page, {
    item: item.name,
    itemName: item.name,
    person: { name: '玉香', idNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' },
    materials: { [deferrable.name]: { status: '容缺后补', dueDate: deferredDue } },
  })
  // The review reads the checklist back before the submit.
  await expect(page.locator(`[data-review-material="${deferrable.id}"]`)).toContainText(`补交期限：${deferredDue}`)
  const intakeNo = await submitIntakeWizard(page)

  // The station sends it; the county operator accepts it.
  const token = await operatorLogin(county.url)
  const countyId = async () => (await countyIntakesOf(county.url, token, 'MHZMZ01')).find((intake) => intake.intakeNo === intakeNo)?.id
  await expect.poll(countyId, { timeout: 60_000 }).toBeDefined()
  const decision = await decideIntake(county.url, token, (await countyId())!, { decision: 'accept', note: '材料齐全，予以受理' })
  const acceptedOn = chinaDate(new Date(decision.acceptedAt!))
  const dueDate = addWorkingDays(acceptedOn, item.promisedLimitDays, calendar)

  // The list opens the intake's page; the acceptance arrives by pull while it is open.
  await page.getByRole('menuitem', { name: '办件列表' }).click()
  await page.locator(`[data-intake-no="${intakeNo}"]`).click()
  await expect(page.getByRole('heading', { name: `办件详情 ${intakeNo}` })).toBeVisible()
  await expect(page.getByTestId('due-date')).toHaveText(`${dueDate}（自${acceptedOn}县级受理起${item.promisedLimitDays}个工作日）`, { timeout: 60_000 })
  const timeline = page.getByLabel('办理进程')
  await expect(timeline.locator('[data-timeline-event="created"]')).toContainText('本机登记')
  await expect(timeline.locator('[data-timeline-event="created"]')).toContainText('岩罕')
  await expect(timeline.locator('[data-timeline-event="county-0"]')).toContainText('县级已收件')
  await expect(timeline.locator('[data-timeline-event="county-1"]')).toContainText('已受理')
  await expect(timeline.locator('[data-timeline-event="county-1"]')).toContainText('材料齐全，予以受理')
  await expect(page.getByTestId('sync-state')).toHaveText('已同步')
  await page.screenshot({ path: test.info().outputPath('intake-detail.png'), fullPage: true })

  // Only the documents that apply: no commitment replaced a proof, so no 告知承诺书.
  const documents = page.locator('.ant-card').filter({ hasText: '打印文书' })
  await expect(documents.getByRole('button')).toHaveText(['受理凭证', '容缺受理通知书'])

  const preview = page.getByTestId('document-preview')
  const qr = preview.locator('img[alt^="进度查询二维码"]')

  await documents.getByRole('button', { name: '受理凭证' }).click()
  await expect(preview).toContainText('受理凭证')
  for (const text of [
    `办件编号：${intakeNo}`,
    `文书编号：SL-${intakeNo}`,
    '申请人玉香',
    '联系电话13908812345',
    item.name,
    `收件日期${chineseDate(today)}`,
    `受理日期${chineseDate(acceptedOn)}`,
    `承诺办结日期${chineseDate(dueDate)}前`,
    '经办人岩罕',
    ...received.map((material) => material.name),
  ]) {
    await expect(preview).toContainText(text)
  }
  await expect(qr).toBeVisible()
  expect(await qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0)
  // The code opens the county's progress page for this intake's key, not just its number.
  await expect(qr).toHaveAttribute('data-qr-text', new RegExp(`^${county.url}/q/[A-Za-z0-9_-]{22,}$`))
  await page.screenshot({ path: test.info().outputPath('receipt-preview.png') })

  // Printing shows the document alone: the page and the modal are hidden, the print copy is shown.
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.print-root [data-document-kind="receipt"]')).toBeVisible()
  await expect(page.locator('.ant-modal')).toBeHidden()
  await expect(page.locator('.ant-layout-header')).toBeHidden()
  await page.screenshot({ path: test.info().outputPath('receipt-print.png'), fullPage: true })
  // The same Chromium print path the desktop app's 保存为 PDF takes: the receipt fills one A4 sheet.
  expect(pdfPageCount(await page.pdf({ path: test.info().outputPath('receipt.pdf'), format: 'A4', printBackground: true }))).toBe(1)
  await page.emulateMedia({ media: 'screen' })
  // Browser mode prints through the page's own print dialog. Headless Chromium's dialog never
  // closes, so the test counts the calls to window.print() instead of opening it.
  await page.evaluate(() => {
    const counted = window as Window & { printCalls?: number }
    counted.printCalls = 0
    window.print = () => void (counted.printCalls = (counted.printCalls ?? 0) + 1)
  })
  await page.getByRole('button', { name: '打印', exact: true }).click()
  await expect(page.getByText('已打开受理凭证的打印对话框')).toBeVisible()
  expect(await page.evaluate(() => (window as Window & { printCalls?: number }).printCalls)).toBe(1)
  await page.getByRole('button', { name: '关闭' }).click()
  await expect(preview).toBeHidden()

  await documents.getByRole('button', { name: '容缺受理通知书' }).click()
  await expect(preview).toContainText('容缺受理通知书')
  await expect(preview).toContainText(`办件编号：${intakeNo}`)
  await expect(preview).toContainText(deferrable.name)
  await expect(preview).toContainText(chineseDate(deferredDue))
  await expect(preview).toContainText('容缺受理承诺书')
  await expect(qr).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('deficiency-notice-preview.png') })
  // The notice and the applicant's 承诺书 are signed apart: two sheets.
  expect(pdfPageCount(await page.pdf({ path: test.info().outputPath('deficiency-notice.pdf'), format: 'A4', printBackground: true }))).toBe(2)
})
