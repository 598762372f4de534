import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { pullResponseSchema, type MutationInput } from '../../shared/protocol'
import { operatorLogin } from './support/test-county'
import { demoCatalog, enrollDevice, intakePayload, pushApplied, submitMutation } from './support/station-api'
import { expect, test } from './support/station-fixture'

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')
const catalog = demoCatalog
const item = catalog.items.find((candidate) => candidate.status === 'active' && candidate.handling === '1')!
const STATION = 'MHZMZ01'

type StationSide = { token: string; intakeNo: string; reportId: string }

/** What a station sends up: an intake, the resident's 非常不满意 rating of it, and a 办不成事 report, through enroll and push. */
async function stationSendsUp(countyUrl: string, enrollmentCode: string): Promise<StationSide> {
  const token = await enrollDevice(countyUrl, enrollmentCode)
  const intake = intakePayload(item, STATION, 1)
  const { createdAt } = intake
  const evaluationId = randomUUID()
  const reportId = randomUUID()
  const mutations: MutationInput[] = [
    submitMutation(intake),
    {
      id: randomUUID(),
      type: 'evaluation.record',
      entityId: evaluationId,
      payload: { id: evaluationId, intakeId: intake.id, rating: 5, badReason: 'slow', comment: '等了两个小时没人理', source: 'residentOnScreen', createdAt },
      createdAt,
    },
    {
      id: randomUUID(),
      type: 'report.record',
      entityId: reportId,
      payload: {
        id: reportId,
        stationCode: STATION,
        residentName: '岩罕',
        residentPhone: '13908810001',
        description: '想办的事：残疾人两项补贴\n遇到的问题：本站未进驻该事项',
        staffName: '岩罕',
        createdAt,
      },
      createdAt,
    },
  ]
  await pushApplied(countyUrl, token, mutations)
  return { token, intakeNo: intake.intakeNo, reportId }
}

const stat = (page: Page, name: string) => page.locator(`[data-stat="${name}"] .ant-statistic-content-value`)

/** Picks a step in the drawer's 处理 choice and saves it with its fields. */
async function takeStep(drawer: ReturnType<Page['getByRole']>, action: string, fields: Record<string, string> = {}) {
  await drawer
    .locator('label.ant-radio-button-wrapper')
    .filter({ hasText: new RegExp(`^${action}$`) })
    .click()
  for (const [label, value] of Object.entries(fields)) await drawer.getByLabel(label).fill(value)
  await drawer.getByRole('button', { name: '保 存' }).click()
}

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

test('a station’s 差评 is rectified in the console with a call-back, its 办不成事 report resolved, and the dashboard counts them', async ({ page, county }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!
  const station = await stationSendsUp(county.url, enrollment.code)

  await page.goto(`${county.url}/console/dashboard`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()

  // The dashboard: one intake today, one rating, one open 差评, one open report, the device in contact.
  await expect(page.getByRole('heading', { name: '首页统计' })).toBeVisible()
  await expect(stat(page, 'intakes14')).toHaveText('1')
  await expect(stat(page, 'ratings')).toHaveText('1')
  await expect(stat(page, 'badOpen')).toHaveText('1')
  await expect(stat(page, 'reportsOpen')).toHaveText('1')
  await expect(stat(page, 'silentDevices')).toHaveText('0')
  await expect(page.getByRole('img', { name: '评价分布' }).locator('[data-category="非常不满意"]')).toHaveAttribute('data-total', '1')
  await expect(page.getByRole('img', { name: '近14天各站点收件量' }).locator('[data-total="1"]')).toHaveCount(1)
  await expect(page.getByRole('row').filter({ hasText: '综合窗口一号机' })).toContainText('正常')
  await page.screenshot({ path: test.info().outputPath('dashboard-before.png'), fullPage: true })

  // 好差评: the 差评 is 待整改 with its due date; follow it up.
  await page.getByRole('menuitem', { name: '好差评' }).click()
  const row = page.getByRole('row').filter({ hasText: station.intakeNo })
  await expect(row).toContainText('非常不满意')
  await expect(row).toContainText('待整改')
  await row.getByText('整改跟踪').click()
  const drawer = page.getByRole('dialog')
  await expect(drawer).toContainText('等了两个小时没人理')
  await expect(drawer.locator('[data-follow-up-status]')).toHaveText('待整改')

  await takeStep(drawer, '开始整改', { 说明: '约谈窗口人员，调整午间值班' })
  await expect(drawer.locator('[data-follow-up-status]')).toHaveText('整改中')

  // 已整改 before any call-back is refused with the county's reason.
  await takeStep(drawer, '整改完成', { 说明: '已整改' })
  await expect(drawer.getByRole('alert')).toContainText('标记已整改前须回访群众')
  await expect(drawer.locator('[data-follow-up-status]')).toHaveText('整改中')

  await drawer
    .locator('label.ant-radio-button-wrapper')
    .filter({ hasText: /^登记回访$/ })
    .click()
  await drawer.getByLabel('回访人').fill('李四')
  await drawer.getByLabel('群众反馈').fill('已有人值班，满意')
  await drawer.getByLabel('说明（可不填）').fill('电话回访')
  await drawer.getByText('满意', { exact: true }).click()
  await drawer.getByRole('button', { name: '保 存' }).click()
  await expect(drawer.locator('[data-follow-up-step="1"]')).toContainText('群众反馈：已有人值班，满意（满意）')

  await takeStep(drawer, '整改完成', { 说明: '午间值班已落实' })
  await expect(drawer.locator('[data-follow-up-status]')).toHaveText('已整改')
  await expect(drawer.locator('[data-follow-up-step]')).toHaveCount(3)
  await expect(drawer.locator('[data-follow-up-step="2"]')).toContainText('整改完成 → 已整改')
  await expect(drawer.locator('[data-follow-up-step="2"]')).toContainText('县政务服务管理局管理员')
  await expect(drawer.getByRole('button', { name: '保 存' })).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('evaluation-rectified.png'), fullPage: true })
  await drawer.getByRole('button', { name: /关闭|Close/ }).click()
  await expect(row).toContainText('已整改')

  // 办不成事: 受理 → 开始办理 → 已解决 with a reply to the resident.
  await page.getByRole('menuitem', { name: '办不成事' }).click()
  await page.locator('[data-report-resident="岩罕"]').click()
  const reportDrawer = page.getByRole('dialog')
  await takeStep(reportDrawer, '受理', { 说明: '转县残联' })
  await expect(reportDrawer.locator('[data-report-status]')).toHaveText('已受理')
  await takeStep(reportDrawer, '开始办理', { 说明: '县残联办理中' })
  await expect(reportDrawer.locator('[data-report-status]')).toHaveText('办理中')
  await takeStep(reportDrawer, '已解决', { 说明: '已办结', 答复群众: '补贴已发放，请留意银行到账' })
  await expect(reportDrawer.locator('[data-report-status]')).toHaveText('已解决')
  await page.screenshot({ path: test.info().outputPath('report-resolved.png'), fullPage: true })
  await reportDrawer.getByRole('button', { name: /关闭|Close/ }).click()

  // The station pulls the resolution and the reply.
  const pulled = await fetch(`${county.url}/api/v1/pull?limit=1000`, { headers: { authorization: `Bearer ${station.token}` } })
  const changes = pullResponseSchema.parse(await pulled.json()).changes.filter((change) => change.entity === 'reportFollowUp')
  expect(changes.at(-1)).toMatchObject({ id: station.reportId, data: { status: 'resolved', reply: '补贴已发放，请留意银行到账' } })

  // The dashboard now has nothing open.
  await page.getByRole('menuitem', { name: '首页统计' }).click()
  await expect(stat(page, 'badOpen')).toHaveText('0')
  await expect(stat(page, 'reportsOpen')).toHaveText('0')
  await expect(stat(page, 'ratings')).toHaveText('1')
  await page.screenshot({ path: test.info().outputPath('dashboard-after.png'), fullPage: true })
})

test('the county’s resolution of a 办不成事 report and its reply reach the station’s report list', async ({ county, openStation }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!
  const page = await openStation()
  await page.getByLabel('注册码').fill(enrollment.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await expect(page.getByText('县级服务器：可连接')).toBeVisible({ timeout: 60_000 })

  await page.getByRole('menuitem', { name: '办不成事反映' }).click()
  await page.getByLabel('反映人姓名').fill('玉儿')
  await page.getByLabel('联系电话').fill('0691-5123456')
  await page.getByLabel('想办的事').fill('办理低保')
  await page.getByLabel('遇到的问题').fill('本站未进驻该事项')
  await page.getByRole('button', { name: '保存并上报' }).click()
  const reportRow = page.locator('[data-report-id]').filter({ hasText: '玉儿' })
  await expect(reportRow).toContainText('已上报', { timeout: 60_000 })
  const reportId = await reportRow.getAttribute('data-report-id')

  // The county operator takes it to 已解决 with a reply, as the console does.
  const token = await operatorLogin(county.url)
  for (const step of [
    { action: 'accept', note: '转县民政局' },
    { action: 'startHandling', note: '民政局核查中' },
    { action: 'resolve', note: '已纳入低保', reply: '已为您办理低保，请于下月到站点领取' },
  ]) {
    const response = await fetch(`${county.url}/api/v1/admin/reports/${reportId}/follow-up`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(step),
    })
    expect(response.status).toBe(200)
  }

  // The station's next pull brings it: the list shows the county's status and its reply.
  await expect(reportRow).toContainText('县级已解决', { timeout: 60_000 })
  await expect(reportRow).toContainText('县级答复：已为您办理低保，请于下月到站点领取')
  await page.screenshot({ path: test.info().outputPath('station-report-resolved.png'), fullPage: true })
})
