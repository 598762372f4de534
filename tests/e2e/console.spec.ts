import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { operatorLogin } from './support/test-county'
import { demoCatalog, demoIdNumber, enrollDevice, intakePayload, pushApplied, submitMutation } from './support/station-api'
import { expect, test } from './support/station-fixture'
import { chooseOption } from './support/intake-wizard'
import { confirmPopconfirm } from './support/popconfirm'

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')
const catalog = demoCatalog
// An item the county must accept itself, with materials to ask a correction of.
const item = catalog.items.find((candidate) => candidate.status === 'active' && !candidate.acceptOnReceipt && candidate.materials.length > 0)!
const material = item.materials[0]!

/** What a station does when it sends an intake up: enroll once, then push one `intake.submit`. */
async function submitFromStation(countyUrl: string, enrollmentCode: string, stationCode: string): Promise<string> {
  const token = await enrollDevice(countyUrl, enrollmentCode)
  const payload = intakePayload(item, stationCode, 1, {
    intakeNo: `${stationCode}-20261128-0001`,
    serviceMode: 'assisted',
    assistReason: 'elderly',
    materials: [{ materialId: material.id, name: material.name, status: 'provided', form: 'copy', count: 1, attachments: [] }],
  })
  await pushApplied(countyUrl, token, [submitMutation(payload)])
  return payload.intakeNo
}

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

test('an operator signs in, finds a station intake in the inbox and asks for a correction', async ({ page, county }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  const intakeNo = await submitFromStation(county.url, enrollment.code, 'MHZMZ01')

  await page.goto(`${county.url}/console/`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('wrong-password')
  await page.getByRole('button', { name: '登 录' }).click()
  await expect(page.getByText('用户名或密码错误')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('console-login-error.png') })

  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()
  await expect(page.getByRole('menuitem', { name: '办件收件箱' })).toBeVisible()

  const row = page.getByRole('row').filter({ hasText: intakeNo })
  await expect(row).toContainText('勐海镇曼真村便民服务站')
  await expect(row).toContainText('玉香')
  await expect(row).toContainText(item.name)
  await expect(row).toContainText('待受理')
  await page.screenshot({ path: test.info().outputPath('console-inbox.png'), fullPage: true })

  // The status filter hides it once it no longer matches.
  await page.getByLabel('办理状态').click()
  await page.getByTitle('已办结').click()
  await expect(page.getByText('暂无办件')).toBeVisible()
  await page.getByLabel('办理状态').click()
  await page.getByTitle('待受理').click()
  await expect(row).toBeVisible()
  await page.getByLabel('事项名称').fill('没有这个事项')
  await page.getByLabel('事项名称').press('Enter')
  await expect(page.getByText('暂无办件')).toBeVisible()
  await page.getByLabel('事项名称').fill(item.name.slice(0, 4))
  await page.getByLabel('事项名称').press('Enter')
  await expect(row).toBeVisible()

  await row.getByText(intakeNo).click()
  const drawer = page.getByRole('dialog').filter({ hasText: `办件详情：${intakeNo}` })
  await expect(drawer).toContainText(demoIdNumber)
  await expect(drawer).toContainText('帮办')
  await expect(drawer).toContainText(material.name)
  await expect(drawer.getByTestId('intake-status')).toHaveText('待受理')

  // antd spaces out two-character button labels: 补正 reads 补 正.
  await drawer.getByRole('button', { name: '补 正' }).click()
  const form = page.getByRole('dialog').filter({ hasText: `补正：${intakeNo}` })
  await form.getByLabel('第1项 材料').fill(material.name)
  await form.getByLabel('第1项 问题').fill('复印件不清晰，请重新复印')
  await form.getByRole('button', { name: '确认补正' }).click()

  await expect(drawer.getByTestId('intake-status')).toHaveText('待补正')
  await expect(drawer).toContainText(`${material.name}：复印件不清晰，请重新复印`)
  await page.screenshot({ path: test.info().outputPath('console-correction.png'), fullPage: true })
  // The inbox still filters on 待受理, so the intake has left it; it is under 待补正 now.
  await page.keyboard.press('Escape')
  // The drawer hands focus back as its closing animation ends; a select opened before that closes again.
  await expect(drawer).toBeHidden()
  await expect(row).toHaveCount(0)
  await chooseOption(page, '办理状态', '待补正')
  await expect(row).toContainText('待补正')

  // Another operator accepts it meanwhile; refusing from this stale screen shows the server's reason.
  await row.getByText(intakeNo).click()
  await expect(drawer.getByTestId('intake-status')).toHaveText('待补正')
  const token = await operatorLogin(county.url)
  const listed = await fetch(`${county.url}/api/v1/admin/intakes?stationCode=MHZMZ01`, { headers: { authorization: `Bearer ${token}` } })
  const [onServer] = ((await listed.json()) as { intakes: { id: string }[] }).intakes
  const accepted = await fetch(`${county.url}/api/v1/admin/intakes/${onServer!.id}/decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'accept' }),
  })
  expect(accepted.status).toBe(200)
  await drawer.getByRole('button', { name: '不予受理' }).click()
  const refusal = page.getByRole('dialog').filter({ hasText: `不予受理：${intakeNo}` })
  await refusal.getByLabel('不予受理理由').fill('不属于本县受理范围')
  await refusal.getByRole('button', { name: '确认不予受理' }).click()
  await expect(refusal.getByText('办件当前状态为“已受理”，不能执行“不予受理”')).toBeVisible()
})

test('the stations screen shows a new code once, which stations have one, and the devices that used them', async ({ page, county }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!
  await submitFromStation(county.url, enrollment.code, 'MHZ01')

  await page.goto(`${county.url}/console/stations`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()

  // The county keeps only hashes: the list says a code is live, never what it is.
  const unused = county.enrollmentCodes.find((entry) => entry.stationCode === 'MZZJZ01')!
  const unusedRow = page.getByRole('row').filter({ hasText: 'MZZJZ01' })
  await expect(unusedRow).toContainText('已签发，未使用')
  await expect(unusedRow).not.toContainText(unused.code)
  const used = page.getByRole('row').filter({ hasText: '勐海镇便民服务中心' })
  await expect(used).toContainText('无（已用完或过期）')
  await expect(used).toContainText('1 台')

  await used.getByRole('button', { name: '签发新注册码' }).click()
  await confirmPopconfirm(page, '签发后，该站点此前未使用的注册码将作废。', '签 发')
  const shown = page.getByRole('dialog', { name: '勐海镇便民服务中心的新注册码' })
  await expect(shown).toContainText('只在此处显示一次')
  const newCode = (await shown.locator('[data-enrollment-code]').innerText()).trim()
  expect(newCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
  await shown.getByRole('button', { name: '已记下' }).click()
  await expect(shown).toBeHidden()
  await expect(used).toContainText('已签发，未使用')
  await expect(used).not.toContainText(newCode)
  await used.getByRole('button', { name: '展开行' }).click()
  const device = page.getByRole('row', { name: /^综合窗口一号机 / })
  await expect(device).toContainText('正常')
  await expect(device).toContainText(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/)
  await expect(page.getByText('签发后，该站点此前未使用的注册码将作废。')).toBeHidden()
  await page.screenshot({ path: test.info().outputPath('console-stations.png'), fullPage: true })

  // 同步记录: the push that sent the intake, with its counts.
  await device.getByRole('button', { name: '同步记录' }).click()
  const syncLog = page.getByRole('dialog', { name: '同步记录：综合窗口一号机' })
  await expect(syncLog.getByRole('row').filter({ hasText: '上传变更' })).toContainText('上传 1 条：新增 1、重复 0、拒收 0')
  await page.keyboard.press('Escape')
  await expect(syncLog).toBeHidden()

  // 停用设备, after a confirmation: the device is marked and no longer counted.
  await device.getByRole('button', { name: '停用设备' }).click()
  await confirmPopconfirm(page, '停用后“综合窗口一号机”将无法再与县级服务器同步，需用新注册码重新注册。', '停 用')
  await expect(page.getByText('已停用设备“综合窗口一号机”')).toBeVisible()
  await expect(device).toContainText('已停用')
  await expect(device.getByRole('button', { name: '停用设备' })).toHaveCount(0)
  await expect(used).toContainText('0 台')

  // 作废注册码: the code just issued stops working, without issuing another.
  await used.getByRole('button', { name: '作废注册码' }).click()
  await confirmPopconfirm(page, '作废后该注册码不能再注册设备；已注册的设备不受影响。', '作 废')
  await expect(page.getByText('已作废勐海镇便民服务中心未使用的注册码')).toBeVisible()
  await expect(used).toContainText('无（已用完或过期）')
  await expect(used.getByRole('button', { name: '作废注册码' })).toHaveCount(0)
})

test('办结 sends the result to the station by default (站点领取), and an administrator authorises a 首席事务代表', async ({ page, county }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
  const intakeNo = await submitFromStation(county.url, enrollment.code, 'MHZMZ01')
  const token = await operatorLogin(county.url)
  const listed = await fetch(`${county.url}/api/v1/admin/intakes?stationCode=MHZMZ01`, { headers: { authorization: `Bearer ${token}` } })
  const intakeId = ((await listed.json()) as { intakes: { id: string; intakeNo: string }[] }).intakes.find((intake) => intake.intakeNo === intakeNo)!.id
  const accepted = await fetch(`${county.url}/api/v1/admin/intakes/${intakeId}/decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'accept' }),
  })
  expect(accepted.status).toBe(200)

  await page.goto(`${county.url}/console/`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()
  await page.getByRole('row').filter({ hasText: intakeNo }).getByText(intakeNo).click()
  const drawer = page.getByRole('dialog').filter({ hasText: `办件详情：${intakeNo}` })
  // No 容缺 material: 终止办理 is not offered.
  await expect(drawer.getByRole('button', { name: '终止办理' })).toHaveCount(0)
  await drawer.getByRole('button', { name: '办 结' }).click()
  const completion = page.getByRole('dialog').filter({ hasText: `办结：${intakeNo}` })
  await expect(completion.getByRole('radio', { name: '站点领取' })).toBeChecked()
  await completion.getByRole('button', { name: '确认办结' }).click()
  await expect(drawer.getByTestId('intake-status')).toHaveText('已办结')
  await expect(drawer).toContainText('站点领取')
  // The station records the hand-over; the county offers no 送达 of its own.
  await expect(drawer.getByRole('button', { name: '送 达' })).toHaveCount(0)

  await page.goto(`${county.url}/console/stations`)
  await page.getByRole('row').filter({ hasText: 'MHZMZ01' }).getByRole('button', { name: '展开行' }).click()
  const agent = page.locator('[data-station-staff="MHZMZ01"] [data-staff-username="yanhan"]')
  const authority = agent.getByRole('switch', { name: '岩罕的首席事务代表授权' })
  await expect(authority).not.toBeChecked()
  await authority.click()
  await expect(authority).toBeChecked()
  const staff = await fetch(`${county.url}/api/v1/admin/stations/MHZMZ01/staff`, { headers: { authorization: `Bearer ${token}` } })
  expect(
    ((await staff.json()) as { staff: { username: string; onSiteAuthority?: boolean }[] }).staff.find((row) => row.username === 'yanhan')?.onSiteAuthority,
  ).toBe(true)
})
