import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CatalogSeed, ServiceItem } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { decideIntake } from './support/county-admin'
import { operatorLogin, type TestCounty } from './support/test-county'
import { chooseOption } from './support/intake-wizard'
import { broughtMaterials, enrollDevice, intakePayload, issueEnrollmentCode, pushApplied, submitMutation, todayIntakeNo } from './support/station-api'
import { autoSignIn, expect, test } from './support/station-fixture'

const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/catalog/menghai-catalog.json'), 'utf8')) as CatalogSeed
const personal = (item: ServiceItem) => item.status === 'active' && item.audience.includes('1')
// A 承诺件 the county accepts and completes itself; a 即办件 the station lead completes at the window.
const promisedItem = catalog.items.find((item) => personal(item) && item.handling === '2' && !item.acceptOnReceipt)!
const onTheSpotItem = catalog.items.find((item) => personal(item) && item.handling === '1')!
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')
const STATION = 'MHZMZ01'

type AdminIntake = { id: string; intakeNo: string; status: string }
type AdminEvaluation = { intakeId: string; rating: number; comment: string | null; source: string; enteredBy: string | null; paperFormNo: string | null }
type AdminReport = { residentName: string; residentPhone: string; itemId: string | null; description: string; status: string }

async function adminGet<T>(countyUrl: string, token: string, path: string): Promise<T> {
  const response = await fetch(`${countyUrl}/api/v1/admin/${path}`, { headers: { authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

async function enrollStation(page: Page, code: string): Promise<void> {
  await page.getByLabel('注册码').fill(code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await expect(page.getByText('县级服务器：可连接')).toBeVisible({ timeout: 60_000 })
}

/**
 * An intake of the station's other device, pushed over HTTP before this window's device enrolls
 * (it then pulls it with the rest): answers the intake's id and number and the admin token.
 */
async function pushIntake(county: TestCounty, item: ServiceItem, applicant: string): Promise<{ id: string; intakeNo: string; token: string }> {
  const printed = county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!.code
  const device = await enrollDevice(county.url, printed, '综合窗口二号机')
  const payload = intakePayload(item, STATION, 1, {
    intakeNo: todayIntakeNo(STATION, 1),
    applicant: { kind: 'person', name: applicant, idNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' },
    materials: broughtMaterials(item),
  })
  await pushApplied(county.url, device, [submitMutation(payload)])
  return { id: payload.id, intakeNo: payload.intakeNo, token: await operatorLogin(county.url) }
}

test('a resident rates a completed intake on the screen, once; the rating reaches the county', async ({ county, openStation, context }) => {
  // The intake comes from the station's other device and the county completes it, over HTTP;
  // this window's device enrolls after and pulls it with its decisions.
  const { id, intakeNo, token } = await pushIntake(county, promisedItem, '玉香')
  await decideIntake(county.url, token, id, { decision: 'accept' })
  await decideIntake(county.url, token, id, { decision: 'complete', result: 'approved' })
  const page = await openStation()
  await enrollStation(page, await issueEnrollmentCode(county.url, token, STATION))
  await page.getByRole('menuitem', { name: '办件列表' }).click()
  const row = page.locator(`[data-intake-no="${intakeNo}"]`)
  await expect(row).toContainText('已办结', { timeout: 60_000 })

  // A second window of the same station opens the rating screen for the same intake.
  const second = await context.newPage()
  // A new window is a new sign-in (the session is per window).
  await autoSignIn(second)
  await second.goto(page.url())
  await second.getByRole('menuitem', { name: '办件列表' }).click()
  await second
    .locator(`[data-intake-no="${intakeNo}"]`)
    .getByRole('button', { name: `请群众评价 ${intakeNo}` })
    .click()
  await expect(second.getByRole('dialog', { name: '请您对本次服务进行评价' })).toBeVisible()

  // The clerk opens the screen; nothing is chosen for the resident, so it cannot be submitted yet.
  await row.getByRole('button', { name: `请群众评价 ${intakeNo}` }).click()
  const screen = page.getByRole('dialog', { name: '请您对本次服务进行评价' })
  await expect(screen).toBeVisible()
  await expect(screen.getByRole('button', { name: /非常满意/ })).toHaveAttribute('aria-pressed', 'false')
  await expect(screen.getByRole('button', { name: '提交评价' })).toBeDisabled()
  // The resident uses the keyboard: digit 2 is 满意.
  await page.keyboard.press('2')
  await expect(screen.getByRole('button', { name: /^满意/ })).toHaveAttribute('aria-pressed', 'true')
  await screen.getByLabel('您的意见或建议（可不填）').fill('办事很快，态度很好')
  await page.screenshot({ path: test.info().outputPath('resident-rating-screen.png'), fullPage: true })
  await screen.getByRole('button', { name: '提交评价' }).click()
  await expect(screen.getByText('感谢您的评价！')).toBeVisible()
  await screen.getByRole('button', { name: '完成，返回' }).click()
  await expect(row).toContainText('已评价：满意')
  await expect(row.getByRole('button', { name: `请群众评价 ${intakeNo}` })).toHaveCount(0)

  // The rating reaches the county on its own, as given on the screen.
  await expect
    .poll(async () => (await adminGet<{ evaluations: AdminEvaluation[] }>(county.url, token, `evaluations?intakeId=${id}`)).evaluations, {
      timeout: 60_000,
    })
    .toEqual([expect.objectContaining({ rating: 2, comment: '办事很快，态度很好', source: 'residentOnScreen', enteredBy: null })])

  // The second window's rating comes too late: refused, in Chinese, and nothing more reaches the county.
  const secondScreen = second.getByRole('dialog', { name: '请您对本次服务进行评价' })
  await secondScreen.getByRole('button', { name: /非常不满意/ }).click()
  // A 差评 names its reason before it can be sent.
  await expect(secondScreen.getByRole('button', { name: '提交评价' })).toBeDisabled()
  await secondScreen.getByRole('group', { name: '请选择不满意的原因' }).getByRole('button', { name: '多次跑动' }).click()
  await secondScreen.getByRole('button', { name: '提交评价' }).click()
  await expect(secondScreen.getByRole('alert')).toHaveText('该办件已评价，每件只能评价一次')
  await second.close()
  const { evaluations } = await adminGet<{ evaluations: AdminEvaluation[] }>(county.url, token, `evaluations?intakeId=${id}`)
  expect(evaluations).toHaveLength(1)
})

test('the lead completes a 即办件 at the window and a paper rating form is entered; both reach the county', async ({ county, openStation }) => {
  // The intake comes from the station's other device over HTTP; this window's device pulls it.
  const { id, intakeNo, token } = await pushIntake(county, onTheSpotItem, '岩温')
  // 玉香, the station lead (首席事务代表), is signed in: 当场办结 is offered to her.
  const page = await openStation({ signInAs: 'lead' })
  await enrollStation(page, await issueEnrollmentCode(county.url, token, STATION))

  // 当场办结 by the signed-in lead, recorded and confirmed by the county.
  await page.getByRole('menuitem', { name: '办件列表' }).click()
  const row = page.locator(`[data-intake-no="${intakeNo}"]`)
  await expect(row).toBeVisible({ timeout: 60_000 })
  await row.getByRole('button', { name: `当场办结 ${intakeNo}` }).click()
  const modal = page.getByRole('dialog', { name: `当场办结：${intakeNo}` })
  await modal.getByLabel('结果说明').fill('材料齐全，当场办结')
  await expect(modal).toContainText('首席事务代表：玉香')
  await modal.getByRole('button', { name: '确认办结' }).click()
  await expect(modal).toBeHidden()
  await expect
    .poll(async () => (await adminGet<{ intake: AdminIntake }>(county.url, token, `intakes/${id}`)).intake.status, { timeout: 60_000 })
    .toBe('completed')
  await expect(row).toContainText('已办结', { timeout: 60_000 })

  // A paper rating form, typed in by the signed-in lead (录入人) with its number.
  await row.getByRole('button', { name: `录入纸质评价表 ${intakeNo}` }).click()
  const paper = page.getByRole('dialog', { name: '录入纸质评价表' })
  await paper.getByLabel('评价表编号').fill('PJ-2026-0001')
  await paper.getByRole('radio', { name: '不满意', exact: true }).check()
  await chooseOption(page, '差评原因', '办理时间长、效率低')
  await paper.getByLabel('评价意见').fill('等了很久')
  await expect(paper).toContainText('录入人：玉香')
  await paper.getByRole('button', { name: '确认录入' }).click()
  await expect(row).toContainText('已评价：不满意')
  await expect
    .poll(async () => (await adminGet<{ evaluations: AdminEvaluation[] }>(county.url, token, `evaluations?intakeId=${id}`)).evaluations, {
      timeout: 60_000,
    })
    .toEqual([expect.objectContaining({ rating: 4, badReason: 'slow', source: 'paperForm', enteredBy: '玉香', paperFormNo: 'PJ-2026-0001' })])
})

test('a 办不成事 report with a wrong phone is refused on the field, then saved and sent to the county', async ({ county, openStation }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!
  const page = await openStation()
  await enrollStation(page, enrollment.code)
  const token = await operatorLogin(county.url)

  await page.getByRole('menuitem', { name: '办不成事反映' }).click()
  await page.getByLabel('反映人姓名').fill('岩罕')
  await page.getByLabel('联系电话').fill('12345')
  await page.getByLabel('想办的事').fill('办理残疾人两项补贴')
  await page.getByLabel('遇到的问题').fill('本站未进驻该事项，乡镇窗口又说要到县里办')
  await page.getByRole('button', { name: '保存并上报' }).click()
  await expect(page.getByText(/手机号码/).first()).toBeVisible()
  await page.getByLabel('联系电话').fill('0691-5123456')
  await page.screenshot({ path: test.info().outputPath('report-form.png'), fullPage: true })
  await page.getByRole('button', { name: '保存并上报' }).click()
  await expect(page.getByText('办不成事反映已保存，将上报县政务服务管理局')).toBeVisible()
  const reportRow = page.locator('[data-report-id]').filter({ hasText: '岩罕' })
  await expect(reportRow).toContainText(/待上报|已上报/)
  await expect
    .poll(async () => (await adminGet<{ reports: AdminReport[] }>(county.url, token, `reports?stationCode=${STATION}`)).reports, { timeout: 60_000 })
    .toEqual([
      expect.objectContaining({
        residentName: '岩罕',
        residentPhone: '0691-5123456',
        itemId: null,
        status: 'pending',
        description: '想办的事：办理残疾人两项补贴\n遇到的问题：本站未进驻该事项，乡镇窗口又说要到县里办',
      }),
    ])
  await expect(reportRow).toContainText('已上报', { timeout: 60_000 })
  await page.screenshot({ path: test.info().outputPath('report-list.png'), fullPage: true })
})
