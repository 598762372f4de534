import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CatalogSeed } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { operatorLogin } from './support/test-county'
import { createIntake } from './support/intake-wizard'
import { expect, test } from './support/station-fixture'

const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/catalog/menghai-catalog.json'), 'utf8')) as CatalogSeed
// An active item the county must accept itself (not 收件即受理), so 已受理 can only come from the operator.
const item = catalog.items.find((candidate) => candidate.status === 'active' && !candidate.acceptOnReceipt && candidate.handling === '2')!
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')

type AdminIntake = { id: string; intakeNo: string; status: string; payload: { applicant: { name: string } } }

async function countyIntakes(countyUrl: string, token: string, stationCode: string): Promise<AdminIntake[]> {
  const response = await fetch(`${countyUrl}/api/v1/admin/intakes?stationCode=${stationCode}`, { headers: { authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
  return ((await response.json()) as { intakes: AdminIntake[] }).intakes
}

test('an intake taken offline reaches the county and its acceptance comes back on its own', async ({ county, openStation }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  const page = await openStation()

  // First run: the county address is prefilled from the page URL; enroll with the station's code.
  await expect(page.getByLabel('县级服务器地址')).toHaveValue(county.url)
  await page.getByLabel('注册码').fill(enrollment.code)
  await page.getByRole('button', { name: '注册本设备' }).click()

  // The catalog arrives by pull.
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(page.getByText(item.name).first()).toBeVisible()
  await expect(page.getByText('县级服务器：可连接')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('catalog.png'), fullPage: true })

  // The network goes: the county server stops.
  await county.stop()
  await expect(page.getByText('县级服务器：无法连接')).toBeVisible()

  // Taken through the form while offline (the wizard's own rules, a wrong ID number among them, are component tests: tests/component/new-intake-applicant.test.tsx).
  const intakeNo = await createIntake(page, {
    item: item.name,
    itemName: item.name,
    person: { name: '玉香', idNumber, phone: '0691-5123456', address: '勐海县勐海镇曼真村三组' },
  })
  expect(intakeNo).toMatch(/^MHZMZ01-\d{8}-[0-9A-Z]{3}\d{4}$/)

  // Still there after a reload, and marked unsent.
  await page.reload()
  await page.getByRole('menuitem', { name: '办件列表' }).click()
  const row = page.locator(`[data-intake-no="${intakeNo}"]`)
  await expect(row).toContainText('玉香')
  await expect(row).toContainText('未发送')
  await page.screenshot({ path: test.info().outputPath('intake-list-offline.png'), fullPage: true })

  // The county comes back; the station sends the intake on its own. Checked on the server.
  await county.start()
  const token = await operatorLogin(county.url)
  await expect.poll(async () => (await countyIntakes(county.url, token, 'MHZMZ01')).map((intake) => intake.intakeNo), { timeout: 60_000 }).toEqual([intakeNo])
  const [onServer] = await countyIntakes(county.url, token, 'MHZMZ01')
  expect(onServer!.status).toBe('submitted')
  expect(onServer!.payload.applicant.name).toBe('玉香')
  await expect(row).toContainText('已同步')

  // The operator accepts it; the station shows 已受理 without anyone clicking.
  const decision = await fetch(`${county.url}/api/v1/admin/intakes/${onServer!.id}/decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'accept' }),
  })
  expect(decision.status).toBe(200)
  await expect(row).toContainText('已受理', { timeout: 60_000 })
  await page.screenshot({ path: test.info().outputPath('intake-list-accepted.png'), fullPage: true })
})
