import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { serveStationWeb } from '../station-web-server'

const repo = resolve(import.meta.dirname, '../..')

export type BrowserBenchOptions = {
  countyUrl: string
  enrollmentCode: string
  listIntakes: number
  catalogItems: number
  saves: number
  /** Signs in on the 工作人员登录 screen if the app shows one (demo account of the station). */
  staff: { username: string; password: string }
}

export type BrowserBenchFigures = {
  /** From the click on 办件列表 until its first row is in the page. */
  intakeListFirstRowsMs: number
  /** The same, for the last page of 全部 (offset paging over the whole index). */
  intakeListLastPageMs: number
  catalogSearchMs: number[]
  catalogHits: Record<string, number>
  saveMs: number[]
}

/** What the clerk types, keystroke by keystroke: pinyin initials, full pinyin, a mix, Chinese, a code prefix. */
const SEARCH_QUERIES = ['ylbx', 'cxjm', 'hydj', 'yanglaobaoxian', 'canjiren', 'ylbaoxian', '养老保险', '5328']

/**
 * The station's figures in real Chromium: builds the station app (browser mode) and a bench
 * page of the app's own modules (scripts/bench-browser) into a temporary folder, so the e2e
 * build in out/web is left alone; serves both from one origin with the station's web server,
 * so the bench page fills the very IndexedDB the app then opens.
 */
export async function benchStationInChromium(options: BrowserBenchOptions): Promise<BrowserBenchFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-web-'))
  const server = await (async () => {
    await build({ configFile: resolve(repo, 'vite.web.config.ts'), logLevel: 'warn', build: { outDir: folder, emptyOutDir: true } })
    await build({
      configFile: false,
      root: resolve(repo, 'scripts/bench-browser'),
      base: './',
      logLevel: 'warn',
      build: { outDir: join(folder, 'bench'), emptyOutDir: true, chunkSizeWarningLimit: 8192 },
    })
    return serveStationWeb({ root: folder })
  })()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  try {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(300_000)
    const pageErrors: Error[] = []
    page.on('pageerror', (error) => pageErrors.push(error))
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[bench page] ${message.text()}`)
    })
    await page.goto(new URL('bench/index.html', server.url).href)
    await page.waitForFunction(() => 'stationBench' in window, undefined, { timeout: 60_000 }).catch((error: unknown) => {
      throw new Error(`bench page did not start: ${pageErrors.map((pageError) => pageError.message).join('; ') || String(error)}`)
    })
    await page.evaluate(({ url, code }) => window.stationBench.enroll(url, code), { url: options.countyUrl, code: options.enrollmentCode })

    const saveMs = await page.evaluate((count) => window.stationBench.saveIntakes(count), options.saves)
    // Sent before the app opens: the figure is opening the list, not opening it during a push.
    await page.evaluate(() => window.stationBench.syncNow())
    const search = await page.evaluate(({ total, queries }) => window.stationBench.catalogSearch(total, queries), { total: options.catalogItems, queries: SEARCH_QUERIES })
    await page.evaluate((count) => window.stationBench.seedIntakes(count), options.listIntakes)
    await page.evaluate(() => window.stationBench.close())

    // The app, opened afresh on that database.
    await page.goto(server.url)
    await signInIfAsked(page, options.staff)
    const menu = page.getByRole('menuitem', { name: '办件列表' })
    await menu.waitFor()
    let started = performance.now()
    await menu.click()
    await page.locator('.ant-table [data-intake-no]').first().waitFor()
    const intakeListFirstRowsMs = performance.now() - started

    const firstRow = () => document.querySelector('.ant-table [data-intake-no]')?.getAttribute('data-intake-no') ?? null
    const firstOfPage1 = await page.evaluate(firstRow)
    started = performance.now()
    await page.locator('.ant-pagination-item').last().click()
    await page.waitForFunction(
      ({ before, read }) => {
        const now = document.querySelector('.ant-table [data-intake-no]')?.getAttribute('data-intake-no') ?? null
        return read !== '' && now !== null && now !== before
      },
      { before: firstOfPage1, read: 'x' },
    )
    const intakeListLastPageMs = performance.now() - started

    return { intakeListFirstRowsMs, intakeListLastPageMs, catalogSearchMs: search.times, catalogHits: search.hits, saveMs }
  } finally {
    await browser.close()
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  }
}

/** Staff accounts arrive with the first pull; the app then asks someone to sign in before anything else. */
async function signInIfAsked(page: Page, staff: BrowserBenchOptions['staff']): Promise<void> {
  const form = page.getByTestId('staff-sign-in')
  const menu = page.getByRole('menuitem', { name: '办件列表' })
  await form.or(menu).first().waitFor()
  if (!(await form.isVisible())) return
  await form.getByLabel('用户名').fill(staff.username)
  await form.getByLabel('密码').fill(staff.password)
  await form.getByRole('button', { name: /^登\s*录$/ }).click()
  await form.waitFor({ state: 'hidden' })
}
