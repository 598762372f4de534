import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
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
import { createShippedDatabase } from './support/shipped-database'

const PENSION = '城乡居民基本养老保险参保登记'
describe('StationDb migrations', () => {
  it('opens a version-1 database: items pulled then get their pinyin key and are found by pinyin', async () => {
    const pension = demoItemNamed(PENSION)
    const name = await createShippedDatabase(1, async (old) => {
      await old.table('catalogItems').add(pension)
      await old.table('catalogItems').add(demoItemNamed('出生登记'))
      await old.table('meta').put({ key: 'station', value: station })
    })

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
    const pension = toCatalogItemRecord(demoItemNamed(PENSION))
    const name = await createShippedDatabase(2, async (old) => {
      await old.table('catalogItems').add(pension)
    })

    const db = new StationDb(name)
    await db.open()
    expect(await db.catalogItems.get(pension.id)).toEqual(pension)
    await saveIntakeDraft(db, { applicantKind: 'person', serviceMode: 'self', person: { name: '玉香' } })
    expect((await loadIntakeDraft(db))?.values.person?.name).toBe('玉香')
    db.close()
  })

  it('opens a version-3 database: drafts and cursor kept, the reference tables there and filled by the next pull', async () => {
    const pension = toCatalogItemRecord(demoItemNamed(PENSION))
    const name = await createShippedDatabase(3, async (old) => {
      await old.table('catalogItems').add(pension)
      await old.table('meta').put({ key: 'pullCursor', value: '130' })
      await old.table('drafts').put({ id: 'current', values: { applicantKind: 'person', person: { name: '岩温' } }, savedAt: '2026-11-30T08:00:00.000Z' })
    })

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
            data: {
              id: 'birth',
              name: '新生儿出生一件事',
              description: '出生医学证明、落户、参保一次办',
              itemIds: [pension.id, '5328220500004'],
              sharedMaterials: [],
            },
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
