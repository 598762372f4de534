import { expect, test } from './support/station-fixture'

test('the status bar warns when the device clock is more than 5 minutes off the county', async ({ county, openStation }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  const page = await openStation()
  await page.getByLabel('注册码').fill(enrollment.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await expect(page.getByText('县级服务器：可连接')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('clock-warning')).toHaveCount(0)

  // The device clock falls 20 minutes behind; the next probe compares it with serverTime.
  await page.clock.setSystemTime(new Date(Date.now() - 20 * 60_000))
  await page.getByRole('button', { name: '立即同步' }).click()
  await expect(page.getByTestId('clock-warning')).toHaveText(/本机时钟比县级服务器慢约 (19|20|21) 分钟/, { timeout: 60_000 })
  await page.screenshot({ path: test.info().outputPath('clock-warning.png') })
})
