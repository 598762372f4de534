import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import { readMeta } from '../../../src-renderer/db/meta'
import { applyPullPage } from '../../../src-renderer/sync/apply-pull-page'
import { page } from './fake-county-client'
import { StationDb } from '../../../src-renderer/db/station-db'
import { searchCatalogItems } from '../../../src-renderer/features/catalog/catalog-queries'
import { catalogSearchKey } from '../../../src-renderer/lib/search-key'
import { loadIntakeDraft, saveIntakeDraft } from '../../../src-renderer/features/intake/intake-draft'
import { demoItemNamed } from './demo-catalog'
import { station } from './fixtures'

// The schemas exactly as they shipped, written out here on purpose: if station-db.ts is ever
// edited in place instead of getting a new version, these tests still open the old shape.
const V1_STORES = {
  catalogItems: 'id, name, domain, status',
  intakes: 'id, &intakeNo, createdAt, status, syncState',
  outbox: '++seq, &id, entityId',
  meta: 'key',
  audit: '++seq, at, action',
}
const V2_STORES = V1_STORES
const V3_STORES = { ...V2_STORES, drafts: 'id' }

const PENSION = '城乡居民基本养老保险参保登记'
let counter = 0
let name = ''

function dbName(): string {
  counter++
  name = `migration-${process.pid}-${Date.now()}-${counter}`
  return name
}

afterEach(async () => {
  await Dexie.delete(name)
})

describe('StationDb migrations', () => {
  it('opens a version-1 database: items pulled then get their pinyin key and are found by pinyin', async () => {
    const old = new Dexie(dbName())
    old.version(1).stores(V1_STORES)
    await old.open()
    const pension = demoItemNamed(PENSION)
    await old.table('catalogItems').add(pension)
    await old.table('catalogItems').add(demoItemNamed('出生登记'))
    await old.table('meta').put({ key: 'station', value: station })
    old.close()

    const db = new StationDb(name)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(4)
    expect((await db.catalogItems.get(pension.id))?.searchKey).toEqual(catalogSearchKey(PENSION))
    expect((await searchCatalogItems(db, { query: 'ylbx' })).map((item) => item.name)).toEqual([PENSION])
    expect((await searchCatalogItems(db, { query: 'csdj' })).map((item) => item.name)).toEqual(['出生登记'])
    // Everything else is as it was, and the drafts table of version 3 is there, empty.
    expect(await readMeta(db, 'station')).toEqual(station)
    expect(await db.drafts.count()).toBe(0)
    db.close()
  })

  it('opens a version-2 database: catalog intact, drafts can be saved', async () => {
    const old = new Dexie(dbName())
    old.version(2).stores(V2_STORES)
    await old.open()
    const pension = toCatalogItemRecord(demoItemNamed(PENSION))
    await old.table('catalogItems').add(pension)
    old.close()

    const db = new StationDb(name)
    await db.open()
    expect(await db.catalogItems.get(pension.id)).toEqual(pension)
    await saveIntakeDraft(db, { applicantKind: 'person', serviceMode: 'self', person: { name: '玉香' } })
    expect((await loadIntakeDraft(db))?.values.person?.name).toBe('玉香')
    db.close()
  })

  it('opens a version-3 database: drafts and cursor kept, the reference tables there and filled by the next pull', async () => {
    const old = new Dexie(dbName())
    old.version(3).stores(V3_STORES)
    await old.open()
    const pension = toCatalogItemRecord(demoItemNamed(PENSION))
    await old.table('catalogItems').add(pension)
    await old.table('meta').put({ key: 'pullCursor', value: '130' })
    await old.table('drafts').put({ id: 'current', values: { applicantKind: 'person', person: { name: '岩温' } }, savedAt: '2026-11-30T08:00:00.000Z' })
    old.close()

    const db = new StationDb(name)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(4)
    expect(await db.catalogItems.get(pension.id)).toEqual(pension)
    expect(await readMeta(db, 'pullCursor')).toBe('130')
    expect((await db.drafts.get('current'))?.values).toEqual({ applicantKind: 'person', person: { name: '岩温' } })
    expect([await db.calendar.count(), await db.lifeEvents.count(), await db.stationItems.count()]).toEqual([0, 0, 0])

    // The next pull goes on from the stored cursor and fills the new tables.
    await applyPullPage(
      db,
      page(
        [
          { seq: 131, entity: 'calendar', op: 'put', id: '2026', data: { year: 2026, holidays: ['2026-10-01'], workdays: ['2026-10-10'] } },
          {
            seq: 132,
            entity: 'lifeEvent',
            op: 'put',
            id: 'birth',
            data: { id: 'birth', name: '新生儿出生一件事', description: '出生医学证明、落户、参保一次办', itemIds: [pension.id, '5328220500004'], sharedMaterials: [] },
          },
          { seq: 133, entity: 'stationItems', op: 'put', id: station.code, data: { stationCode: station.code, itemIds: [pension.id] } },
        ],
        '133',
      ),
    )
    expect((await db.calendar.get(2026))?.workdays).toEqual(['2026-10-10'])
    expect((await db.lifeEvents.get('birth'))?.name).toBe('新生儿出生一件事')
    expect(await db.stationItems.toArray()).toEqual([{ itemId: pension.id }])
    expect(await readMeta(db, 'pullCursor')).toBe('133')
    db.close()
  })
})
