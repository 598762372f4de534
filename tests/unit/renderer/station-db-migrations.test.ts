import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import { readMeta } from '../../../src-renderer/db/meta'
import { StationDb } from '../../../src-renderer/db/station-db'
import { searchCatalogItems } from '../../../src-renderer/features/catalog/catalog-queries'
import { catalogSearchKey } from '../../../src-renderer/features/catalog/search-key'
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
    expect(db.verno).toBe(3)
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
})
