import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { workingDayCalendarSchema } from '../../shared/calendar'
import type { CatalogSeed } from '../../shared/catalog'
import { addWorkingDays, chinaDate, type WorkingDayCalendar } from '../../shared/working-days'
import { stationItemStatus, withdrawOnCounty } from './support/county-catalog'
import { chooseOption, fillIntakeWizard, submitIntakeWizard } from './support/intake-wizard'
import { demoIdNumber } from './support/station-api'
import { expect, test } from './support/station-fixture'

const resources = resolve(import.meta.dirname, '../../resources/catalog')
const catalog = JSON.parse(readFileSync(resolve(resources, 'menghai-catalog.json'), 'utf8')) as CatalogSeed
// 困难残疾人生活补贴和重度残疾人护理补贴 (station MHZMZ01): a 承诺件 in working days with a 容缺后补 material.
const allowance = catalog.items.find((candidate) => candidate.id === '5328220500006')!
const deferrable = allowance.materials.find((material) => material.necessity === 'deferrable')!
// 出生登记 (station MHZ01): a 即办件 the county may withdraw while a clerk fills it in.
const birth = catalog.items.find((candidate) => candidate.name === '出生登记')!
const calendar: WorkingDayCalendar = (() => {
  const years = [2026, 2027].map((year) => workingDayCalendarSchema.parse(JSON.parse(readFileSync(resolve(resources, `calendar-${year}.json`), 'utf8'))))
  return { holidays: years.flatMap((year) => year.holidays), workdays: years.flatMap((year) => year.workdays) }
})()
const applicant = { name: '玉香', idNumber: demoIdNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' }

async function enroll(page: Page, code: string, itemName: string): Promise<void> {
  await page.getByLabel('注册码').fill(code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await page.getByLabel('搜索事项').fill(itemName)
  await expect(page.locator('tr[data-item-id]').filter({ hasText: itemName }).first()).toBeVisible({ timeout: 60_000 })
}

const enrollmentCode = (county: { enrollmentCodes: { stationCode: string; code: string }[] }, stationCode: string) =>
  county.enrollmentCodes.find((entry) => entry.stationCode === stationCode)!.code

/** From the review step (or any later one) back to 材料清单. */
async function backToMaterials(page: Page): Promise<void> {
  await page.getByRole('button', { name: '修改材料清单' }).click()
  await expect(page.locator('[data-intake-step]:visible').getByRole('heading', { name: /材料清单$/ })).toBeVisible()
}

/** After a reload: 新建办件 opens the restored draft; 下一步 through the filled steps to 材料清单. */
async function reopenDraftAtMaterials(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await expect(page.getByText('已恢复未完成的办件草稿')).toBeVisible()
  for (const step of ['申请人与办理方式', '材料清单']) {
    await page.getByRole('button', { name: '下一步' }).click()
    await expect(page.locator('[data-intake-step]:visible').getByRole('heading', { name: new RegExp(`${step}$`) })).toBeVisible()
  }
}

async function expectNoIntakes(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '办件列表' }).click()
  await expect(page.getByText('还没有办件')).toBeVisible()
  await expect(page.locator('[data-intake-no]')).toHaveCount(0)
}

test('a 容缺 due date after the promised limit is refused on its field, nothing is saved, and a date within it saves', async ({ county, openStation }) => {
  // Enrolling, the first pull and a reload in the middle: as long as the other whole-flow specs.
  const page = await openStation()
  await enroll(page, enrollmentCode(county, 'MHZMZ01'), allowance.name)
  const today = chinaDate(new Date())
  const limit = addWorkingDays(today, allowance.promisedLimitDays, calendar)
  const dayAfterLimit = addWorkingDays(limit, 1, calendar)

  await fillIntakeWizard(page, { item: allowance.name, itemName: allowance.name, person: applicant })
  await backToMaterials(page)
  const row = page.locator(`[data-material-id="${deferrable.id}"]`)
  await chooseOption(page, deferrable.name, '容缺后补')
  // The help text says the latest date allowed before anything is typed.
  await expect(row).toContainText(`最迟 ${limit}（承诺办结日期，${allowance.promisedLimitDays}个工作日）`)
  await row.getByLabel('补交期限').fill(dayAfterLimit)
  await page.getByRole('button', { name: '下一步' }).click()
  const refusal = `“${deferrable.name}”的补交期限不能晚于承诺办结日期 ${limit}（承诺时限${allowance.promisedLimitDays}个工作日）`
  await expect(row.locator('.ant-form-item-explain-error')).toHaveText(refusal)
  // Still on 材料清单: the review (and so the submit) is not reached.
  await expect(page.getByRole('heading', { name: '请申请人核对以下信息' })).toBeHidden()
  await page.screenshot({ path: test.info().outputPath('deferred-due-after-limit.png'), fullPage: true })
  await expect(page.getByText(/草稿已自动保存/)).toBeVisible()

  await expectNoIntakes(page)

  // Back to the form (the draft holds the late date); the limit itself is accepted.
  await page.reload()
  await reopenDraftAtMaterials(page)
  await expect(row.getByLabel('补交期限')).toHaveValue(dayAfterLimit)
  await row.getByLabel('补交期限').fill(limit)
  await expect(row.locator('.ant-form-item-explain-error')).toHaveCount(0)
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByRole('heading', { name: '请申请人核对以下信息' })).toBeVisible()
  const intakeNo = await submitIntakeWizard(page)
  await expect(page.locator(`[data-intake-no="${intakeNo}"]`)).toBeVisible()
  await expect(page.locator('[data-intake-no]')).toHaveCount(1)
})

test('an item the county withdraws while the clerk fills it in is refused at submit, and the draft is kept', async ({ county, openStation }) => {
  // Enrolling, the first pull and a reload in the middle: as long as the other whole-flow specs.
  const page = await openStation()
  await enroll(page, enrollmentCode(county, 'MHZ01'), birth.name)
  await fillIntakeWizard(page, { item: birth.name, itemName: birth.name, person: applicant })
  await expect(page.getByText(/草稿已自动保存/)).toBeVisible()

  await withdrawOnCounty(county.url, birth.id)
  // The station's own sync brings the withdrawal (every second in these tests).
  await expect.poll(() => stationItemStatus(page, birth.id), { timeout: 60_000 }).toBe('withdrawn')

  await page.getByRole('button', { name: '提交办件' }).click()
  const refusal = `“${birth.name}”已取消办理，不能新建办件`
  await expect(page.getByText(refusal).first()).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('withdrawn-item-at-submit.png'), fullPage: true })

  await expectNoIntakes(page)
  // The clerk's typing is kept: the draft comes back, without the withdrawn item.
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await expect(page.getByText('已恢复未完成的办件草稿')).toBeVisible()
  await expect(page.getByText('原选事项已暂停或取消办理，请重新选择办理事项')).toBeVisible()
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByLabel('申请人姓名')).toHaveValue(applicant.name)
  await expect(page.getByLabel('公民身份号码')).toHaveValue(applicant.idNumber)
})

test('a file added to a material is still there after a reload and is saved with the intake', async ({ county, openStation }) => {
  // Enrolling, the first pull and a reload in the middle: as long as the other whole-flow specs.
  const page = await openStation()
  await enroll(page, enrollmentCode(county, 'MHZ01'), birth.name)
  const material = birth.materials[0]!
  await fillIntakeWizard(page, { item: birth.name, itemName: birth.name, person: applicant })
  await backToMaterials(page)
  await page.getByLabel(`为“${material.name}”添加附件`).setInputFiles({
    name: '出生医学证明.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% 出生医学证明 扫描件\n%%EOF\n'),
  })
  const listed = page.locator(`[data-attachments-for="${material.id}"] [data-attachment="出生医学证明.pdf"]`)
  await expect(listed).toBeVisible()
  await expect(page.getByText(/草稿已自动保存/)).toBeVisible()

  await page.reload()
  await reopenDraftAtMaterials(page)
  await expect(listed).toBeVisible()
  await expect(listed.getByTestId('attachment-size')).toHaveText(/\d+ B/)
  await page.screenshot({ path: test.info().outputPath('draft-file-restored.png'), fullPage: true })

  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.locator(`[data-review-material="${material.id}"]`)).toContainText('出生医学证明.pdf')
  const intakeNo = await submitIntakeWizard(page)
  await page.locator(`[data-intake-no="${intakeNo}"]`).getByText(intakeNo).click()
  await expect(page.locator('[data-upload-progress="出生医学证明.pdf"]')).toBeVisible()

  // The draft and its file went with the intake: a new form has no file.
  await page.reload()
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await expect(page.getByText('已恢复未完成的办件草稿')).toHaveCount(0)
})
