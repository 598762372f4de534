import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CatalogSeed } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { operatorLogin } from './support/test-county'
import { fillIntakeWizard } from './support/intake-wizard'
import { broughtMaterials, enrollDevice, intakePayload, issueEnrollmentCode, pushApplied, submitMutation, todayIntakeNo } from './support/station-api'
import { demoStaffOf, expect, signInStation, test } from './support/station-fixture'

const STATION = 'MHZMZ01'
const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/catalog/menghai-catalog.json'), 'utf8')) as CatalogSeed
// A 即办件 for a person: the lead completes it at the window, so the resident can rate it at once.
const onTheSpotItem = catalog.items.find((item) => item.status === 'active' && item.audience.includes('1') && item.handling === '1')!
const idNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')
const MODES = ['normal', 'age-friendly'] as const
type Mode = (typeof MODES)[number]

/** One line per axe violation: rule, what it says, and where, so a failure names what to fix. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.help}): ${node.target.join(' ')} — ${node.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
  )
}

/** Scans the screen as it is now and saves its full-page screenshot as a test artifact. */
async function checkScreen(page: Page, screen: string, mode: Mode): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${screen}-${mode}.png`), fullPage: true })
  // Soft: one run lists every screen's violations; the test still fails on any.
  expect.soft(await axeViolations(page), `axe violations on ${screen} (${mode})`).toEqual([])
}

const isAgeFriendly = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('age-friendly'))

/** Switches the mode with its shortcut, which works on every screen, signed in or not. */
async function setMode(page: Page, mode: Mode): Promise<void> {
  if ((await isAgeFriendly(page)) !== (mode === 'age-friendly')) await page.keyboard.press('Alt+Shift+L')
  await expect.poll(() => isAgeFriendly(page)).toBe(mode === 'age-friendly')
}

const stepHeading = (title: string) => new RegExp(`第 \\d 步（共 \\d 步）：${title}$`)

async function expectStep(page: Page, title: string): Promise<void> {
  await expect(page.locator('[data-intake-step]:visible').getByRole('heading', { name: stepHeading(title) })).toBeVisible()
}

/** px of a computed font size. */
const fontSizeOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => parseFloat(getComputedStyle(element).fontSize))

/** Reloads the window; signs the lead in again should the reload have ended the session. */
async function reloadSignedIn(page: Page): Promise<void> {
  await page.reload()
  const signIn = page.getByTestId('staff-sign-in')
  await expect(page.getByRole('switch', { name: '适老模式' }).or(signIn)).toBeVisible({ timeout: 60_000 })
  if (await signIn.isVisible()) await signInStation(page, demoStaffOf(STATION, 'lead').username)
}

async function openPage(page: Page, menu: string, title: string): Promise<void> {
  // The sync status bar sticks to the top of a scrolled page, over the header's menu.
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: menu }).click()
  await expect(page).toHaveTitle(`${title} - 便民服务站`)
}

for (const mode of MODES) {
  test(`the enrollment, sign-in, catalog and 新建办件 screens pass axe (WCAG 2 A and AA) in ${mode} mode, with screenshots of each`, async ({
    county,
    openStation,
  }) => {
    const page = await openStation({ signInAs: false })
    await page.setViewportSize({ width: 1280, height: 800 })

    // 设备注册, before anything is stored.
    await expect(page).toHaveTitle('设备注册 - 便民服务站')
    await setMode(page, mode)
    await checkScreen(page, 'enrollment', mode)
    await page.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!.code)
    await page.getByRole('button', { name: '注册本设备' }).click()

    // 工作人员登录, once the accounts arrived.
    await page.getByTestId('staff-sign-in').waitFor({ timeout: 90_000 })
    await expect(page).toHaveTitle('工作人员登录 - 便民服务站')
    await checkScreen(page, 'staff-sign-in', mode)
    // The lead: every screen is open to her, 日终同步 included.
    await signInStation(page, demoStaffOf(STATION, 'lead').username)

    await openPage(page, '事项目录', '事项目录')
    const rows = page.locator('tr[data-item-id]')
    await expect(rows.first()).toBeVisible({ timeout: 60_000 })
    // A short list: the whole catalog would make a 6,000 px screenshot and a slow scan of alike rows.
    await page.getByLabel('搜索事项').fill(onTheSpotItem.name)
    const itemRow = page.locator(`tr[data-item-id="${onTheSpotItem.id}"]`)
    await expect(itemRow).toBeVisible()
    await checkScreen(page, 'catalog', mode)

    await itemRow.getByRole('button', { name: onTheSpotItem.name }).click()
    const guide = page.getByRole('dialog', { name: `办事指南：${onTheSpotItem.name}` })
    await expect(guide).toBeVisible()
    await checkScreen(page, 'item-guide', mode)
    await page.keyboard.press('Escape')
    await expect(guide).toBeHidden()
    await expect(itemRow.getByRole('button', { name: onTheSpotItem.name })).toBeFocused()

    // 新建办件, every step of the wizard; the review page is what the resident checks.
    await openPage(page, '新建办件', '新建办件')
    await expectStep(page, '办理事项')
    await checkScreen(page, 'intake-step-item', mode)
    await fillIntakeWizard(page, {
      item: onTheSpotItem.name,
      itemName: onTheSpotItem.name,
      person: { name: '玉香', idNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' },
    })
    await checkScreen(page, 'intake-review', mode)
    await page.getByRole('button', { name: '上一步' }).click()
    await expectStep(page, '材料清单')
    await checkScreen(page, 'intake-step-materials', mode)
    await page.getByRole('button', { name: '上一步' }).click()
    await expectStep(page, '申请人与办理方式')
    await checkScreen(page, 'intake-step-applicant', mode)
    await page.getByRole('button', { name: '下一步' }).click()
    await expectStep(page, '材料清单')
    await page.getByRole('button', { name: '下一步' }).click()
    await expect(page.getByRole('heading', { name: '请申请人核对以下信息' })).toBeVisible()
    // Submitting through the wizard is intake-wizard.spec.ts's journey; the screens after it are the next test's.
  })

  test(`the intake list, 当场办结, rating, 办件详情, print preview, 办不成事反映, 日终同步 and 本机维护 screens pass axe (WCAG 2 A and AA) in ${mode} mode`, async ({
    county,
    openStation,
  }) => {
    // The intake comes from the station's other device over HTTP; this device pulls it on enrolling.
    const sequence = 1
    const intake = intakePayload(onTheSpotItem, STATION, sequence, { intakeNo: todayIntakeNo(STATION, sequence), materials: broughtMaterials(onTheSpotItem) })
    const device = await enrollDevice(county.url, county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!.code, '综合窗口二号机')
    await pushApplied(county.url, device, [submitMutation(intake)])
    const code = await issueEnrollmentCode(county.url, await operatorLogin(county.url), STATION)
    const page = await openStation({ signInAs: 'lead' })
    // 当场办结 brings a lasting notice (已办结，待送达) that may lie over a row's buttons: close it first.
    // A dispatched click: under the rating screen (which covers notices) a pointer could not reach it.
    await page.addLocatorHandler(page.locator('.ant-notification-notice-close').first(), async (close) => {
      await close.dispatchEvent('click')
    })
    await page.setViewportSize({ width: 1280, height: 800 })
    // The shortcut works once the app has mounted (its title says so); pressed earlier, it is lost.
    await expect(page).toHaveTitle('设备注册 - 便民服务站')
    await setMode(page, mode)
    await page.getByLabel('注册码').fill(code)
    await page.getByRole('button', { name: '注册本设备' }).click()
    const intakeNo = intake.intakeNo

    await openPage(page, '办件列表', '办件列表')
    const row = page.locator(`[data-intake-no="${intakeNo}"]`)
    await expect(row).toBeVisible({ timeout: 60_000 })
    await checkScreen(page, 'intake-list', mode)

    // 当场办结 by the lead, then the resident's rating screen: large in both modes.
    await row.getByRole('button', { name: `当场办结 ${intakeNo}` }).click()
    const onSite = page.getByRole('dialog', { name: `当场办结：${intakeNo}` })
    await onSite.getByLabel('结果说明').fill('材料齐全，当场办结')
    await checkScreen(page, 'on-site-completion', mode)
    await onSite.getByRole('button', { name: '确认办结' }).click()
    await expect(onSite).toBeHidden()
    const rate = row.getByRole('button', { name: `请群众评价 ${intakeNo}` })
    await rate.click()
    const rating = page.getByRole('dialog', { name: '请您对本次服务进行评价' })
    await expect(rating.getByRole('button', { name: /非常满意/ })).toBeVisible()
    await checkScreen(page, 'resident-rating', mode)
    expect(await fontSizeOf(page, '.resident-rating .rating-level')).toBeGreaterThanOrEqual(32)
    expect(await fontSizeOf(page, '.resident-rating h1')).toBeGreaterThanOrEqual(40)
    await rating.getByRole('button', { name: '不评价，返回' }).click()
    await expect(rating).toBeHidden()
    // The keyboard is back where the clerk left it.
    await expect(rate).toBeFocused()

    // 办件详情 and a document's print preview (the preview drawn larger in 适老模式).
    await row.getByRole('button', { name: `查看办件 ${intakeNo}` }).click()
    await expect(page.getByRole('heading', { name: `办件详情 ${intakeNo}` })).toBeVisible()
    await checkScreen(page, 'intake-detail', mode)
    const documentButton = page.locator('.ant-card').filter({ hasText: '打印文书' }).getByRole('button').first()
    await documentButton.click()
    const preview = page.getByTestId('document-preview')
    await expect(preview).toContainText(intakeNo)
    await checkScreen(page, 'document-preview', mode)
    const zoom = await preview.locator('.printed-document').evaluate((element) => getComputedStyle(element).zoom)
    expect(Number(zoom)).toBe(mode === 'age-friendly' ? 1.4 : 1)
    await page.keyboard.press('Escape')
    await expect(preview).toBeHidden()
    await expect(documentButton).toBeFocused()

    await openPage(page, '办不成事反映', '办不成事反映')
    await checkScreen(page, 'report', mode)

    await openPage(page, '日终同步', '日终同步')
    await checkScreen(page, 'end-of-day', mode)

    await openPage(page, '本机维护', '本机维护')
    await checkScreen(page, 'maintenance', mode)
  })
}

test('适老模式 is switched from the header, announced as a switch, remembered across a reload, and switched off by its shortcut', async ({
  county,
  openStation,
}) => {
  // Each reload ends the session (the data key lives only in memory), so the lead signs in three times.
  const page = await openStation({ signInAs: false })
  await page.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await signInStation(page, demoStaffOf(STATION, 'lead').username)
  const toggle = page.getByRole('switch', { name: '适老模式' })
  await expect(toggle).toHaveAttribute('aria-checked', 'false')

  // Landmarks, and the skip link that takes the keyboard past the header to the page itself.
  await expect(page.getByRole('banner')).toBeVisible()
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeVisible()
  const skip = page.getByRole('link', { name: '跳到主要内容' })
  await skip.focus()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()
  const menuFont = () => fontSizeOf(page, '.ant-layout-header .ant-menu-item')
  expect(await menuFont()).toBeLessThan(20)

  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-checked', 'true')
  await expect.poll(() => isAgeFriendly(page)).toBe(true)
  expect(await menuFont()).toBeGreaterThanOrEqual(20)

  // A reload (the window closed and opened again) keeps the mode on this device.
  await reloadSignedIn(page)
  await expect(page.getByRole('switch', { name: '适老模式' })).toHaveAttribute('aria-checked', 'true')
  expect(await isAgeFriendly(page)).toBe(true)
  expect(await menuFont()).toBeGreaterThanOrEqual(20)

  // The shortcut switches it off again, and that is remembered too.
  await page.keyboard.press('Alt+Shift+L')
  await expect(page.getByRole('switch', { name: '适老模式' })).toHaveAttribute('aria-checked', 'false')
  await reloadSignedIn(page)
  await expect(page.getByRole('switch', { name: '适老模式' })).toHaveAttribute('aria-checked', 'false')
  expect(await isAgeFriendly(page)).toBe(false)
  expect(await menuFont()).toBeLessThan(20)
})
