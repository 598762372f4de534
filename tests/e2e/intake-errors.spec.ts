import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { CatalogSeed } from '../../shared/catalog'
import { stationItemStatus, withdrawOnCounty } from './support/county-catalog'
import { fillIntakeWizard, submitIntakeWizard } from './support/intake-wizard'
import { demoIdNumber } from './support/station-api'
import { expect, test } from './support/station-fixture'

// The form's own refusals (a 容缺 due date after the promised limit, a wrong ID number…) are checked
// on the real screens in tests/component/; these are the errors that come from the county or a reload.
const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/catalog/menghai-catalog.json'), 'utf8')) as CatalogSeed
// 出生登记 (station MHZ01): a 即办件 the county may withdraw while a clerk fills it in.
const birth = catalog.items.find((candidate) => candidate.name === '出生登记')!
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
