import { operatorLogin } from './support/test-county'
import {
  broughtMaterials,
  demoCatalog as catalog,
  enrollDevice,
  intakePayload,
  issueEnrollmentCode,
  pushApplied,
  submitMutation,
  todayIntakeNo,
} from './support/station-api'
import { expect, test } from './support/station-fixture'

// A 承诺件 the county accepts itself (not on receipt), with materials to ask a correction of.
const item = catalog.items.find(
  (candidate) => candidate.status === 'active' && !candidate.acceptOnReceipt && candidate.handling === '2' && candidate.materials.length > 0,
)!
const material = item.materials[0]!

test('an operator asks for a correction in the console; the station shows what to correct', async ({ county, openStation, browser }) => {
  // The intake comes from the station's other device over HTTP; this window's device pulls it.
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  const device = await enrollDevice(county.url, enrollment.code, '综合窗口二号机')
  const intake = intakePayload(item, 'MHZMZ01', 1, { intakeNo: todayIntakeNo('MHZMZ01', 1), materials: broughtMaterials(item) })
  const { intakeNo } = intake
  await pushApplied(county.url, device, [submitMutation(intake)])
  const station = await openStation()
  await station.getByLabel('注册码').fill(await issueEnrollmentCode(county.url, await operatorLogin(county.url), 'MHZMZ01'))
  await station.getByRole('button', { name: '注册本设备' }).click()
  await station.getByRole('menuitem', { name: '办件列表' }).click()
  await expect(station.locator(`[data-intake-no="${intakeNo}"]`)).toContainText('待受理', { timeout: 60_000 })

  // At the county: the operator finds it in the inbox and asks for a correction of one material.
  const operator = await browser.newPage()
  await operator.goto(`${county.url}/console/`)
  await operator.getByLabel('用户名').fill('admin')
  await operator.getByLabel('密码').fill('menghai2026')
  await operator.getByRole('button', { name: '登 录' }).click()
  const row = operator.getByRole('row').filter({ hasText: intakeNo })
  await expect(row).toContainText('待受理')
  await row.getByText(intakeNo).click()
  const drawer = operator.getByRole('dialog').filter({ hasText: `办件详情：${intakeNo}` })
  await drawer.getByRole('button', { name: '补 正' }).click()
  const form = operator.getByRole('dialog').filter({ hasText: `补正：${intakeNo}` })
  await form.getByLabel('第1项 材料').fill(material.name)
  await form.getByLabel('第1项 问题').fill('复印件不清晰，请重新复印')
  await form.getByRole('button', { name: '确认补正' }).click()
  await expect(drawer.getByTestId('intake-status')).toHaveText('待补正')
  await operator.close()

  // Back at the station, without anyone pressing anything: the clerk is told, and the intake says what to correct.
  await expect(station.locator('.ant-notification').getByText(`县级要求补正：${intakeNo}`)).toBeVisible({ timeout: 60_000 })
  await station.locator(`[data-intake-no="${intakeNo}"]`).click()
  await expect(station.getByRole('heading', { name: `办件详情 ${intakeNo}` })).toBeVisible()
  await expect(station.getByLabel('办理进程')).toContainText(`需补正：${material.name}（复印件不清晰，请重新复印）`)
  await station.screenshot({ path: test.info().outputPath('station-correction.png'), fullPage: true })

  // The 一次性告知书 lists what the county asked for, to hand to the resident.
  await station.getByRole('button', { name: '一次性告知书' }).click()
  const notice = station.getByRole('dialog').filter({ hasText: '一次性告知书' })
  await expect(notice).toContainText(material.name)
  await expect(notice).toContainText('复印件不清晰，请重新复印')
  await station.screenshot({ path: test.info().outputPath('station-correction-notice.png'), fullPage: true })
})
