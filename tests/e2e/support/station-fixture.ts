import { test as base, type Page } from '@playwright/test'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { serveStationWeb, type StationWebServer } from '../../../scripts/station-web-server'
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, type DemoStaff } from '../../../server/seed/demo-staff'
import type { StationStaffRole } from '../../../shared/staff'
import { TestCounty, freePort } from './test-county'
import { freshCountyDataDir } from './county-template'

// STATION_WEB_ROOT lets parallel local runs each test their own build (`vite build --outDir`).
const webRoot = process.env.STATION_WEB_ROOT ?? resolve(import.meta.dirname, '../../../out/web')

/**
 * `signInAs`: which demo account of the enrolled station signs in whenever the 工作人员登录
 * screen shows (default `agent`, or the station's least-privileged account when it has no
 * agent); `false` leaves signing in to the test (signInStation).
 */
export type OpenStationOptions = { signInAs?: StationStaffRole | false }

type StationFixtures = { county: TestCounty; station: StationWebServer; openStation: (options?: OpenStationOptions) => Promise<Page> }

export { DEMO_STAFF, DEMO_STAFF_PASSWORD }

const ROLE_ORDER: readonly StationStaffRole[] = ['agent', 'clerk', 'lead']

/** The station's demo account of `role`, else its least-privileged one (server/seed/demo-staff.ts). */
export function demoStaffOf(stationCode: string, role: StationStaffRole): DemoStaff {
  const accounts = DEMO_STAFF.filter((account) => account.stationCode === stationCode)
  const found = accounts.find((account) => account.role === role) ?? [...accounts].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))[0]
  if (!found) throw new Error(`no demo staff for station ${stationCode}`)
  return found
}

/**
 * Signs in on the 工作人员登录 screen and waits until the working view shows. The form appears
 * once the first pull brought the station's accounts, so this waits for it.
 */
export async function signInStation(page: Page, username: string, password: string = DEMO_STAFF_PASSWORD): Promise<void> {
  const form = page.getByTestId('staff-sign-in')
  await form.waitFor({ timeout: 90_000 })
  await form.getByLabel('用户名').fill(username)
  await form.getByLabel('密码').fill(password)
  await form.getByRole('button', { name: '登录' }).click()
  await form.waitFor({ state: 'hidden' })
}

/**
 * From now on, whenever the 工作人员登录 screen shows on this page (after enrollment, after
 * 退出登录), the station's demo account of `role` signs in before the test's next action.
 * Existing specs that go from enrollment straight to their pages need nothing else.
 */
export async function autoSignIn(page: Page, role: StationStaffRole = 'agent'): Promise<void> {
  await page.addLocatorHandler(page.getByTestId('staff-sign-in'), async (form) => {
    const stationCode = await form.getAttribute('data-station-code')
    const account = demoStaffOf(stationCode ?? '', role)
    await form.getByLabel('用户名').fill(account.username)
    await form.getByLabel('密码').fill(DEMO_STAFF_PASSWORD)
    await form.getByRole('button', { name: '登录' }).click()
  })
}

/**
 * Each test gets its own county server (real, in the worker, one it can stop and start)
 * on its own PGlite folder, copied from the seeded template the global setup made, and
 * the built station app served in browser mode. Own servers keep tests independent, so
 * they can run on both cores in any order; the copy saves migrating and seeding per test.
 */
export const test = base.extend<StationFixtures>({
  // eslint-disable-next-line no-empty-pattern
  county: async ({}, use, testInfo) => {
    const dataDir = await freshCountyDataDir()
    const county = new TestCounty(await freePort(), dataDir)
    await county.start()
    try {
      await use(county)
    } finally {
      await county.stop()
      await rm(dataDir, { recursive: true, force: true })
      if (testInfo.status !== testInfo.expectedStatus && county.log.length > 0)
        await testInfo.attach('county-log', { body: county.log.join('\n'), contentType: 'text/plain' })
    }
  },
  // eslint-disable-next-line no-empty-pattern
  station: async ({}, use) => {
    if (!existsSync(join(webRoot, 'index.html'))) throw new Error('out/web is missing: run `npm run build:web` first')
    const station = await serveStationWeb({ root: webRoot })
    try {
      await use(station)
    } finally {
      await station.close()
    }
  },
  openStation: async ({ page, county, station }, use) => {
    await use(async (options: OpenStationOptions = {}) => {
      const signInAs = options.signInAs ?? 'agent'
      if (signInAs !== false) await autoSignIn(page, signInAs)
      // Sync every second instead of every 15 s, so "on its own" happens within a test's patience.
      await page.addInitScript(() => localStorage.setItem('bianmin.syncIntervalMs', '1000'))
      await page.goto(`${station.url}?county=${encodeURIComponent(county.url)}`)
      return page
    })
  },
})

export { expect } from '@playwright/test'
