import type { Page } from '@playwright/test'
import { residentIdCheckChar } from '../../shared/validators'
import { expect, test } from './support/station-fixture'

// 出生登记 (pinyin initials csdj): a 即办件 of 勐海县公安局 with four materials.
const BIRTH = '出生登记'
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')

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
  // The reason field appears with the choice: Tab once it is there, as a clerk who sees it does
  // (on a busy machine the radio can show checked a render before the field exists).
  await expect(page.getByLabel('帮办代办原因')).toBeVisible()
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

  // Step 3 (its refusals while a material is unchosen: tests/component/new-intake-materials.test.tsx).
  await expect(heading(page, '材料清单')).toBeVisible()
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
