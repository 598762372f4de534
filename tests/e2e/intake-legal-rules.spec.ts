import { residentIdCheckChar } from '../../shared/validators'
import { DEMO_ID_CARD } from '../../src-renderer/platform/simulated-id-card-reader'
import { operatorLogin } from './support/county-process'
import { chooseOption, chooseUnsetMaterials, submitIntakeWizard } from './support/intake-wizard'
import { expect, test } from './support/station-fixture'

// 出生登记: a 即办件 among the 进驻事项 of 勐海镇便民服务中心 (MHZ01), four materials (m4 optional).
const BIRTH = '出生登记'
const agentIdNumber = '53282219700101003' + residentIdCheckChar('53282219700101003')

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

test('the wizard keeps the legal rules: unchosen materials, 缺少 gives a one-time notice only, 代办 names its agent, 读取身份证, returning residents, 当场办结 only when authorised', async ({
  county,
  openStation,
}) => {
  await withdrawOnSiteAuthority(county.url)
  const page = await openStation({ signInAs: 'lead' })
  await page.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(page.locator('tr[data-item-id]').filter({ hasText: BIRTH })).toBeVisible({ timeout: 60_000 })

  // 本机维护: this machine reads cards with the simulator (off until chosen).
  await page.getByRole('menuitem', { name: '本机维护' }).click()
  await chooseOption(page, '阅读器', '模拟阅读器')
  await page.getByRole('button', { name: '保存阅读器设置' }).click()
  await expect(page.getByText('身份证阅读器已设为“模拟阅读器（演示、测试）”')).toBeVisible()

  await page.getByRole('menuitem', { name: '新建办件' }).click()
  const search = page.getByLabel('办理事项', { exact: true })
  await search.click()
  await search.fill('csdj')
  await page.keyboard.press('Enter')
  await expect(page.locator('#intake').getByTitle(BIRTH, { exact: true })).toBeVisible()
  await page.getByRole('button', { name: '下一步' }).click()

  // 读取身份证 fills the applicant from the card and shows what the card adds.
  await page.getByRole('button', { name: '读取身份证' }).click()
  await expect(page.getByLabel('申请人姓名')).toHaveValue(DEMO_ID_CARD.name)
  await expect(page.getByLabel('公民身份号码')).toHaveValue(DEMO_ID_CARD.idNumber)
  await expect(page.getByLabel('住址')).toHaveValue(DEMO_ID_CARD.address)
  await expect(page.getByTestId('id-card-summary')).toHaveText('身份证：性别 女 · 民族 傣族 · 出生 1985-03-14 · 有效期限 2016.05.20-2036.05.20')
  await page.getByLabel('联系电话').fill('13908812345')

  // 代办 asks for the agent in fields before 下一步 goes on.
  await page.getByRole('radio', { name: '代办', exact: true }).check()
  await chooseOption(page, '帮办代办原因', '年老')
  await page.getByLabel('授权说明').fill('授权委托书一份')
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByText('请填写代办人姓名')).toBeVisible()
  await expect(page.getByLabel('代办人姓名')).toBeFocused()
  await page.getByLabel('代办人姓名').fill('岩三')
  await page.getByLabel('代办人身份证号').fill(agentIdNumber)
  await page.getByLabel('代办人电话').fill('13908800000')
  await page.getByLabel('与申请人关系').fill('儿子')
  await page.getByRole('button', { name: '下一步' }).click()

  // Materials start unchosen: 下一步 refuses, naming and focusing the first. 代办人身份证 is on the list.
  await expect(page.getByLabel('代办人身份证', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByText('请填写“出生医学证明”的收取情况')).toBeVisible()
  await expect(page.getByLabel('出生医学证明', { exact: true })).toBeFocused()
  await chooseOption(page, '出生医学证明', '缺少')
  await chooseUnsetMaterials(page, new Set(['出生医学证明']))
  await page.getByRole('button', { name: '下一步' }).click()

  // A required material 缺少: received, not accepted, and the review says so before the submit.
  await expect(page.getByTestId('received-only')).toContainText('必要材料“出生医学证明”缺少：本件只登记为收件，不予受理，不出具受理凭证')
  const review = page.locator('[data-review-section="serviceMode"]')
  for (const text of ['岩三', agentIdNumber, '13908800000', '儿子']) await expect(review).toContainText(text)
  const missingNo = await submitIntakeWizard(page)

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
  await page.getByLabel('查找群众').fill(DEMO_ID_CARD.idNumber)
  await page.getByLabel('查找群众').press('Enter')
  await expect(page.getByTestId('resident-results')).toContainText('找到 1 件')
  await expect(page.getByTestId('resident-results').locator(`[data-intake-no="${missingNo}"]`)).toBeVisible()

  // 新建办件 for the returning resident: the ID number alone, then the rest from the last intake.
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await search.click()
  await search.fill('csdj')
  await page.keyboard.press('Enter')
  await expect(page.locator('#intake').getByTitle(BIRTH, { exact: true })).toBeVisible()
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('公民身份号码').fill(DEMO_ID_CARD.idNumber)
  await expect(page.getByTestId('returning-resident')).toContainText(missingNo)
  await page.getByRole('button', { name: '按上次办件填入' }).click()
  await expect(page.getByLabel('申请人姓名')).toHaveValue(DEMO_ID_CARD.name)
  await expect(page.getByLabel('联系电话')).toHaveValue('13908812345')
  await expect(page.getByLabel('住址')).toHaveValue(DEMO_ID_CARD.address)
  await page.getByRole('button', { name: '下一步' }).click()
  await chooseUnsetMaterials(page)
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByTestId('received-only')).toHaveCount(0)
  const completeNo = await submitIntakeWizard(page)

  // A lead the county has not authorised as 首席事务代表 is refused 当场办结, in Chinese.
  await page.getByRole('button', { name: `当场办结 ${completeNo}` }).click()
  await expect(page.getByTestId('on-site-refusal')).toContainText('只有县级授权的首席事务代表可以当场办结')
  await expect(page.getByRole('button', { name: '确认办结' })).toBeDisabled()
})
