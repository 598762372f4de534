import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { operatorLogin } from './support/test-county'
import { demoCatalog } from './support/station-api'
import { expect, signInStation, test } from './support/station-fixture'
import { confirmPopconfirm } from './support/popconfirm'

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')
const CODE = 'MHZMN01'
const NAME = '勐海镇曼农村便民服务站'
// Assigned below by the 村(社区) level template: every item the catalog marks for villages.
const villageItems = demoCatalog.items.filter((item) => item.status !== 'withdrawn' && item.levels.includes('6'))

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

async function signInConsole(page: Page, countyUrl: string): Promise<void> {
  await page.goto(`${countyUrl}/console/`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()
  await expect(page.getByRole('menuitem', { name: '站点与设备' })).toBeVisible()
}

/** Every option of the (virtual) 办理事项 list, walked with the arrow key from the first until it wraps around. */
async function offeredItemNames(page: Page): Promise<string[]> {
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active')
  const first = await active.getAttribute('title')
  const names = [first ?? '']
  for (;;) {
    await page.keyboard.press('ArrowDown')
    const title = await active.getAttribute('title')
    if (title === first || names.length > 1000) return names.sort()
    names.push(title ?? '')
  }
}

test('a new station: created and given its 进驻事项 in the console, enrolled in the browser, it offers exactly those items', async ({
  page,
  county,
  openStation,
}) => {
  await signInConsole(page, county.url)

  await page.getByRole('menuitem', { name: '站点与设备' }).click()
  await page.getByRole('button', { name: '新建站点' }).click()
  const form = page.getByRole('dialog', { name: '新建站点' })
  await form.getByLabel('站点编码').fill(CODE)
  await form.getByLabel('站点名称').fill(NAME)
  await form.getByLabel('所属乡镇').fill('勐海镇')
  await form.getByLabel('联系电话').fill('0691-5123456')
  await form.getByRole('button', { name: '保 存' }).click()
  await expect(form).toBeHidden()
  const row = page.locator(`tr[data-station-code="${CODE}"]`)
  await expect(row).toContainText(NAME)
  await expect(row).toContainText('村(社区)便民服务站')
  await expect(row).toContainText('使用中')

  await page.getByRole('menuitem', { name: '进驻事项' }).click()
  const itemsRow = page.locator(`tr[data-station-code="${CODE}"]`)
  await expect(itemsRow).toContainText('未设置')
  await itemsRow.getByRole('checkbox').check()
  // The 村(社区) level is the template's default choice.
  await expect(page.getByRole('checkbox', { name: '村(社区)事项' })).toBeChecked()
  await page.getByRole('button', { name: '应用到所选站点（1）' }).click()
  await expect(itemsRow).toContainText(`${villageItems.length} 项`)

  await page.getByRole('menuitem', { name: '站点与设备' }).click()
  await row.getByRole('button', { name: '签发新注册码' }).click()
  await confirmPopconfirm(page, '签发后，该站点此前未使用的注册码将作废。', '签 发')
  const code = (await page.locator(`[data-enrollment-code="${CODE}"]`).innerText()).trim()
  await page.getByRole('button', { name: '已记下' }).click()

  // The station's first account is set up through the API: not what this test checks.
  const token = await operatorLogin(county.url)
  const staff = await fetch(`${county.url}/api/v1/admin/stations/${CODE}/staff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ username: 'yanna', displayName: '岩那', role: 'clerk', password: 'yanna-2026' }),
  })
  expect(staff.status).toBe(200)

  const station = await openStation({ signInAs: false })
  await station.getByLabel('注册码').fill(code)
  await station.getByRole('button', { name: '注册本设备' }).click()
  await signInStation(station, 'yanna', 'yanna-2026')
  await station.getByRole('menuitem', { name: '新建办件' }).click()
  await station.getByLabel('办理事项', { exact: true }).click()
  const expected = villageItems
    .filter((item) => item.status === 'active')
    .map((item) => item.name)
    .sort()
  // The list fills as the first pull lands; then it is exactly the assigned items in use.
  await expect.poll(async () => (await offeredItemNames(station)).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(expected.length)
  expect(await offeredItemNames(station)).toEqual(expected)
})

test('importing 20 stations with one bad row reports the row and column, and imports none', async ({ page, county }) => {
  await signInConsole(page, county.url)
  await page.getByRole('menuitem', { name: '站点与设备' }).click()
  await expect(page.locator('tr[data-station-code="MHZ01"]')).toBeVisible()

  const rows = Array.from({ length: 20 }, (_, index) => `DLZIMP${String(index + 1).padStart(2, '0')},打洛镇导入站${index + 1},村(社区)便民服务站,打洛镇,,`)
  rows[6] = 'DLZIMP07,打洛镇导入站7,便民服务站,打洛镇,,12345'
  const csv = ['站点编码,站点名称,类型,所属乡镇,地址,联系电话', ...rows].join('\n')
  await page.locator('input[type="file"]').setInputFiles({ name: '打洛镇站点.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })

  const result = page.getByTestId('station-import-errors')
  await expect(result).toContainText('文件中有 1 处错误，未导入任何站点')
  const error = result.locator('tbody tr')
  await expect(error).toHaveCount(1)
  await expect(error).toContainText('第 8 行')
  await expect(error).toContainText('联系电话')
  await expect(error).toContainText('联系电话应为固定电话')

  // Nothing was imported: not on the screen, not in the county.
  await page.getByRole('button', { name: '刷新' }).click()
  await expect(page.locator('tr[data-station-code="MHZ01"]')).toBeVisible()
  await expect(page.locator('tr[data-station-code^="DLZIMP"]')).toHaveCount(0)
  const token = await operatorLogin(county.url)
  const listed = (await (await fetch(`${county.url}/api/v1/admin/stations`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    stations: { code: string }[]
  }
  expect(listed.stations.filter((station) => station.code.startsWith('DLZIMP'))).toEqual([])
})
