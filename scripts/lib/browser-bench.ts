import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium, type CDPSession, type Page } from 'playwright-core'
import { build } from 'vite'
import type { ClientTimes } from '../bench-browser/bench-page'
import { serveStationWeb } from '../station-web-server'

const repo = resolve(import.meta.dirname, '../..')

type BrowserBenchOptions = {
  countyUrl: string
  /** A code of the busy station (its other device pushed its intakes) for the new device's first sync. */
  newDeviceCode: string
  /** A code of the station whose device saves, pushes and opens the app. */
  enrollmentCode: string
  saves: number
  /** Catalog sizes the 事项目录 page is typed into, smallest first (the catalog only grows). */
  catalogSizes: number[]
  listIntakes: number
  /** Signs in on the 工作人员登录 screen if the app shows one (demo account of the station). */
  staff: { username: string; password: string }
  /** Records a CPU profile of each phase and answers its heaviest functions (the app then built unminified). */
  profile?: boolean
  /** With `profile`: also writes each phase's whole profile there, `<phase>.cpuprofile` (Chromium DevTools opens it). */
  profileDir?: string
  /** The figures to take (all by default): a phase another needs runs anyway, small, untimed. */
  only?: ReadonlySet<BenchPhase>
}

/** What BENCH_ONLY names: the new device's first sync, the saves and their push, the catalog search, the intake list. */
export type BenchPhase = 'sync' | 'save' | 'catalog' | 'list'
export const BENCH_PHASES: readonly BenchPhase[] = ['sync', 'save', 'catalog', 'list']

export type SyncFigure = { ms: number } & ClientTimes

/** The figures of the phases taken (see `only`). */
type BrowserBenchFigures = {
  firstSync?: SyncFigure & { items: number; intakes: number }
  saveMs?: number[]
  push?: SyncFigure & { confirmed: number }
  /** Per catalog size: each keystroke's time on the page, and the search function alone over the same items. */
  catalog: { size: number; pageMs: number[]; filterMs: number[]; hits: Record<string, string> }[]
  /** firstRowsMs: in the page, from the click's event to the first frame drawing a row; harnessMs: the same seen from here (Playwright's click and wait added). */
  list?: { firstRowsMs: number; harnessMs: number; lastPageMs: number }
  /** With `profile`: per phase, the functions with the most self time. */
  profiles: Record<string, string[]>
}

/** What the clerk types, keystroke by keystroke: pinyin initials, full pinyin, a mix, Chinese, a code prefix. */
const SEARCH_QUERIES = ['ylbx', 'cxjm', 'hydj', 'yanglaobaoxian', 'canjiren', 'ylbaoxian', '养老保险', '5328']

/**
 * The station's figures in real Chromium: builds the station app (browser mode) and a bench
 * page of the app's own modules (scripts/bench-browser) into a temporary folder, so the e2e
 * build in out/web is left alone; serves both from one origin with the station's web server,
 * so the bench page fills the very IndexedDB the app then opens.
 */
export async function benchStationInChromium(options: BrowserBenchOptions, log: (line: string) => void): Promise<BrowserBenchFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-web-'))
  const server = await (async () => {
    const minify = options.profile !== true
    await build({ configFile: resolve(repo, 'vite.web.config.ts'), logLevel: 'warn', build: { outDir: folder, emptyOutDir: true, minify } })
    await build({
      configFile: false,
      root: resolve(repo, 'scripts/bench-browser'),
      base: './',
      logLevel: 'warn',
      build: { outDir: join(folder, 'bench'), emptyOutDir: true, chunkSizeWarningLimit: 8192, minify },
    })
    return serveStationWeb({ root: folder })
  })()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  try {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } })
    // tsx (esbuild, keepNames) wraps named functions in __name(…): functions sent to the page need it there too.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
    const page = await context.newPage()
    page.setDefaultTimeout(600_000)
    const pageErrors: Error[] = []
    page.on('pageerror', (error) => pageErrors.push(error))
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[bench page] ${message.text()}`)
    })
    const openBenchPage = async () => {
      await page.goto(new URL('bench/index.html', server.url).href)
      await page
        .waitForFunction(() => 'stationBench' in window, undefined, { timeout: 60_000 })
        .catch((error: unknown) => {
          throw new Error(`bench page did not start: ${pageErrors.map((pageError) => pageError.message).join('; ') || String(error)}`)
        })
    }
    await openBenchPage()
    const profiles: Record<string, string[]> = {}
    const cdp = options.profile ? await context.newCDPSession(page) : undefined
    const profiled = async <T>(phase: string, run: () => Promise<T>): Promise<T> => {
      if (cdp === undefined) return run()
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
      try {
        return await run()
      } finally {
        profiles[phase] = await heaviestFunctions(cdp, options.profileDir, phase)
      }
    }
    const wants = (phase: BenchPhase) => options.only === undefined || options.only.has(phase)

    let firstSync: BrowserBenchFigures['firstSync']
    if (wants('sync')) {
      log('chromium: first sync of a new device')
      firstSync = await profiled('first sync', () =>
        page.evaluate(({ url, code }) => window.stationBench.firstSync(url, code), { url: options.countyUrl, code: options.newDeviceCode }),
      )
    }
    const figures: BrowserBenchFigures = { firstSync, catalog: [], profiles }
    if (!wants('save') && !wants('catalog') && !wants('list')) return figures
    await page.evaluate(({ url, code }) => window.stationBench.enroll(url, code), { url: options.countyUrl, code: options.enrollmentCode })
    // Signed in as the app would be: from here on the page's writes are sealed at rest.
    await page.evaluate((staff) => window.stationBench.signIn(staff.username, staff.password), options.staff)
    if (wants('save') || wants('list')) {
      // The list's intakes are copies of a saved one: without the save figure, one save makes it.
      const saves = wants('save') ? options.saves : 1
      log(`chromium: saving ${saves} intakes`)
      const saveMs = await profiled('saves', () => page.evaluate((count) => window.stationBench.saveIntakes(count), saves))
      log(`chromium: pushing the outbox of ${saves}`)
      const push = await profiled('outbox push', () => page.evaluate(() => window.stationBench.syncNow()))
      if (wants('save')) Object.assign(figures, { saveMs, push })
    }
    if (wants('list')) {
      // Seeded now: intakes are sealed with the data key this page holds since it signed in; a page opened later holds none.
      log(`chromium: adding ${options.listIntakes} intakes for the list`)
      await page.evaluate((count) => window.stationBench.seedIntakes(count), options.listIntakes)
    }

    for (const size of wants('catalog') ? options.catalogSizes : []) {
      log(`chromium: catalog search over ${size} items`)
      const filter = await page.evaluate(({ total, queries }) => window.stationBench.catalogSearch(total, queries), { total: size, queries: SEARCH_QUERIES })
      await page.evaluate((total) => window.stationBench.seedCatalog(total), size)
      await page.evaluate(() => window.stationBench.close())
      await openApp(page, server.url, options.staff)
      const typed = await profiled(`catalog ${size}`, () => typeIntoCatalog(page))
      figures.catalog.push({ size, pageMs: typed.times, filterMs: filter.times, hits: typed.hits })
      await openBenchPage()
    }
    if (!wants('list')) return figures

    log('chromium: intake list')
    await page.evaluate(() => window.stationBench.close())
    await openApp(page, server.url, options.staff)
    // The app opens on 事项目录: the click waits until that page has drawn its list, so the figure is
    // the intake list's, not the landing page's load of the whole catalog (55,000 items by now).
    await page.locator('[data-item-id]').first().waitFor()
    const menu = page.getByRole('menuitem', { name: '办件列表' })
    // Timed in the page, as the clerk sees it: from the click's event to the first animation frame
    // whose DOM holds a row (that frame paints it). Seen from here, Playwright's actionability
    // checks before the click and its polling after add tens to hundreds of milliseconds.
    await page.evaluate(() => {
      const timing = window as unknown as { benchFirstRows?: Promise<number> }
      timing.benchFirstRows = new Promise((resolve) => {
        document.addEventListener(
          'click',
          () => {
            const clickedAt = performance.now()
            const frame = () =>
              requestAnimationFrame(() => (document.querySelector('.ant-table [data-intake-no]') ? resolve(performance.now() - clickedAt) : frame()))
            frame()
          },
          { capture: true, once: true },
        )
      })
    })
    let started = 0
    const harnessMs = await profiled('intake list', async () => {
      // Started here, inside: starting the profiler takes a while of its own.
      started = performance.now()
      await menu.click()
      await page.locator('.ant-table [data-intake-no]').first().waitFor()
      return performance.now() - started
    })
    const firstRowsMs = await page.evaluate(() => (window as unknown as { benchFirstRows: Promise<number> }).benchFirstRows)

    const firstOfPage1 = await page.evaluate(() => document.querySelector('.ant-table [data-intake-no]')?.getAttribute('data-intake-no') ?? null)
    started = performance.now()
    await page.locator('.ant-pagination-item').last().click()
    await page.waitForFunction((before) => {
      const now = document.querySelector('.ant-table [data-intake-no]')?.getAttribute('data-intake-no') ?? null
      return now !== null && now !== before
    }, firstOfPage1)
    figures.list = { firstRowsMs, harnessMs, lastPageMs: performance.now() - started }
    return figures
  } finally {
    await browser.close()
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  }
}

/** Stops the CPU profile under way and names the ten functions with the most self time, with their share; writes it whole into `dir` if given. */
async function heaviestFunctions(cdp: CDPSession, dir: string | undefined, phase: string): Promise<string[]> {
  const { profile } = await cdp.send('Profiler.stop')
  if (dir !== undefined) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `${phase.replaceAll(' ', '-')}.cpuprofile`), JSON.stringify(profile))
  }
  const selfUs = new Map<string, number>()
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const deltas = profile.timeDeltas ?? []
  let total = 0
  ;(profile.samples ?? []).forEach((id, index) => {
    const frame = byId.get(id)!.callFrame
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`
    const us = deltas[index] ?? 0
    total += us
    selfUs.set(name, (selfUs.get(name) ?? 0) + us)
  })
  return [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([name, us]) => `${Math.round(us / 1000)} ms (${Math.round((us / Math.max(total, 1)) * 100)}%) ${name}`)
}

/** The app, opened afresh on the database the bench page filled, signed in, at its menu. */
async function openApp(page: Page, url: string, staff: BrowserBenchOptions['staff']): Promise<void> {
  await page.goto(url)
  await signInIfAsked(page, staff)
  await page.getByRole('menuitem', { name: '办件列表' }).waitFor()
}

/**
 * Types each query into 事项目录's search box, one keystroke at a time, with every item listed
 * (本站可办 off). A keystroke's time runs from its input event to the list re-rendered and laid
 * out: React's render and commit, then a forced layout, measured inside the page. Paint is not
 * included (headless, no GPU); layout is where a table of all rows spends its time.
 */
async function typeIntoCatalog(page: Page): Promise<{ times: number[]; hits: Record<string, string> }> {
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  const offeredOnly = page.getByRole('checkbox', { name: '本站可办' })
  await offeredOnly.waitFor()
  if (await offeredOnly.isChecked()) await offeredOnly.uncheck()
  await page.locator('[data-item-id]').first().waitFor()
  return page.evaluate(async (queries) => {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="搜索事项"]')!
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
    const channel = new MessageChannel()
    // The next task: React flushes a keystroke's (discrete, synchronous) update before it.
    const nextTask = () =>
      new Promise<void>((resolve) => {
        channel.port1.onmessage = () => resolve()
        channel.port2.postMessage(null)
      })
    const settle = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))
    const type = (value: string) => {
      setValue.call(input, value)
      input.dispatchEvent(new Event('input', { bubbles: true }))
    }
    const times: number[] = []
    const hits: Record<string, string> = {}
    for (const query of queries) {
      for (let length = 1; length <= query.length; length++) {
        const typed = query.slice(0, length)
        const started = performance.now()
        type(typed)
        await nextTask()
        void document.body.offsetHeight
        times.push(performance.now() - started)
        hits[typed] = document.querySelector('[role="search"] [role="status"]')?.textContent ?? ''
        await settle()
      }
      type('')
      await settle()
    }
    return { times, hits }
  }, SEARCH_QUERIES)
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
