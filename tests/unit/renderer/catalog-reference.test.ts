import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lifeEventListSchema } from '../../../shared/life-event'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { catalogFacets } from '../../../src-renderer/features/catalog/catalog-queries'
import {
  applyElsewhereNotice,
  lifeEventOptions,
  listLifeEvents,
  matchesStationOffer,
  readStationItemIds,
} from '../../../src-renderer/features/catalog/catalog-reference'
import { applyPullPage } from '../../../src-renderer/sync/apply-pull-page'
import { demoCatalogItems, demoItemNamed } from './demo-catalog'
import { page } from './fake-county-client'
import { freshDb, station } from './fixtures'

const bundles = lifeEventListSchema.parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../resources/catalog/menghai-life-events.json'), 'utf8')))
const PENSION = demoItemNamed('城乡居民基本养老保险参保登记')
const BIRTH = demoItemNamed('出生登记')

let db: StationDb | undefined

afterEach(async () => {
  await db?.delete()
  db = undefined
})

describe('本站可办 and the pulled bundles', () => {
  it('passes only the station’s items when on, every item when off', () => {
    const offered = new Set([PENSION.id])
    expect(matchesStationOffer(PENSION, true, offered)).toBe(true)
    expect(matchesStationOffer(BIRTH, true, offered)).toBe(false)
    expect(matchesStationOffer(BIRTH, false, offered)).toBe(true)
  })

  it('says where to apply for an item the station does not take in: the township centre for a 乡镇 item, else the county hall', () => {
    const offered = new Set([PENSION.id])
    const village = { kind: 'villageStation' as const, township: '勐遮镇' }
    expect(applyElsewhereNotice(PENSION, village, offered)).toBeNull()
    expect(applyElsewhereNotice(BIRTH, village, offered)).toBe('本站不受理此事项，请到勐遮镇便民服务中心办理')
    expect(applyElsewhereNotice({ id: 'X', levels: ['4'] }, village, offered)).toBe('本站不受理此事项，请到县政务服务中心办理')
    expect(applyElsewhereNotice(BIRTH, { kind: 'townshipCentre', township: '勐遮镇' }, offered)).toBe('本站不受理此事项，请到县政务服务中心办理')
    // No list yet: nothing is claimed.
    expect(applyElsewhereNotice(BIRTH, village, new Set())).toBeNull()
  })

  it('names the 一件事 choices as the county’s bundles do, and keeps a tag whose bundle has not arrived', () => {
    const tags = catalogFacets(demoCatalogItems().map(toCatalogItemRecord)).lifeEvents
    const options = lifeEventOptions(tags, bundles)
    expect(options).toEqual(
      expect.arrayContaining([
        { value: 'birth', label: '新生儿出生一件事' },
        { value: 'property', label: '不动产登记一件事' },
      ]),
    )
    expect(lifeEventOptions(['birth', 'newBundle'], bundles.slice(0, 1))).toEqual([
      { value: 'birth', label: bundles[0]!.name },
      { value: 'newBundle', label: 'newBundle' },
    ])
  })

  it('reads the bundles and the 进驻事项 a pull stored', async () => {
    db = freshDb()
    expect((await readStationItemIds(db)).size).toBe(0)
    await applyPullPage(
      db,
      page(
        [
          ...bundles.map((bundle, index) => ({ seq: index + 1, entity: 'lifeEvent' as const, op: 'put' as const, id: bundle.id, data: bundle })),
          { seq: 10, entity: 'stationItems', op: 'put', id: station.code, data: { stationCode: station.code, itemIds: [PENSION.id, BIRTH.id] } },
        ],
        '10',
      ),
    )
    expect([...(await readStationItemIds(db))].sort()).toEqual([PENSION.id, BIRTH.id].sort())
    const names = (await listLifeEvents(db)).map((bundle) => bundle.name)
    expect(names).toHaveLength(bundles.length)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')))
  })
})
