import { residentIdCheckChar } from '../../shared/validators'
import { operatorLogin } from './support/test-county'
import { createIntake } from './support/intake-wizard'
import { expect, test } from './support/station-fixture'

// The wizard's legal rules (materials start unchosen, 缺少 makes a received-only intake, 代办 names its
// agent, 读取身份证, returning residents, the 当场办结 refusals) are checked on the real screens in
// tests/component/; this is their journey through the county: the one-time notice carries the county's
// lookup address, and an authority the county withdraws reaches the station.
// 出生登记: a 即办件 among the 进驻事项 of 勐海镇便民服务中心 (MHZ01), four materials (m4 optional).
const BIRTH = '出生登记'
const agentIdNumber = '53282219700101003' + residentIdCheckChar('53282219700101003')
const applicant = {
  name: '玉香',
  idNumber: '53282219850314202' + residentIdCheckChar('53282219850314202'),
  phone: '13908812345',
  address: '勐海县勐海镇曼真村三组',
}

/** The county withdraws the 首席事务代表 authorisation of the station's demo lead (赵伟) through the admin API. */
async function withdrawOnSiteAuthority(countyUrl: string): Promise<void> {
  const token = await operatorLogin(countyUrl)
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const listed = await fetch(`${countyUrl}/api/v1/admin/stations/MHZ01/staff`, { headers })
  const { staff } = (await listed.json()) as { staff: { id: string; username: string }[] }
  const lead = staff.find((account) => account.username === 'zhaowei')!
  const patched = await fetch(`${countyUrl}/api/v1/admin/stations/MHZ01/staff/${lead.id}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ onSiteAuthority: false }),
  })
  expect(patched.status).toBe(200)
}

test("a 代办 intake with a required material 缺少 gets the one-time notice alone, with the county lookup QR code; 当场办结 is refused once the county withdraws the lead's authority", async ({
  county,
  openStation,
}) => {
  await withdrawOnSiteAuthority(county.url)
  const page = await openStation({ signInAs: 'lead' })
  await page.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(page.locator('tr[data-item-id]').filter({ hasText: BIRTH })).toBeVisible({ timeout: 60_000 })

  // 代办 for the applicant, 出生医学证明 缺少: received, not accepted.
  const missingNo = await createIntake(page, {
    item: 'csdj',
    itemName: BIRTH,
    person: applicant,
    serviceMode: '代办',
    assistReason: '年老',
    proxyAuthorization: '授权委托书一份',
    agent: { name: '岩三', idNumber: agentIdNumber, phone: '13908800000', relationship: '儿子' },
    materials: { 出生医学证明: { status: '缺少' } },
  })

  // Its documents: the one-time notice alone, no 受理凭证; its QR code opens the county's lookup page.
  await page.locator(`[data-intake-no="${missingNo}"]`).click()
  await expect(page.getByRole('heading', { name: `办件详情 ${missingNo}` })).toBeVisible()
  const documents = page.locator('.ant-card').filter({ hasText: '打印文书' })
  await expect(documents.getByRole('button')).toHaveText(['一次性告知书'])
  await documents.getByRole('button', { name: '一次性告知书' }).click()
  const preview = page.getByTestId('document-preview')
  await expect(preview).toContainText('出生医学证明')
  await expect(preview).toContainText(`办件编号：${missingNo}`)
  await expect(preview.locator('img[data-qr-text]')).toHaveAttribute('data-qr-text', new RegExp(`^${county.url}/q/[A-Za-z0-9_-]{43}$`))
  await page.getByRole('button', { name: '关闭' }).click()
  await page.getByRole('button', { name: '返回办件列表' }).click()

  // 查找群众 by ID number finds the resident's intake.
  await page.getByLabel('查找群众').fill(applicant.idNumber)
  await page.getByLabel('查找群众').press('Enter')
  await expect(page.getByTestId('resident-results')).toContainText('找到 1 件')
  await expect(page.getByTestId('resident-results').locator(`[data-intake-no="${missingNo}"]`)).toBeVisible()

  // A complete 即办件: the lead the county no longer authorises as 首席事务代表 is refused 当场办结.
  const completeNo = await createIntake(page, { item: 'csdj', itemName: BIRTH, person: applicant })
  await page.getByRole('button', { name: `当场办结 ${completeNo}` }).click()
  await expect(page.getByTestId('on-site-refusal')).toContainText('只有县级授权的首席事务代表可以当场办结')
  await expect(page.getByRole('button', { name: '确认办结' })).toBeDisabled()
})
