import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { operatorLogin } from './support/test-county'
import { demoCatalog, demoIdNumber, enrollDevice, intakePayload, pushApplied, submitMutation } from './support/station-api'
import { expect, test } from './support/station-fixture'

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')
const STATION = 'MHZMZ01'
/** The demo department reviewer (server/seed/demo-stations.ts) and the department it reviews for. */
const REVIEWER = { username: 'minzheng', password: 'minzheng2026', department: '勐海县民政局' }

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

// Issue 11 §3: one resident, two intakes at one station, one of them the reviewer's department's.
// Searching by the resident's ID number (matched through the county's keyed hash), name or the
// other intake's number, the reviewer sees only their own department's intake.
test("a reviewer's search stays within their department", async ({ page, county }) => {
  const admin = await operatorLogin(county.url)
  const offered = (await (await fetch(`${county.url}/api/v1/admin/stations/${STATION}/items`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
    itemIds: string[]
  }
  const itemOf = (own: boolean) =>
    demoCatalog.items.find((item) => item.status === 'active' && offered.itemIds.includes(item.id) && (item.department === REVIEWER.department) === own)!
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!
  const token = await enrollDevice(county.url, enrollment.code)
  const own = intakePayload(itemOf(true), STATION, 1)
  const other = intakePayload(itemOf(false), STATION, 2)
  await pushApplied(county.url, token, [submitMutation(own), submitMutation(other)])

  await page.goto(`${county.url}/console/`)
  await page.getByLabel('用户名').fill(REVIEWER.username)
  await page.getByLabel('密码').fill(REVIEWER.password)
  await page.getByRole('button', { name: '登 录' }).click()
  const searchBox = page.getByRole('searchbox', { name: '搜索办件' }).or(page.getByLabel('搜索办件'))
  await expect(searchBox).toBeVisible()
  await expect(searchBox).toHaveAttribute('placeholder', '办件编号、申请人姓名、手机号或身份证号')

  const ownRow = page.getByRole('row').filter({ hasText: own.intakeNo })
  const otherRow = page.getByRole('row').filter({ hasText: other.intakeNo })
  for (const query of [demoIdNumber, '玉香', own.intakeNo]) {
    await searchBox.fill(query)
    await searchBox.press('Enter')
    await expect(ownRow).toBeVisible()
    await expect(page.getByText('共 1 件')).toBeVisible()
    await expect(otherRow).toHaveCount(0)
  }
  await searchBox.fill(other.intakeNo)
  await searchBox.press('Enter')
  await expect(page.getByText('暂无办件')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('console-reviewer-search.png'), fullPage: true })
})
