import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from './support/station-fixture'

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')

test.use({ viewport: { width: 1600, height: 900 } })

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

test('the administrator replaces a published calendar year in 工作日历; the old version stays in 发布记录', async ({ page, county }) => {
  await page.goto(`${county.url}/console/calendar`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()

  const row2026 = page.locator('tr[data-row-key="2026"]')
  await expect(row2026).toContainText('第1版')
  await expect(row2026).toContainText('傣历新年节')
  await row2026.getByRole('button', { name: '查看与编辑' }).click()

  // A 调休 on a holiday is refused in Chinese, and nothing is saved.
  await page.getByLabel('调休上班日').fill('2026-10-01')
  await page.getByRole('button', { name: '保存草稿' }).click()
  await expect(page.getByText('2026-10-01 既是节假日又是调休上班日，只能选一种')).toBeVisible()
  await expect(page.getByRole('button', { name: '发布草稿' })).toBeDisabled()

  await page.getByLabel('调休上班日').fill('2026-01-04\n2026-02-14\n2026-02-28\n2026-05-09\n2026-09-20\n2026-10-10')
  await page.getByLabel('地方节日1日期').fill('2026-04-13\n2026-04-14\n2026-04-15\n2026-04-16')
  await page.getByRole('button', { name: '保存草稿' }).click()
  await expect(page.getByText('草稿已保存')).toBeVisible()
  await page.getByRole('button', { name: '发布草稿' }).click()
  await expect(page.getByText('发布第2版，替换现行的第1版？')).toBeVisible()
  await page.getByRole('button', { name: '发 布' }).click()
  await expect(page.getByText('已发布2026年工作日历第2版')).toBeVisible()

  await expect(page.getByRole('row').filter({ hasText: '第2版（现行）' })).toContainText('傣历新年节4天')
  await expect(page.getByRole('row').filter({ hasText: /^第1版/ })).toContainText('傣历新年节3天')
})
