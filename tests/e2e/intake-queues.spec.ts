import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CatalogSeed } from '../../shared/catalog'
import type { IntakeSubmitInput } from '../../shared/intake'
import { residentIdCheckChar } from '../../shared/validators'
import { countyIntake, decideIntake } from './support/county-admin'
import { operatorLogin } from './support/test-county'
import { createIntake } from './support/intake-wizard'
import { broughtMaterials, enrollDevice, intakePayload, issueEnrollmentCode, pushApplied, submitMutation, todayIntakeNo } from './support/station-api'
import { expect, test } from './support/station-fixture'

const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/catalog/menghai-catalog.json'), 'utf8')) as CatalogSeed
// A 承诺件 the county accepts itself, with a limit longer than the "due soon" window (3 working days).
const item = catalog.items.find(
  (candidate) =>
    candidate.status === 'active' &&
    candidate.audience.includes('1') &&
    candidate.handling === '2' &&
    !candidate.acceptOnReceipt &&
    candidate.promisedLimitDays > 3,
)!
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')
const STATION = 'MHZMZ01'
const QUEUES = ['today', 'unsent', 'waiting', 'dueSoon', 'overdue', 'toDeliver', 'all'] as const
type Counts = Record<(typeof QUEUES)[number], number>

/** Takes an intake through the form on this window's device; answers its number. */
async function takeIntake(page: Page, applicant: string): Promise<string> {
  return createIntake(page, {
    item: item.name,
    itemName: item.name,
    person: { name: applicant, idNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' },
  })
}

async function queueCounts(page: Page): Promise<Counts> {
  const entries = await Promise.all(QUEUES.map(async (queue) => [queue, Number(await page.locator(`[data-queue-count="${queue}"]`).textContent())] as const))
  return Object.fromEntries(entries) as Counts
}

async function expectCounts(page: Page, expected: Partial<Counts>): Promise<void> {
  await expect.poll(async () => queueCounts(page), { timeout: 60_000 }).toMatchObject(expected)
}

/** Opens a queue's tab and answers the intake numbers listed in it. */
async function expectQueue(page: Page, label: string, intakeNos: string[]): Promise<void> {
  // As an event: a toast left open under the page's stopped clock must not cover the tab.
  await page.getByRole('tab', { name: new RegExp(`^${label}`) }).dispatchEvent('click')
  await expect(page.getByRole('tab', { name: new RegExp(`^${label}`) })).toHaveAttribute('aria-selected', 'true')
  // The table follows the tab a render later (its rows come from a live query): poll until it shows the queue.
  const rows = page.locator('.ant-table [data-intake-no]')
  await expect
    .poll(async () => (await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-intake-no') ?? ''))).sort())
    .toEqual([...intakeNos].sort())
}

/** The China date after `date` (YYYY-MM-DD). */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

test('the intake list queues: today, unsent, waiting on the resident, due soon, overdue, completed waiting for delivery', async ({ county, openStation }) => {
  // Three of the day's intakes come from the station's other device over HTTP (the queues hold
  // every device's intakes of the station); only the unsent one, this device's own, is taken here.
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!
  const device = await enrollDevice(county.url, enrollment.code, '综合窗口二号机')
  const [corrected, completed, accepted] = ['玉香', '岩温', '玉罕'].map((name, index) =>
    intakePayload(item, STATION, index + 1, {
      intakeNo: todayIntakeNo(STATION, index + 1),
      applicant: { kind: 'person', name, idNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' },
      materials: broughtMaterials(item),
    }),
  ) as [IntakeSubmitInput, IntakeSubmitInput, IntakeSubmitInput]
  await pushApplied(county.url, device, [corrected, completed, accepted].map(submitMutation))

  // The county asks 补正 on one, completes another, accepts the third.
  const token = await operatorLogin(county.url)
  await decideIntake(county.url, token, corrected.id, { decision: 'requestCorrection', items: [{ name: '居民身份证', problem: '复印件不清晰，请带原件' }] })
  await decideIntake(county.url, token, completed.id, { decision: 'accept' })
  await decideIntake(county.url, token, completed.id, { decision: 'complete', result: 'approved' })
  await decideIntake(county.url, token, accepted.id, { decision: 'accept' })

  const page = await openStation()
  // Moving the page's clock ahead reads as a long idle time: where the screen then locks, sign in again.
  await page.addLocatorHandler(page.getByRole('button', { name: '换人登录' }), async (button) => button.click())
  await page.getByLabel('注册码').fill(await issueEnrollmentCode(county.url, token, STATION))
  await page.getByRole('button', { name: '注册本设备' }).click()

  await page.getByRole('menuitem', { name: '办件列表' }).click()
  await expectCounts(page, { today: 3, unsent: 0, waiting: 1, dueSoon: 0, overdue: 0, toDeliver: 1, all: 3 })
  await expectQueue(page, '今日办件', [corrected.intakeNo, completed.intakeNo, accepted.intakeNo].sort())
  await expectQueue(page, '未发送', [])
  await expect(page.getByText('“未发送”中没有办件')).toBeVisible()
  await expectQueue(page, '等待群众', [corrected.intakeNo])
  await page.screenshot({ path: test.info().outputPath('queue-waiting.png'), fullPage: true })

  // Completed: the clerk is told which results are handed over here (出件登记) and which the county delivers and records; the intake leaves the queue once it is delivered.
  await expectQueue(page, '办结待送达', [completed.intakeNo])
  await expect(page.getByText(/县级以其他方式送达的，由县级登记送达/)).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('queue-to-deliver.png'), fullPage: true })
  await decideIntake(county.url, token, completed.id, { decision: 'deliver', method: 'pickup' })
  await expectCounts(page, { toDeliver: 0, all: 3 })
  await expect(page.locator(`.ant-table [data-intake-no="${completed.intakeNo}"]`)).toHaveCount(0)
  await expectQueue(page, '全部', [corrected.intakeNo, completed.intakeNo, accepted.intakeNo])

  // The accepted one's 办结期限, by the county: on that day it is due soon, the day after it is overdue.
  const dueDate = (await countyIntake(county.url, token, accepted.id)).decision.dueDate!
  expect(dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  await page.clock.setFixedTime(new Date(`${dueDate}T10:00:00+08:00`))
  await page.reload()
  await page.getByRole('menuitem', { name: '办件列表' }).click()
  await expectCounts(page, { today: 0, waiting: 1, dueSoon: 1, overdue: 0, toDeliver: 0, all: 3 })
  await expectQueue(page, '3个工作日内到期', [accepted.intakeNo])
  await page.screenshot({ path: test.info().outputPath('queue-due-soon.png'), fullPage: true })

  await page.clock.setFixedTime(new Date(`${nextDay(dueDate)}T10:00:00+08:00`))
  await page.reload()
  await page.getByRole('menuitem', { name: '办件列表' }).click()
  await expectCounts(page, { dueSoon: 0, overdue: 1, all: 3 })
  await expectQueue(page, '已超期', [accepted.intakeNo])
  await page.screenshot({ path: test.info().outputPath('queue-overdue.png'), fullPage: true })

  // Offline: a new intake is made today (the page's today) and waits in 未发送.
  await county.stop()
  const unsent = await takeIntake(page, '岩香')
  // Under the page's stopped clock the 办件已保存 toast never times out and covers the menu: click it as an event.
  await page.getByRole('menuitem', { name: '办件列表' }).dispatchEvent('click')
  await expectCounts(page, { today: 1, unsent: 1, all: 4 })
  await expectQueue(page, '未发送', [unsent])
  await expectQueue(page, '今日办件', [unsent])
  await page.screenshot({ path: test.info().outputPath('queue-unsent.png'), fullPage: true })
})
