import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { decodeCsvBytes, parseCsv, writeCsv } from '../../server/services/catalog/import/csv'
import { expect, test } from './support/station-fixture'

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')
const PENSION = '城乡居民基本养老保险参保登记'
const RENAMED = '城乡居民基本养老保险参保登记（2027年版）'
const LIMIT_HEADER = '承诺办结时限'

const catalogRow = (page: Page, name: string) => page.locator('tr[data-item-id]').filter({ hasText: name })

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

test('an operator imports a catalog file with a bad row, fixes it, publishes, and the station gets the change', async ({ county, openStation }) => {
  // The station: enrolled, with the item under its old name.
  const station = await openStation()
  await station.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!.code)
  await station.getByRole('button', { name: '注册本设备' }).click()
  await station.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(catalogRow(station, PENSION)).toBeVisible()
  await expect(catalogRow(station, RENAMED)).toHaveCount(0)

  // The operator, in another tab: sign in, open 事项目录, export the catalog as CSV.
  const operator = await station.context().newPage()
  await operator.goto(`${county.url}/console/`)
  await operator.getByLabel('用户名').fill('admin')
  await operator.getByLabel('密码').fill('menghai2026')
  await operator.getByRole('button', { name: '登 录' }).click()
  await operator.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(operator).toHaveURL(/\/console\/catalog$/)
  await expect(operator.getByText('当前目录：第 1 版')).toBeVisible()
  // The search narrows the list of published items.
  await operator.getByLabel('查找事项').fill('养老保险参保')
  await expect(operator.getByRole('row').filter({ hasText: PENSION })).toBeVisible()
  await expect(operator.getByRole('row').filter({ hasText: '出生登记' })).toHaveCount(0)

  const downloading = operator.waitForEvent('download')
  await operator.getByRole('button', { name: '导出 CSV' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^勐海县事项目录-第1版-\d{8}\.csv$/)
  const exported = readFileSync((await download.path())!)
  expect([...exported.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const decoded = decodeCsvBytes(exported)
  const parsed = decoded.ok ? parseCsv(decoded.text) : undefined
  if (!parsed?.ok) throw new Error('the exported CSV does not read back')
  const rows = parsed.rows
  const column = (header: string) => rows[0]!.indexOf(header)

  // The edit: rename the pension item on all its rows, and break the limit of another item on one row.
  for (const row of rows.slice(1)) if (row[column('事项名称')] === PENSION) row[column('事项名称')] = RENAMED
  const badIndex = rows.findIndex((row, index) => index > 0 && row[column('事项名称')] !== RENAMED)
  const badItem = rows[badIndex]![column('事项名称')]!
  const goodLimit = rows[badIndex]![column(LIMIT_HEADER)]!
  rows[badIndex]![column(LIMIT_HEADER)] = '十个工作日'
  const badRow = badIndex + 1

  const upload = async (name: string) => {
    await operator.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: writeCsv(rows) })
  }

  await upload('目录-有错误.csv')
  const errors = operator.getByTestId('catalog-import-errors')
  await expect(errors).toContainText('文件中有 1 处错误')
  await expect(errors).toContainText('目录未作任何改动')
  const errorRow = errors.getByRole('row').filter({ hasText: `第 ${badRow} 行` })
  await expect(errorRow).toContainText(LIMIT_HEADER)
  await expect(errorRow).toContainText('应为非负整数')
  await operator.screenshot({ path: test.info().outputPath('console-catalog-import-errors.png'), fullPage: true })
  // Nothing changed: still version 1, still the old name, no version published.
  await operator.getByRole('button', { name: /刷\s?新/ }).click()
  await expect(operator.getByText('当前目录：第 1 版')).toBeVisible()
  await expect(operator.getByRole('row').filter({ hasText: RENAMED })).toHaveCount(0)
  await operator.getByRole('tab', { name: '发布记录' }).click()
  await expect(operator.getByText('尚未从后台发布过目录')).toBeVisible()
  expect(badItem).not.toBe(RENAMED)

  // Fixed: the diff shows one changed item; publish it.
  rows[badIndex]![column(LIMIT_HEADER)] = goodLimit
  await upload('目录-已修改.csv')
  const diff = operator.getByTestId('catalog-import-diff')
  await expect(diff).toContainText('导入预览（草稿）')
  const changedRow = diff.getByRole('row').filter({ hasText: RENAMED })
  await expect(changedRow).toContainText('变更')
  await expect(changedRow).toContainText('事项名称')
  await expect(diff.getByRole('row')).toHaveCount(2)
  await operator.screenshot({ path: test.info().outputPath('console-catalog-import-diff.png'), fullPage: true })
  await diff.getByRole('button', { name: /^发\s?布$/ }).click()
  await operator
    .getByRole('tooltip')
    .getByRole('button', { name: /^发\s?布$/ })
    .click()
  await expect(operator.getByText('已发布为第 2 版')).toBeVisible()
  await expect(operator.getByText('当前目录：第 2 版')).toBeVisible()
  const published = operator.getByRole('row').filter({ hasText: '第 2 版' })
  await expect(published).toContainText('admin')
  await expect(published).toContainText('目录-已修改.csv')
  await operator.screenshot({ path: test.info().outputPath('console-catalog-versions.png'), fullPage: true })

  // The station pulls the new version and shows the new name.
  await station.bringToFront()
  await station.getByRole('button', { name: '立即同步' }).click()
  await expect(catalogRow(station, RENAMED)).toBeVisible()
  await expect(catalogRow(station, PENSION).filter({ hasNotText: RENAMED })).toHaveCount(0)
  await station.screenshot({ path: test.info().outputPath('station-catalog-after-publish.png'), fullPage: true })
})
