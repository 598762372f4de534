import type { Page } from '@playwright/test'
import { residentIdCheckChar } from '../../shared/validators'
import { chooseOption, chooseUnsetMaterials } from './support/intake-wizard'
import { expect, test } from './support/station-fixture'

// 出生登记 (pinyin initials csdj): a 即办件 of 勐海县公安局 with four materials.
const BIRTH = '出生登记'
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')
const badIdNumber = idNumber.slice(0, 17) + (idNumber.endsWith('1') ? '2' : '1')

async function enroll(page: Page, code: string): Promise<void> {
  await page.getByLabel('注册码').fill(code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(page.locator('tr[data-item-id]').filter({ hasText: BIRTH })).toBeVisible({ timeout: 60_000 })
}

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true })
const heading = (page: Page, title: string) => page.getByRole('heading', { name: new RegExp(`第 \\d 步（共 4 步）：${title}$`) })
const reviewHeading = (page: Page) => page.getByRole('heading', { name: '请申请人核对以下信息' })
const review = (page: Page, section: string) => page.locator(`[data-review-section="${section}"]`)

/** Presses Tab until the field labelled `label` has focus (the tab stops in between depend on the item's checklist). */
async function tabTo(page: Page, label: string | RegExp, role: 'textbox' | 'button' | 'combobox' = 'textbox'): Promise<void> {
  const target = page.getByRole(role, { name: label, exact: true })
  for (let presses = 0; presses < 80; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${String(label)}`)
}

test('a clerk takes an intake with the keyboard alone and submits it with Ctrl+Enter from the review', async ({ county, openStation }) => {
  const page = await openStation()
  await enroll(page, county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!.code)
  await page.getByRole('menuitem', { name: '新建办件' }).click()

  // Step 1 opens with the item search focused: pinyin initials, Enter picks the first match.
  await expect(heading(page, '办理事项')).toBeVisible()
  await expect(page.getByRole('button', { name: /第 1 步（共 4 步）：办理事项/ })).toHaveAttribute('aria-current', 'step')
  const itemSearch = page.getByLabel('办理事项', { exact: true })
  await expect(itemSearch).toBeFocused()
  await page.keyboard.type('csdj')
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option').first()).toHaveAttribute('title', BIRTH)
  await page.keyboard.press('Enter')
  await expect(page.locator('#intake').getByTitle(BIRTH, { exact: true })).toBeVisible()
  await shot(page, 'step-1-item')
  // Enter once the dropdown has closed is 下一步.
  await page.keyboard.press('Enter')

  // Step 2: the applicant kind has focus; Tab walks the fields.
  await expect(heading(page, '申请人与办理方式')).toBeVisible()
  await expect(page.getByRole('radio', { name: '个人' })).toBeFocused()
  // Past 读取身份证 (no reader here) to the name.
  await tabTo(page, '申请人姓名')
  await page.keyboard.type('玉香')
  await page.keyboard.press('Tab')
  await page.keyboard.type(idNumber)
  await page.keyboard.press('Tab')
  await page.keyboard.type('13908812345')
  await page.keyboard.press('Tab')
  await page.keyboard.type('勐海县勐海镇曼真村三组')
  // 办理方式: arrow keys move the choice from 本人办理 to 帮办, which asks for a reason.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('radio', { name: '本人办理' })).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('radio', { name: '帮办' })).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('帮办代办原因')).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option').first()).toHaveAttribute('title', '年老')
  await page.keyboard.press('Enter')
  // Tab once the dropdown has closed on the choice (an open one keeps the focus).
  await expect(page.getByLabel('帮办代办原因')).toHaveAttribute('aria-expanded', 'false')
  await expect(page.locator('[data-intake-step="applicant"]').getByTitle('年老')).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('原因补充说明')).toBeFocused()
  await page.keyboard.type('行动不便')
  await shot(page, 'step-2-applicant')
  await page.keyboard.press('Enter')

  // Step 3: every material starts unchosen, and 下一步 (Enter) refuses until each is set.
  await expect(heading(page, '材料清单')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByText('请填写“出生医学证明”的收取情况')).toBeVisible()
  await expect(page.getByLabel('出生医学证明', { exact: true })).toBeFocused()
  // Each status from the keyboard: the arrow opens the list on 已收取, Enter takes it.
  for (const material of ['出生医学证明', '父母双方居民身份证', '落户方居民户口簿', '父母结婚证']) {
    await tabTo(page, material, 'combobox')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(page.getByLabel(material, { exact: true })).toHaveAttribute('aria-expanded', 'false')
  }
  // Tab down to 备注 (Enter there is a new line, not 下一步).
  await tabTo(page, '备注')
  await page.keyboard.type('申请人年老，由站点帮办')
  await shot(page, 'step-3-materials')
  await tabTo(page, '下一步', 'button')
  await page.keyboard.press('Enter')

  // The review: its heading has focus, and it reads back everything typed, unmasked.
  await expect(reviewHeading(page)).toBeFocused()
  await expect(review(page, 'item')).toContainText(BIRTH)
  await expect(review(page, 'item')).toContainText('5328220400012')
  await expect(review(page, 'item')).toContainText('勐海县公安局')
  await expect(review(page, 'item')).toContainText('即办')
  for (const typed of ['玉香', idNumber, '13908812345', '勐海县勐海镇曼真村三组']) await expect(review(page, 'applicant')).toContainText(typed)
  await expect(review(page, 'serviceMode')).toContainText('帮办')
  await expect(review(page, 'serviceMode')).toContainText('年老')
  await expect(review(page, 'serviceMode')).toContainText('行动不便')
  await expect(review(page, 'materials')).toContainText('出生医学证明')
  await expect(review(page, 'materials')).toContainText('已收取')
  await expect(review(page, 'other')).toContainText('申请人年老，由站点帮办')
  await shot(page, 'step-4-review')

  await page.keyboard.press('Control+Enter')
  await expect(page.getByText(/办件已保存，编号 MHZ01-\d{8}-[0-9A-Z]{3}\d{4}/)).toBeVisible()
})

test('下一步 stops at a wrong ID number, 上一步 keeps every value, and a reload restores them all', async ({ county, openStation }) => {
  const page = await openStation()
  await enroll(page, county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!.code)
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  const itemSearch = page.getByLabel('办理事项', { exact: true })
  await itemSearch.click()
  await itemSearch.fill('csdj')
  await page.keyboard.press('Enter')
  await expect(page.locator('#intake').getByTitle(BIRTH, { exact: true })).toBeVisible()
  await page.getByRole('button', { name: '下一步' }).click()

  // A wrong check digit: 下一步 stays on step 2, says why in Chinese and puts the cursor on the field.
  await page.getByLabel('申请人姓名').fill('岩温')
  await page.getByLabel('公民身份号码').fill(badIdNumber)
  await page.getByLabel('联系电话').fill('0691-5123456')
  await page.getByLabel('住址').fill('勐海县勐海镇曼真村三组')
  await page.getByRole('radio', { name: '代办', exact: true }).check()
  await chooseOption(page, '帮办代办原因', '患病')
  await page.getByLabel('授权说明').fill('授权委托书一份')
  // 代办 records its agent in fields.
  await page.getByLabel('代办人姓名').fill('岩三')
  await page.getByLabel('代办人身份证号').fill(idNumber)
  await page.getByLabel('代办人电话').fill('13908800000')
  await page.getByLabel('与申请人关系').fill('儿子')
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByText(/公民身份号码校验位不正确/)).toBeVisible()
  await expect(heading(page, '申请人与办理方式')).toBeVisible()
  await expect(page.getByLabel('公民身份号码')).toBeFocused()
  await shot(page, 'wrong-id-number')

  await page.getByLabel('公民身份号码').fill(idNumber)
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(heading(page, '材料清单')).toBeVisible()
  // 代办: the agent's ID card is on the checklist too.
  await expect(page.getByLabel('代办人身份证', { exact: true })).toBeVisible()
  await chooseUnsetMaterials(page)
  await page.getByLabel('备注').fill('父母均在外务工')

  // 上一步 twice and back again: nothing typed is lost.
  await page.getByRole('button', { name: '上一步' }).click()
  await expect(heading(page, '申请人与办理方式')).toBeVisible()
  await expect(page.getByLabel('申请人姓名')).toHaveValue('岩温')
  await expect(page.getByLabel('公民身份号码')).toHaveValue(idNumber)
  await expect(page.getByRole('radio', { name: '代办', exact: true })).toBeChecked()
  await expect(page.getByLabel('授权说明')).toHaveValue('授权委托书一份')
  await page.getByRole('button', { name: '上一步' }).click()
  await expect(heading(page, '办理事项')).toBeVisible()
  await expect(page.locator('#intake').getByTitle(BIRTH, { exact: true })).toBeVisible()
  // A step already reached is a click away in the Steps bar.
  await page.getByRole('button', { name: /第 3 步（共 4 步）：材料清单/ }).click()
  await expect(heading(page, '材料清单')).toBeVisible()
  await expect(page.getByLabel('备注')).toHaveValue('父母均在外务工')
  await expect(page.getByText(/草稿已自动保存/)).toBeVisible()

  // The draft after a reload holds every step's values.
  await page.reload()
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await expect(page.getByText('已恢复未完成的办件草稿')).toBeVisible()
  await expect(page.locator('#intake').getByTitle(BIRTH, { exact: true })).toBeVisible()
  await shot(page, 'draft-restored')
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByLabel('申请人姓名')).toHaveValue('岩温')
  await expect(page.getByLabel('公民身份号码')).toHaveValue(idNumber)
  await expect(page.getByLabel('联系电话')).toHaveValue('0691-5123456')
  await expect(page.getByRole('radio', { name: '代办', exact: true })).toBeChecked()
  await expect(page.getByLabel('授权说明')).toHaveValue('授权委托书一份')
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByLabel('备注')).toHaveValue('父母均在外务工')
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(reviewHeading(page)).toBeVisible()
  await expect(review(page, 'serviceMode')).toContainText('患病')
  await expect(review(page, 'serviceMode')).toContainText('授权委托书一份')

  // 修改 on the review leads back to the section's step.
  await review(page, 'applicant').getByRole('button', { name: '修改申请人' }).click()
  await expect(heading(page, '申请人与办理方式')).toBeVisible()
  await expect(page.getByRole('radio', { name: '个人' })).toBeFocused()
  await expect(page.getByLabel('申请人姓名')).toHaveValue('岩温')
})
