import { createHash } from 'node:crypto'
import type { Page } from '@playwright/test'
import type { ServiceItem } from '../../shared/catalog'
import type { AdminIntake } from '../../shared/admin'
import type { DecisionRequest } from '../../shared/decision'
import type { IntakeSubmitInput } from '../../shared/intake'
import { residentIdCheckChar } from '../../shared/validators'
import { chinaDate } from '../../shared/working-days'
import { countyIntake, decideIntake } from './support/county-admin'
import { operatorLogin, type TestCounty } from './support/test-county'
import {
  broughtMaterials,
  demoCatalog,
  enrollDevice,
  intakePayload,
  issueEnrollmentCode,
  pushApplied,
  submitMutation,
  todayIntakeNo,
} from './support/station-api'
import { expect, test, type OpenStationOptions } from './support/station-fixture'

/**
 * The intake actions a clerk takes at the station once the county has answered, each a round trip
 * against one real county: 补正, 容缺 brought in time, an overdue 容缺 ended by the county, 撤回,
 * 站点领取 and 当场办结 each with its hand-over. The intakes come from a second device of the same
 * station over HTTP (the station pulls another device's intakes), so only the actions are
 * clicked through; every decision is the county's, through its admin API. A test's cases are set
 * up before the station enrolls, so its first pull brings them all and no step waits for another;
 * three tests of two cases each, so each stays short and they run side by side.
 */

const STATION = 'MHZMZ01'
const byId = (id: string) => demoCatalog.items.find((item) => item.id === id)!
// 困难残疾人生活补贴和重度残疾人护理补贴: a 承诺件 the county accepts itself (not in a 收件即受理
// domain of the notice), with a 容缺-able material (社会保障卡或银行账户信息, m4).
const allowance = byId('5328220500006')
const deferrableName = allowance.materials.find((material) => material.id === 'm4')!.name
const today = chinaDate(new Date())
const yesterday = chinaDate(new Date(Date.now() - 86_400_000))
const relativeId = '53282219800101001' + residentIdCheckChar('53282219800101001')

type County = { url: string; token: string }

/** An intake made by the station's other device (not pushed yet): every material brought unless `deferred` (id → 补交期限). */
function intakeOf(item: ServiceItem, sequence: number, deferred: Record<string, string> = {}): IntakeSubmitInput {
  return intakePayload(item, STATION, sequence, { intakeNo: todayIntakeNo(STATION, sequence), materials: broughtMaterials(item, deferred) })
}

/** Waits until the county holds the intake in `status` (the station syncs every second). */
async function expectCountyStatus(county: County, intakeId: string, status: AdminIntake['status']): Promise<AdminIntake> {
  await expect.poll(async () => (await countyIntake(county.url, county.token, intakeId)).status, { timeout: 60_000 }).toBe(status)
  return countyIntake(county.url, county.token, intakeId)
}

/** The intake list on one of its queues (from a detail page too: its menu item stays selected there). */
async function showQueue(page: Page, label: string): Promise<void> {
  const back = page.getByRole('button', { name: '返回办件列表' })
  if (await back.isVisible()) await back.click()
  else await page.getByRole('menuitem', { name: '办件列表' }).click()
  const tab = page.getByRole('tab', { name: new RegExp(`^${label}`) })
  await tab.dispatchEvent('click')
  await expect(tab).toHaveAttribute('aria-selected', 'true')
}

/** Opens the intake's detail page from the list, once the station has pulled it. */
async function openIntake(page: Page, intakeNo: string): Promise<void> {
  await showQueue(page, '全部')
  const row = page.locator(`[data-intake-no="${intakeNo}"]`)
  await expect(row).toBeVisible({ timeout: 60_000 })
  await row.click()
  await expect(page.getByRole('heading', { name: `办件详情 ${intakeNo}` })).toBeVisible()
}

/** The printed document the action opened: its preview shows, and is closed again. */
async function expectPrinted(page: Page, title: string, texts: readonly string[]): Promise<void> {
  const preview = page.getByRole('dialog').filter({ hasText: `打印预览：${title}` })
  await expect(preview).toBeVisible({ timeout: 30_000 })
  for (const text of texts) await expect(preview).toContainText(text)
  await preview
    .getByRole('button', { name: /关\s*闭|Close/ })
    .first()
    .click()
  await expect(preview).toBeHidden()
}

const status = (page: Page) => page.locator('[data-intake-detail] .ant-tag').first()

/** A 即办件 among the station's 进驻事项, as the county lists them. */
async function offeredOnTheSpotItem(countyUrl: string): Promise<ServiceItem> {
  const token = await operatorLogin(countyUrl)
  const response = await fetch(`${countyUrl}/api/v1/admin/stations/${STATION}/items`, { headers: { authorization: `Bearer ${token}` } })
  const { itemIds } = (await response.json()) as { itemIds: string[] }
  return demoCatalog.items.find((item) => item.status === 'active' && item.handling === '1' && itemIds.includes(item.id))!
}

/**
 * The station's other device takes the cases (pushed over HTTP) and the county answers those it
 * must; then this window's device enrolls, signed in as the lead, and its first pull brings them all.
 */
async function stationWithCases(
  county: TestCounty,
  openStation: (options?: OpenStationOptions) => Promise<Page>,
  cases: readonly IntakeSubmitInput[],
  decisions: readonly [IntakeSubmitInput, DecisionRequest][] = [],
): Promise<{ station: Page; api: County }> {
  const device = await enrollDevice(county.url, county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!.code, '综合窗口二号机')
  const api: County = { url: county.url, token: await operatorLogin(county.url) }
  await pushApplied(county.url, device, cases.map(submitMutation))
  for (const [intake, decision] of decisions) await decideIntake(api.url, api.token, intake.id, decision)
  const station = await openStation({ signInAs: 'lead' })
  await station.getByLabel('注册码').fill(await issueEnrollmentCode(api.url, api.token, STATION))
  await station.getByRole('button', { name: '注册本设备' }).click()
  await expect(station.getByRole('menuitem', { name: '办件列表' })).toBeVisible({ timeout: 60_000 })
  return { station, api }
}

test('补正 and 容缺: the county\u2019s list and a 容缺 material are answered at the station against the real county', async ({ county, openStation }) => {
  const toCorrect = intakeOf(allowance, 1)
  const deferred = intakeOf(allowance, 2, { m4: today })
  const { station, api } = await stationWithCases(
    county,
    openStation,
    [toCorrect, deferred],
    [[toCorrect, { decision: 'requestCorrection', items: [{ materialId: 'm1', name: '居民身份证', problem: '复印件不清晰，请重新复印' }] }]],
  )

  await test.step('补正: the county\u2019s list is answered with a scanned copy; the county sees it and reviews again', async () => {
    const intake = toCorrect
    await openIntake(station, intake.intakeNo)
    await expect(station.getByLabel('补正清单')).toContainText('居民身份证：复印件不清晰，请重新复印', { timeout: 60_000 })
    await station.getByRole('button', { name: `补交材料 ${intake.intakeNo}` }).click()
    const form = station.getByRole('dialog').filter({ hasText: `补交材料：${intake.intakeNo}` })
    await form.getByLabel('已带来 居民身份证').check()
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    await form.getByLabel('为“居民身份证”添加附件').setInputFiles({ name: '身份证复印件.pdf', mimeType: 'application/pdf', buffer: pdf })
    await expect(form.locator('[data-attachment="身份证复印件.pdf"]')).toBeVisible()
    await form.getByRole('button', { name: '登记并打印收据' }).click()
    await expectPrinted(station, '补正材料收据', ['居民身份证', '原件 1份', '1个文件'])

    const answered = await expectCountyStatus(api, intake.id, 'submitted')
    expect(answered.decision.history.at(-1)?.note).toContain('补交材料：居民身份证')
    const sha256 = createHash('sha256').update(pdf).digest('hex')
    await expect
      .poll(async () => (await fetch(`${county.url}/api/v1/admin/files/${sha256}`, { headers: { authorization: `Bearer ${api.token}` } })).status, {
        timeout: 60_000,
      })
      .toBe(200)
    await expect(status(station)).toHaveText('待受理', { timeout: 60_000 })
  })

  await test.step('容缺: the material is brought before its 补交期限 and leaves the 容缺 queue', async () => {
    const intake = deferred
    await expect(async () => {
      await showQueue(station, '容缺待补交')
      await expect(station.locator(`[data-intake-no="${intake.intakeNo}"]`)).toBeVisible({ timeout: 2_000 })
    }).toPass({ timeout: 60_000 })
    await openIntake(station, intake.intakeNo)
    await station.getByRole('button', { name: `补交材料 ${intake.intakeNo}` }).click()
    const form = station.getByRole('dialog').filter({ hasText: `补交材料：${intake.intakeNo}` })
    await form.getByLabel(`已带来 ${deferrableName}`).check()
    await form.getByRole('button', { name: '登记并打印收据' }).click()
    await expectPrinted(station, '补正材料收据', ['容缺受理后补交材料', deferrableName])
    await expect
      .poll(async () => (await countyIntake(api.url, api.token, intake.id)).decision.history.at(-1)?.note ?? '', { timeout: 60_000 })
      .toContain(`补交材料：${deferrableName}`)
    await showQueue(station, '容缺待补交')
    await expect(station.locator(`[data-intake-no="${intake.intakeNo}"]`)).toBeHidden()
  })
})

test('终止办理 and 撤回: an overdue 容缺 ended by the county, and a withdrawal sent up, at the station against the real county', async ({
  county,
  openStation,
}) => {
  const overdue = intakeOf(allowance, 1, { m4: yesterday })
  const toWithdraw = intakeOf(allowance, 2)
  const { station, api } = await stationWithCases(
    county,
    openStation,
    [overdue, toWithdraw],
    [[overdue, { decision: 'terminate', reason: '社会保障卡逾期未补交' }]],
  )

  await test.step('终止办理: an overdue 容缺 ends the case at the county; the station prints the notice', async () => {
    const intake = overdue
    await openIntake(station, intake.intakeNo)
    await expect(status(station)).toHaveText('终止办理', { timeout: 60_000 })
    await expect(station.getByRole('button', { name: `补交材料 ${intake.intakeNo}` })).toHaveCount(0)
    await station.getByRole('button', { name: '终止办理通知书' }).click()
    await expectPrinted(station, '终止办理通知书', [deferrableName, '终止理由：社会保障卡逾期未补交'])
  })

  await test.step('撤回: the reason goes up, a 撤回申请 is printed for signing, and the county shows 已撤回', async () => {
    const intake = toWithdraw
    await openIntake(station, intake.intakeNo)
    await station.getByRole('button', { name: `撤回 ${intake.intakeNo}` }).click()
    const form = station.getByRole('dialog').filter({ hasText: `撤回申请：${intake.intakeNo}` })
    await form.getByLabel('撤回原因').fill('已在县政务服务中心办理')
    await form.getByRole('button', { name: '确认撤回并打印' }).click()
    await expectPrinted(station, '撤回申请', ['撤回原因：已在县政务服务中心办理', '申请人（签字/盖章）'])
    const withdrawn = await expectCountyStatus(api, intake.id, 'withdrawn')
    expect(withdrawn.decision.history.at(-1)?.note).toContain('申请人撤回：已在县政务服务中心办理')
    await expect(status(station)).toHaveText('已撤回', { timeout: 60_000 })
  })
})

test('both hand-overs: 站点领取 of a county result and 当场办结 by the 首席事务代表, at the station against the real county', async ({
  county,
  openStation,
}) => {
  const toCollect = intakeOf(allowance, 1)
  const completedHere = intakeOf(await offeredOnTheSpotItem(county.url), 2)
  const { station, api } = await stationWithCases(
    county,
    openStation,
    [toCollect, completedHere],
    [
      [toCollect, { decision: 'accept' }],
      [toCollect, { decision: 'complete', result: 'approved', deliveryMethod: 'station' }],
    ],
  )

  await test.step('站点领取: the county completes with the result sent to the station; a relative collects it', async () => {
    const intake = toCollect
    await openIntake(station, intake.intakeNo)
    await expect(status(station)).toHaveText('已办结', { timeout: 60_000 })
    await station.getByRole('button', { name: '办结通知' }).click()
    await expectPrinted(station, '办结通知', ['办理结果准予', '送达方式站点领取', '到本站领取'])
    await station.getByRole('button', { name: `出件登记 ${intake.intakeNo}` }).click()
    const form = station.getByRole('dialog').filter({ hasText: `出件登记：${intake.intakeNo}` })
    await form.getByRole('radio', { name: '他人代领' }).check()
    await form.getByLabel('领取人姓名').fill('岩香')
    await form.getByLabel('领取人身份证号').fill(relativeId.slice(0, 17) + (relativeId.endsWith('1') ? '2' : '1'))
    await form.getByLabel('与申请人关系').fill('配偶')
    await form.getByRole('button', { name: '登记并打印送达回证' }).click()
    await expect(form.getByRole('alert')).toContainText('身份')
    await form.getByLabel('领取人身份证号').fill(relativeId)
    await form.getByRole('button', { name: '登记并打印送达回证' }).click()
    await expectPrinted(station, '送达回证', ['领取人岩香', '与申请人关系配偶', '领取人（签字）'])
    const delivered = await expectCountyStatus(api, intake.id, 'delivered')
    expect(delivered.decision.handOver).toMatchObject({ recipientName: '岩香', relationship: '配偶', recipientIsApplicant: false })
    await expect(status(station)).toHaveText('已送达', { timeout: 60_000 })
  })

  await test.step('当场办结 then hand-over: the 首席事务代表 completes a 即办件 and hands the result over at once', async () => {
    const intake = completedHere
    await openIntake(station, intake.intakeNo)
    await station.getByRole('button', { name: `当场办结 ${intake.intakeNo}` }).click()
    await station
      .getByRole('dialog')
      .filter({ hasText: `当场办结：${intake.intakeNo}` })
      .getByRole('button', { name: '确认办结' })
      .click()
    await station.getByRole('button', { name: `出件登记 ${intake.intakeNo}` }).click()
    const form = station.getByRole('dialog').filter({ hasText: `出件登记：${intake.intakeNo}` })
    await expect(form.getByRole('radio', { name: /申请人本人/ })).toBeChecked()
    await form.getByRole('button', { name: '登记并打印送达回证' }).click()
    await expectPrinted(station, '送达回证', [`领取人${intake.applicant.name}`, '与申请人关系申请人本人'])
    const delivered = await expectCountyStatus(api, intake.id, 'delivered')
    expect(delivered.decision.deliveryMethod).toBe('station')
    expect(delivered.decision.handOver).toMatchObject({ recipientIsApplicant: true })
    await expect(status(station)).toHaveText('已送达', { timeout: 60_000 })
  })
})
