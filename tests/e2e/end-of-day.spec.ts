import { residentIdCheckChar } from '../../shared/validators'
import { decideIntake } from './support/county-admin'
import { operatorLogin } from './support/test-county'
import { loseIntakeOnCounty } from './support/county-sql'
import { createIntake } from './support/intake-wizard'
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

const item = catalog.items.find((candidate) => candidate.status === 'active' && !candidate.acceptOnReceipt && candidate.handling === '2')!
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')

test('the end-of-day report names what the county lost; the station sends it again and the next report is all clear', async ({ county, openStation }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  // Another device of the station took an intake today (pushed over HTTP): 日终同步 reconciles this device's work only.
  const device = await enrollDevice(county.url, enrollment.code, '综合窗口二号机')
  const other = intakePayload(item, 'MHZMZ01', 1, {
    intakeNo: todayIntakeNo('MHZMZ01', 1),
    applicant: { kind: 'person', name: '岩温', idNumber, phone: '0691-5123456', address: '勐海县勐海镇曼真村三组' },
    materials: broughtMaterials(item),
  })
  await pushApplied(county.url, device, [submitMutation(other)])

  // 日终同步 is the lead's (another test checks an agent is refused).
  const page = await openStation({ signInAs: 'lead' })
  await page.getByLabel('注册码').fill(await issueEnrollmentCode(county.url, await operatorLogin(county.url), 'MHZMZ01'))
  await page.getByRole('button', { name: '注册本设备' }).click()

  // This device's own intake, taken through the form (the one the county will lose).
  const first = await createIntake(page, {
    item: item.name,
    itemName: item.name,
    person: { name: '玉香', idNumber, phone: '0691-5123456', address: '勐海县勐海镇曼真村三组' },
  })
  await expect(page.getByTestId('pending-count')).toHaveText('未发送：0', { timeout: 60_000 })

  // 日终同步 while all is well: all clear, this device's intake confirmed, the other device's not listed.
  await page.getByRole('menuitem', { name: '日终同步' }).click()
  await page.getByRole('button', { name: '开始日终同步' }).click()
  await expect(page.getByTestId('end-of-day-verdict')).toHaveText('对账无误：本日本机办理的事项县级均已收到，内容一致', { timeout: 60_000 })
  await expect(page.getByTestId('end-of-day-confirmed')).toContainText(first)
  await expect(page.getByTestId('end-of-day-confirmed')).not.toContainText(other.intakeNo)
  await page.screenshot({ path: test.info().outputPath('end-of-day-all-clear.png'), fullPage: true })

  // An accident on the county's side: the first intake and its mutation are gone from its database.
  await county.stop()
  await loseIntakeOnCounty(county.dataDir, first)
  await county.start()

  await page.getByRole('button', { name: '开始日终同步' }).click()
  await expect(page.getByTestId('end-of-day-verdict')).toHaveText('对账发现问题：县级缺少 1 条', { timeout: 90_000 })
  await expect(page.getByTestId('end-of-day-lacking')).toContainText(first)
  await page.screenshot({ path: test.info().outputPath('end-of-day-county-lacks.png'), fullPage: true })

  // Printing goes through the Platform (window.print in browser mode), showing the report alone.
  // The stub records what the printer would get: the print CSS keeps only .end-of-day-print-root.
  await page.evaluate(() => {
    const printed: { body: boolean; text: string }[] = []
    ;(window as unknown as { printed: typeof printed }).printed = printed
    window.print = () => {
      printed.push({
        body: document.body.classList.contains('printing-end-of-day'),
        text: document.querySelector('body > .end-of-day-print-root')?.textContent ?? '',
      })
    }
  })
  await page.getByRole('button', { name: '打印对账报告' }).click()
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: unknown[] }).printed.length)).toBe(1)
  const [printed] = await page.evaluate(() => (window as unknown as { printed: { body: boolean; text: string }[] }).printed)
  expect(printed!.body).toBe(true)
  expect(printed!.text).toContain('对账发现问题：县级缺少 1 条')
  expect(printed!.text).toContain(first)

  // The station sends it again from its own records; the report that follows is all clear.
  await page.getByRole('button', { name: '重新发送县级缺少的 1 条' }).click()
  await expect(page.getByTestId('end-of-day-verdict')).toHaveText('对账无误：本日本机办理的事项县级均已收到，内容一致', { timeout: 90_000 })
  await expect(page.getByTestId('end-of-day-confirmed')).toContainText(first)
  await page.screenshot({ path: test.info().outputPath('end-of-day-resent.png'), fullPage: true })

  // A county decision that needs the clerk arrives by pull and shows as a notification.
  await decideIntake(county.url, await operatorLogin(county.url), other.id, {
    decision: 'requestCorrection',
    items: [{ name: '居民户口簿', problem: '请提供户主页复印件' }],
  })
  await expect(page.locator('.ant-notification').getByText(`县级要求补正：${other.intakeNo}`)).toBeVisible({ timeout: 60_000 })
  await page.screenshot({ path: test.info().outputPath('decision-notification.png'), fullPage: true })

  // The sync log lists the rounds, from the link in the status bar.
  await page.getByRole('button', { name: '同步日志' }).click()
  await expect(page.getByTestId('sync-log')).toContainText('成功')
  await page.screenshot({ path: test.info().outputPath('sync-log.png'), fullPage: true })

  // 本机维护: the purge keeps everything here (nothing closed yet, and one intake waits for 补正).
  await page.getByRole('menuitem', { name: '本机维护' }).click()
  // antd spaces out a two-character button label (清 理).
  await page.getByRole('button', { name: /^清\s?理$/ }).click()
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /^清\s?理$/ })
    .click()
  await expect(page.getByText(/已清理 0 件已结案办件/)).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('maintenance.png'), fullPage: true })
})

test('an agent cannot start 日终同步: only the station lead may, and the page says so', async ({ county, openStation }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  const page = await openStation({ signInAs: 'agent' })
  await page.getByLabel('注册码').fill(enrollment.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '日终同步' }).click()
  await expect(page.getByText('只有站点负责人可以办理')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('button', { name: '开始日终同步' })).toBeDisabled()
})
