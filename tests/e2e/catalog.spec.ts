import { expect, test } from './support/station-fixture'
import type { Page } from '@playwright/test'
import { chooseSelectOption } from './support/select-option'

const PENSION = '城乡居民基本养老保险参保登记'
const WITHDRAWN = '新型农村合作医疗参合登记'

/** First run: enroll as 勐海镇曼真村 and wait until the catalog has been pulled. */
async function enrollAndOpenCatalog(page: Page, code: string): Promise<void> {
  await page.getByLabel('注册码').fill(code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(catalogRow(page, PENSION)).toBeVisible()
}

const catalogRow = (page: Page, name: string) => page.locator('tr[data-item-id]').filter({ hasText: name })

test('the catalog is searched by pinyin initials, browsed by domain, and a withdrawn item says so', async ({ county, openStation }) => {
  const page = await openStation()
  await enrollAndOpenCatalog(page, county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!.code)

  // 本站可办 is on once the station's 进驻事项 arrived: a village station does not take in 出生登记 (户籍).
  const offeredOnly = page.getByRole('checkbox', { name: '本站可办' })
  await expect(offeredOnly).toBeChecked()
  await expect(catalogRow(page, '出生登记')).toHaveCount(0)
  const offeredRows = await page.locator('tr[data-item-id]').count()
  await offeredOnly.uncheck()
  await expect(catalogRow(page, '出生登记')).toBeVisible()
  // It stays readable, and its guide says where to apply instead (a 乡镇 item: the township's centre).
  await catalogRow(page, '出生登记').getByRole('button', { name: '出生登记' }).click()
  const elsewhere = page.getByRole('dialog', { name: '办事指南：出生登记' })
  await expect(elsewhere.getByTestId('apply-elsewhere')).toHaveText('本站不受理此事项，请到勐海镇便民服务中心办理')
  await elsewhere.getByRole('button', { name: /关闭|Close/ }).click()
  await expect(elsewhere).toBeHidden()
  const allRows = await page.locator('tr[data-item-id]').count()
  expect(allRows).toBeGreaterThanOrEqual(120)
  expect(offeredRows).toBeLessThan(allRows)

  // The 一件事 filter names the bundles the county sent.
  await chooseSelectOption(page, page.getByLabel('一件事'), '新生儿出生一件事')
  await expect(catalogRow(page, '出生登记')).toBeVisible()
  await expect(catalogRow(page, PENSION)).toHaveCount(0)
  await page.getByRole('button', { name: '清除搜索和筛选条件' }).click()
  await expect(page.locator('tr[data-item-id]')).toHaveCount(allRows)

  // 首字母 search: "ylbx" (养老保险) keeps the pension items and hides the unrelated ones.
  const search = page.getByLabel('搜索事项')
  await search.fill('ylbx')
  await expect(catalogRow(page, PENSION)).toBeVisible()
  await expect(catalogRow(page, '城乡居民养老保险待遇领取')).toBeVisible()
  await expect(catalogRow(page, '出生登记')).toHaveCount(0)
  await expect(catalogRow(page, '个体工商户设立登记')).toHaveCount(0)
  expect(await page.locator('tr[data-item-id]').count()).toBeLessThan(allRows)
  await page.screenshot({ path: test.info().outputPath('catalog-search-ylbx.png'), fullPage: true })

  // Full pinyin finds it too.
  await search.fill('yanglao')
  await expect(catalogRow(page, PENSION)).toBeVisible()
  await expect(catalogRow(page, '出生登记')).toHaveCount(0)

  // Browse by 主题领域: only 户籍 items remain.
  await page.getByRole('button', { name: '清除搜索和筛选条件' }).click()
  await expect(page.locator('tr[data-item-id]')).toHaveCount(allRows)
  await chooseSelectOption(page, page.getByLabel('主题领域'), '户籍')
  await expect(catalogRow(page, '出生登记')).toBeVisible()
  await expect(catalogRow(page, PENSION)).toHaveCount(0)
  // Every row left is of that domain (the 主题领域 column is the table's third).
  const domains = await page.locator('tr[data-item-id] td:nth-child(3)').allTextContents()
  expect(domains.length).toBeGreaterThan(0)
  expect(domains.length).toBeLessThan(allRows)
  expect(new Set(domains)).toEqual(new Set(['户籍']))
  await page.screenshot({ path: test.info().outputPath('catalog-domain-filter.png'), fullPage: true })

  // The withdrawn item is marked in the list, and its guide says why it takes no new intake.
  await page.getByRole('button', { name: '清除搜索和筛选条件' }).click()
  await search.fill('xnchzyl')
  const withdrawn = catalogRow(page, WITHDRAWN)
  await expect(withdrawn).toContainText('已取消')
  await withdrawn.getByRole('button', { name: WITHDRAWN }).click()
  const guide = page.getByRole('dialog', { name: `办事指南：${WITHDRAWN}` })
  await expect(guide).toBeVisible()
  const notice = guide.getByTestId('item-status-notice')
  await expect(notice).toContainText('已取消')
  await expect(notice).toContainText('不再受理新的申请')
  // Let the drawer finish sliding in before the screenshot: the notice's right edge is then on screen.
  await expect
    .poll(async () => {
      const box = await notice.boundingBox()
      return box === null ? Infinity : box.x + box.width
    })
    .toBeLessThanOrEqual(page.viewportSize()!.width)
  await page.screenshot({ path: test.info().outputPath('catalog-withdrawn-guide.png'), fullPage: true })
  await guide.getByRole('button', { name: /关闭|Close/ }).click()

  // And the new-intake form does not offer it.
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await page.getByLabel('办理事项', { exact: true }).click()
  await page.getByLabel('办理事项', { exact: true }).fill('xnchzyl')
  await expect(page.getByText('没有符合条件的事项')).toBeVisible()
})
