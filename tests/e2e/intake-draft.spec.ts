import type { Page } from '@playwright/test'
import { residentIdCheckChar } from '../../shared/validators'
import { createIntake } from './support/intake-wizard'
import { expect, test } from './support/station-fixture'

const BIRTH = '出生登记'
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')

async function enroll(page: Page, code: string): Promise<void> {
  await page.getByLabel('注册码').fill(code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(page.locator('tr[data-item-id]').filter({ hasText: BIRTH })).toBeVisible()
}

/** Half the form: the item (found by pinyin initials), the applicant's name and part of the ID number. */
async function fillHalfTheForm(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await page.getByLabel('办理事项', { exact: true }).click()
  await page.getByLabel('办理事项', { exact: true }).fill('csdj')
  await page.keyboard.press('Enter')
  await expect(page.locator('#intake').getByTitle(BIRTH)).toBeVisible()
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('申请人姓名').fill('玉香')
  await page.getByLabel('公民身份号码').fill(idNumber.slice(0, 10))
  await expect(page.getByText(/草稿已自动保存/)).toBeVisible()
}

test('a half-filled intake survives a reload and goes away with the submit', async ({ county, openStation }) => {
  // The intake takes four steps of the wizard; the county alone may take a minute to start on a busy machine.
  const page = await openStation()
  await enroll(page, county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!.code)
  await fillHalfTheForm(page)

  await page.reload()
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await expect(page.getByText('已恢复未完成的办件草稿')).toBeVisible()
  await expect(page.locator('#intake').getByTitle(BIRTH)).toBeVisible()
  await expect(page.getByLabel('申请人姓名')).toHaveValue('玉香')
  await expect(page.getByLabel('公民身份号码')).toHaveValue(idNumber.slice(0, 10))
  await page.screenshot({ path: test.info().outputPath('draft-restored.png'), fullPage: true })

  const intakeNo = await createIntake(page, {
    item: 'csdj',
    itemName: BIRTH,
    person: { name: '玉香', idNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' },
  })
  expect(intakeNo).toMatch(/^MHZ01-\d{8}-[0-9A-Z]{3}\d{4}$/)

  // The draft went with the intake: after a reload the form starts empty.
  await page.reload()
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await expect(page.getByLabel('申请人姓名')).toHaveValue('')
  await expect(page.getByText('已恢复未完成的办件草稿')).toHaveCount(0)
  await expect(page.getByText('填写内容将自动保存为草稿')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('draft-gone-after-submit.png'), fullPage: true })
})

test('放弃草稿 starts the form over and the draft stays gone', async ({ county, openStation }) => {
  // The intake takes four steps of the wizard; the county alone may take a minute to start on a busy machine.
  const page = await openStation()
  await enroll(page, county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!.code)
  await fillHalfTheForm(page)

  await page.reload()
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await expect(page.getByLabel('申请人姓名')).toHaveValue('玉香')
  await page.getByRole('button', { name: '放弃草稿' }).click()
  await expect(page.getByText('已恢复未完成的办件草稿')).toHaveCount(0)
  await expect(page.getByLabel('申请人姓名')).toHaveValue('')

  await page.reload()
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await expect(page.getByLabel('申请人姓名')).toHaveValue('')
  await expect(page.getByText('已恢复未完成的办件草稿')).toHaveCount(0)
})
