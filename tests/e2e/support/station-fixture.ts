import { test as base, type Page } from '@playwright/test'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { serveStationWeb, type StationWebServer } from '../../../scripts/station-web-server'
import { CountyProcess, freePort } from './county-process'

const webRoot = resolve(import.meta.dirname, '../../../out/web')

type StationFixtures = { county: CountyProcess; station: StationWebServer; openStation: () => Promise<Page> }

/**
 * Each test gets its own county server (real, PGlite in a fresh folder, as a child
 * process it can stop and start) and the built station app served in browser mode.
 */
export const test = base.extend<StationFixtures>({
  // eslint-disable-next-line no-empty-pattern
  county: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bianmin-e2e-county-'))
    const county = new CountyProcess(await freePort(), dataDir)
    await county.start()
    try {
      await use(county)
    } finally {
      await county.stop()
      await rm(dataDir, { recursive: true, force: true })
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
    await use(async () => {
      // Sync every second instead of every 15 s, so "on its own" happens within a test's patience.
      await page.addInitScript(() => localStorage.setItem('bianmin.syncIntervalMs', '1000'))
      await page.goto(`${station.url}?county=${encodeURIComponent(county.url)}`)
      return page
    })
  },
})

export { expect } from '@playwright/test'
