import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { adminIntakeResponseSchema } from '../../shared/admin'
import type { CatalogSeed } from '../../shared/catalog'
import { stationItemStatus, withdrawOnCounty } from './support/county-catalog'
import { operatorLogin } from './support/test-county'
import { chooseOption } from './support/intake-wizard'
import { chooseUnsetBundleMaterials } from './support/life-event-bundle'
import { demoIdNumber } from './support/station-api'
import { expect, test } from './support/station-fixture'

const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/catalog/menghai-catalog.json'), 'utf8')) as CatalogSeed
const itemNamed = (name: string) => catalog.items.find((item) => item.name === name)!
// 新生儿出生一件事 at 勐海镇 (MHZ01): four of its seven items, one of which the county withdraws mid-sitting.
const KEPT = ['城乡居民基本医疗保险参保登记', '出生登记', '预防接种证办理']
const WITHDRAWN = itemNamed('生育登记')
const LEFT_OUT = ['出生医学证明首次签发', '育儿补贴申领', '社会保障卡申领']
const applicant = { name: '玉罕', idNumber: demoIdNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' }

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

const step = (page: Page, title: string) => page.locator('[data-life-event-step]:visible').getByRole('heading', { name: new RegExp(`：${title}$`) })

async function next(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(step(page, title)).toBeVisible()
}

/** How many intakes the station's own database holds (IndexedDB), whatever page shows. */
async function stationIntakeCount(page: Page): Promise<number> {
  return page.evaluate(
    async () =>
      new Promise<number>((resolvePromise, reject) => {
        const open = indexedDB.open('bianmin-station')
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'))
        open.onsuccess = () => {
          const db = open.result
          const request = db.transaction('intakes').objectStore('intakes').count()
          request.onerror = () => reject(request.error ?? new Error('count failed'))
          request.onsuccess = () => {
            db.close()
            resolvePromise(request.result)
          }
        }
      }),
  )
}

test('新生儿出生一件事 taken once: one applicant, shared materials once, one intake per item with one bundle at the county and in the console', async ({
  county,
  openStation,
}) => {
  // Enrollment, a catalog withdrawal round trip and two syncs on a shared 2-core machine.
  const page = await openStation()
  await page.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await page.getByLabel('搜索事项').fill('出生登记')
  await expect(page.locator('tr[data-item-id]').filter({ hasText: '出生登记' }).first()).toBeVisible({ timeout: 60_000 })
  await page.getByLabel('搜索事项').fill('')

  // From the catalog's 一件事 view.
  await chooseOption(page, '一件事', '新生儿出生一件事')
  await page.getByRole('button', { name: '按一件事办理' }).click()
  await expect(step(page, '选择事项')).toBeVisible()
  for (const name of LEFT_OUT) await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).uncheck()
  await next(page, '申请人与办理方式')

  // Typed once for all items (the form's refusals, and the shared materials asked once, are checked in
  // tests/component/life-event-intake.test.tsx).
  await page.getByLabel('申请人姓名').fill(applicant.name)
  await page.getByLabel('公民身份号码').fill(applicant.idNumber)
  await page.getByLabel('联系电话').fill(applicant.phone)
  await page.getByLabel('住址').fill(applicant.address)
  await next(page, '材料清单')

  await chooseOption(page, '“出生医学证明”的收取情况', '电子证照替代')
  await chooseUnsetBundleMaterials(page)
  await page.screenshot({ path: test.info().outputPath('bundle-checklist.png'), fullPage: true })
  await next(page, '核对并提交')

  const review = page.getByTestId('bundle-review')
  await expect(review.locator('[data-review-item]')).toHaveCount(4)
  await expect(review).toContainText('将新建 4 件办件')
  await expect(review.locator('[data-review-item="出生登记"]')).toContainText('电子证照替代')
  await page.screenshot({ path: test.info().outputPath('bundle-review.png'), fullPage: true })

  // The county withdraws one item while the resident checks: the sitting is refused as a whole.
  await withdrawOnCounty(county.url, WITHDRAWN.id)
  await expect.poll(() => stationItemStatus(page, WITHDRAWN.id), { timeout: 60_000 }).toBe('withdrawn')
  await page.getByRole('button', { name: '提交全部办件' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '“生育登记”已取消办理，不能新建办件' })).toBeVisible()
  expect(await stationIntakeCount(page)).toBe(0)
  await page.screenshot({ path: test.info().outputPath('bundle-withdrawn-item.png'), fullPage: true })

  // The clerk leaves it out (the form shows the item step again) and submits the rest.
  await expect(step(page, '选择事项')).toBeVisible()
  await page.getByRole('checkbox', { name: /^生育登记/ }).uncheck()
  await next(page, '申请人与办理方式')
  await expect(page.getByLabel('申请人姓名')).toHaveValue(applicant.name)
  await next(page, '材料清单')
  await next(page, '核对并提交')
  await expect(review.locator('[data-review-item]')).toHaveCount(3)
  await page.getByRole('button', { name: '提交全部办件' }).click()

  const saved = page.getByTestId('bundle-intake-nos').locator('[data-saved-intake-no]')
  await expect(saved).toHaveCount(3)
  const intakeNos = await saved.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-saved-intake-no')!))
  expect(new Set(intakeNos).size).toBe(3)
  for (const number of intakeNos) expect(number).toMatch(/^MHZ01-\d{8}-[0-9A-Z]{3}\d{4}$/)
  expect(await stationIntakeCount(page)).toBe(3)

  // The station's detail shows the bundle and leads to the other intakes of it.
  await page.getByRole('button', { name: '查看办件列表' }).click()
  await page.locator(`[data-intake-no="${intakeNos[0]}"]`).getByText(intakeNos[0]!).click()
  const bundleCard = page.getByTestId('intake-bundle')
  await expect(bundleCard).toContainText('一件事一次办：新生儿出生一件事（同批 3 件）')
  await bundleCard.locator(`[data-bundle-intake-no="${intakeNos[1]}"]`).click()
  await expect(page.locator(`[data-intake-detail="${intakeNos[1]}"]`)).toBeVisible()

  // After sync the county holds the three with one bundle, and each detail lists the others.
  const token = await operatorLogin(county.url)
  const ids = await (async () => {
    let found: { id: string; intakeNo: string }[] = []
    await expect
      .poll(
        async () => {
          const response = await fetch(`${county.url}/api/v1/admin/intakes?stationCode=MHZ01`, { headers: { authorization: `Bearer ${token}` } })
          found = ((await response.json()) as { intakes: { id: string; intakeNo: string }[] }).intakes
          return found.map((intake) => intake.intakeNo).sort()
        },
        { timeout: 60_000 },
      )
      .toEqual([...intakeNos].sort())
    return found.map((intake) => intake.id)
  })()
  const response = await fetch(`${county.url}/api/v1/admin/intakes/${ids[0]}`, { headers: { authorization: `Bearer ${token}` } })
  const { intake, bundle } = adminIntakeResponseSchema.parse(await response.json())
  expect(intake.payload['lifeEvent']).toMatchObject({ id: 'birth', name: '新生儿出生一件事', itemCount: 3 })
  expect(bundle?.intakes.map((sibling) => sibling.intakeNo)).toEqual([...intakeNos].sort())
  expect(new Set(bundle?.intakes.map((sibling) => sibling.itemName))).toEqual(new Set(KEPT))

  // The console's intake detail names the bundle and opens the other intakes of it.
  const sorted = [...intakeNos].sort()
  await page.goto(`${county.url}/console/`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()
  await page.getByRole('row').filter({ hasText: sorted[0]! }).getByText(sorted[0]!).click()
  const drawer = page.getByRole('dialog').filter({ hasText: `办件详情：${sorted[0]}` })
  const consoleBundle = drawer.getByTestId('intake-bundle')
  await expect(consoleBundle).toContainText('一件事一次办：新生儿出生一件事（同批 3 件）')
  await expect(consoleBundle.getByRole('row')).toHaveCount(4)
  await page.screenshot({ path: test.info().outputPath('console-bundle.png'), fullPage: true })
  await consoleBundle.locator(`[data-bundle-intake-no="${sorted[2]}"]`).click()
  await expect(
    page
      .getByRole('dialog')
      .filter({ hasText: `办件详情：${sorted[2]}` })
      .getByTestId('intake-bundle'),
  ).toBeVisible()
})
