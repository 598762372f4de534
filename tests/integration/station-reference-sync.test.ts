import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureEnrollmentCode } from '../../server/services/stations/enrollment-service'
import { demoStationItemIds } from '../../server/seed/demo-station-items'
import { readMeta } from '../../src-renderer/db/meta'
import { StationDb } from '../../src-renderer/db/station-db'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { createCountyClient } from '../../src-renderer/sync/county-client'
import { createSyncEngine } from '../../src-renderer/sync/sync-engine'
import { databaseTargets } from './databases'
import { starterCatalog, startTestCounty, type TestCounty } from './county-fixture'

// The station's real sync engine (in Node, over fake-indexeddb) against the real county server:
// a first sync leaves the reference data in the station's own tables, each station with its own list.
const targets = await databaseTargets()

describe.each(targets)('reference data reaches the station database on $name', (target) => {
  let county: TestCounty
  const dbs: StationDb[] = []

  const firstSync = async (stationCode: string): Promise<StationDb> => {
    const db = new StationDb(`station-reference-${target.name}-${stationCode}-${process.pid}-${Date.now()}`)
    dbs.push(db)
    const { code } = await ensureEnrollmentCode(county.server.db, stationCode, 30)
    const enrollment = await enrollDevice(db, { countyUrl: county.server.url, code })
    const engine = createSyncEngine({ db, client: createCountyClient({ baseUrl: county.server.url, token: enrollment.token, fetch }) })
    try {
      expect((await engine.syncNow()).ok).toBe(true)
    } finally {
      engine.stop()
    }
    return db
  }

  beforeAll(async () => {
    county = await startTestCounty(target)
  })
  afterAll(async () => {
    for (const db of dbs) await db.delete()
    await county?.close()
  })

  it('fills the calendar, the bundles and this station’s 进驻事项 in one sync', async () => {
    const db = await firstSync('MHZMZ01')
    expect(await db.catalogItems.count()).toBe(starterCatalog().length)
    expect((await db.calendar.orderBy('year').primaryKeys()).map(Number)).toEqual([2026, 2027])
    expect((await db.calendar.get(2026))?.holidays).toContain('2026-10-01')
    const bundleNames = (await db.lifeEvents.toArray()).map((bundle) => bundle.name)
    expect(bundleNames).toEqual(expect.arrayContaining(['新生儿出生一件事', '企业开办一件事', '不动产登记一件事']))
    const own = (await db.stationItems.orderBy('itemId').primaryKeys()).map(String)
    expect(own).toEqual(demoStationItemIds('villageStation', starterCatalog()))
    expect((await readMeta(db, 'station'))?.itemIds).toEqual(own)
  })

  it('gives the township centre its own list, not the village station’s', async () => {
    const db = await firstSync('MHZ01')
    const centre = (await db.stationItems.orderBy('itemId').primaryKeys()).map(String)
    expect(centre).toEqual(demoStationItemIds('townshipCentre', starterCatalog()))
    expect(centre).not.toEqual(demoStationItemIds('villageStation', starterCatalog()))
    expect(await db.lifeEvents.count()).toBeGreaterThanOrEqual(3)
  })
})
