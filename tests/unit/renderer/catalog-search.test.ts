import 'fake-indexeddb/auto'
import { liveQuery } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import type { StationDb } from '../../../src-renderer/db/station-db'
import {
  catalogFacets,
  isCatalogFilterEmpty,
  listCatalogItems,
  matchesCatalogFilter,
  matchesCatalogQuery,
  searchCatalogItems,
  type CatalogFilter,
} from '../../../src-renderer/features/catalog/catalog-queries'
import { createCatalogQueryIndex } from '../../../src-renderer/features/catalog/catalog-query-index'
import { itemUnavailableReason } from '../../../src-renderer/features/catalog/catalog-status'
import { catalogSearchKey, matchesPinyin } from '../../../src-renderer/lib/search-key'
import { applyPullPage } from '../../../src-renderer/sync/apply-pull-page'
import { demoCatalogItems, demoItemNamed } from './demo-catalog'
import { page } from './fake-county-client'
import { freshDb } from './fixtures'

const PENSION = '城乡居民基本养老保险参保登记'
const BIRTH = '出生登记'
const records = demoCatalogItems().map(toCatalogItemRecord)

const namesFor = (query: string): string[] => records.filter((item) => matchesCatalogQuery(item, query)).map((item) => item.name)
const namesWhere = (filter: CatalogFilter): string[] => records.filter((item) => matchesCatalogFilter(item, filter)).map((item) => item.name)

describe('catalogSearchKey', () => {
  it('spells a name in toneless pinyin, one syllable each', () => {
    expect(catalogSearchKey(PENSION).syllables).toEqual(['cheng', 'xiang', 'ju', 'min', 'ji', 'ben', 'yang', 'lao', 'bao', 'xian', 'can', 'bao', 'deng', 'ji'])
  })

  it('keeps digits and Latin text as lower-case runs and drops punctuation', () => {
    expect(catalogSearchKey('80周岁以上高龄老人长寿补贴申领').syllables.slice(0, 3)).toEqual(['80', 'zhou', 'sui'])
    expect(catalogSearchKey('《登记表》（ABC）').syllables).toEqual(['deng', 'ji', 'biao', 'abc'])
  })
})

describe('matchesPinyin', () => {
  const key = catalogSearchKey(PENSION)

  it.each(['ylbx', 'yanglao', 'yangl', 'ylbaoxian', 'yanglaob', 'cxjm', 'chengxiang', 'dengji'])('matches %s', (query) => {
    expect(matchesPinyin(key, query)).toBe(true)
  })

  it.each(['cxdj', 'ylx', 'anglao', 'yanglaoz', 'zz'])('does not match %s (syllables must be consecutive, each from its start)', (query) => {
    expect(matchesPinyin(key, query)).toBe(false)
  })
})

describe('catalog search over the 勐海县 demo catalog', () => {
  it('"ylbx" (initials) finds the 养老保险 items, and 医疗保险 (same initials), and no others', () => {
    const names = namesFor('ylbx')
    expect(names).toContain(PENSION)
    expect(names).toContain('城乡居民养老保险待遇领取')
    expect(names.every((name) => /养老保险|医疗保险/.test(name))).toBe(true)
    expect(names).not.toContain(BIRTH)
  })

  it('"yanglao" (full pinyin) finds the pension items', () => {
    const names = namesFor('yanglao')
    expect(names).toContain(PENSION)
    expect(names).toContain('城乡居民养老保险待遇领取')
    expect(names.every((name) => name.includes('养老'))).toBe(true)
  })

  it('"csdj" finds 出生登记 and no pension item; "cs" finds it too', () => {
    expect(namesFor('csdj')).toContain(BIRTH)
    expect(namesFor('csdj')).not.toContain(PENSION)
    expect(namesFor('cs')).toContain(BIRTH)
    expect(namesFor('cs')).not.toContain(PENSION)
  })

  it('ignores case, spaces and apostrophes', () => {
    expect(namesFor('YLBX')).toEqual(namesFor('ylbx'))
    expect(namesFor(' yang lao ')).toEqual(namesFor('yanglao'))
    expect(namesFor("yang'lao")).toEqual(namesFor('yanglao'))
  })

  it('finds by part of the Chinese name', () => {
    expect(namesFor('养老保险')).toContain(PENSION)
    expect(namesFor('出生')).toEqual(expect.arrayContaining([BIRTH, '出生医学证明首次签发']))
  })

  it('finds by the start of the implementation code or the base code, not by a substring', () => {
    const birth = demoItemNamed(BIRTH)
    expect(namesFor(birth.implCode)).toEqual([BIRTH])
    expect(namesFor(birth.implCode.slice(0, 9))).toContain(BIRTH)
    expect(namesFor(birth.implCode.slice(0, 9)).length).toBeLessThan(records.length)
    expect(namesFor(birth.baseCode)).toEqual([BIRTH])
    expect(namesFor('000107')).toContain(BIRTH)
    // "0012" ends 出生登记's code (and sits inside others) but starts no code.
    expect(namesFor(birth.implCode.slice(-4))).toEqual([])
  })

  it('finds nothing for text that is in no name or code', () => {
    expect(namesFor('zzzz')).toEqual([])
    expect(namesFor('火星')).toEqual([])
  })

  it('an empty query lets everything through', () => {
    expect(namesFor('  ')).toHaveLength(records.length)
  })
})

describe('browse filters', () => {
  it('offers the domains, departments, audiences and life events the catalog holds', () => {
    const facets = catalogFacets(records)
    expect(facets.domains).toEqual(expect.arrayContaining(['社会保险', '户籍', '不动产登记']))
    expect(new Set(facets.domains).size).toBe(facets.domains.length)
    expect(facets.departments).toContain('勐海县公安局')
    expect(facets.audiences).toEqual(expect.arrayContaining(['1', '2']))
    expect([...facets.audiences].sort()).toEqual(facets.audiences)
    expect(facets.lifeEvents).toEqual(expect.arrayContaining(['birth', 'business', 'property']))
  })

  it('narrows by 主题领域, 实施主体, 服务对象 and 一件事, together with the search box', () => {
    const byDomain = records.filter((item) => matchesCatalogFilter(item, { query: '', domain: '户籍' }))
    expect(byDomain.map((item) => item.name)).toEqual(expect.arrayContaining([BIRTH, '居民身份证申领']))
    expect(byDomain.every((item) => item.domain === '户籍')).toBe(true)
    expect(byDomain.length).toBeLessThan(records.length)

    const byDepartment = records.filter((item) => matchesCatalogFilter(item, { query: '', department: '勐海县公安局' }))
    expect(byDepartment.map((item) => item.name)).toContain(BIRTH)
    expect(byDepartment.every((item) => item.department === '勐海县公安局')).toBe(true)

    const forCompanies = records.filter((item) => matchesCatalogFilter(item, { query: '', audience: '2' }))
    expect(forCompanies.map((item) => item.name)).toEqual(expect.arrayContaining(['就业登记', '仅销售预包装食品备案', '不动产首次登记']))
    expect(forCompanies.every((item) => item.audience.includes('2'))).toBe(true)
    expect(forCompanies.map((item) => item.name)).not.toContain(PENSION)

    const birthBundle = namesWhere({ query: '', lifeEvent: 'birth' })
    expect(birthBundle).toEqual(expect.arrayContaining([BIRTH, '生育登记', '出生医学证明首次签发', '预防接种证办理', '城乡居民基本医疗保险参保登记']))
    expect(birthBundle).not.toContain(PENSION)

    // Search and filters narrow together.
    expect(namesWhere({ query: 'csdj', lifeEvent: 'birth' })).toContain(BIRTH)
    // "ylbx" alone finds 养老保险 and 医疗保险 items; within 新生儿出生 only the 医疗保险 one is left.
    expect(namesWhere({ query: 'ylbx', lifeEvent: 'birth' })).toContain('城乡居民基本医疗保险参保登记')
    expect(namesWhere({ query: 'ylbx', lifeEvent: 'birth' })).not.toContain(PENSION)
    expect(namesWhere({ query: 'ylbx', domain: '户籍' })).toEqual([])
  })

  it('knows when nothing narrows the list', () => {
    expect(isCatalogFilterEmpty({ query: ' ' })).toBe(true)
    expect(isCatalogFilterEmpty({ query: '', domain: undefined })).toBe(true)
    expect(isCatalogFilterEmpty({ query: '', domain: '户籍' })).toBe(false)
    expect(isCatalogFilterEmpty({ query: 'cs' })).toBe(false)
  })
})

describe('items not in use', () => {
  it('says in Chinese why 暂停 and 已取消 items take no new intake', () => {
    expect(itemUnavailableReason(demoItemNamed('城乡居民基本医疗保险参保登记'))).toBeNull()
    expect(itemUnavailableReason(demoItemNamed('耕地地力保护补贴'))).toMatch(/已暂停办理.*不能受理新的申请/)
    expect(itemUnavailableReason(demoItemNamed('新型农村合作医疗参合登记'))).toMatch(/已取消.*不再受理新的申请/)
  })
})

describe('stored search keys', () => {
  let db: StationDb | undefined
  afterEach(async () => {
    await db?.delete()
  })

  it('a pulled item is stored with its key, so search finds it by pinyin', async () => {
    db = freshDb()
    const pension = demoItemNamed(PENSION)
    await applyPullPage(db, page([{ seq: 1, entity: 'catalogItem', op: 'put', id: pension.id, data: pension }], '1'))
    expect((await db.catalogItems.get(pension.id))?.searchKey).toEqual(catalogSearchKey(PENSION))
    expect((await searchCatalogItems(db, { query: 'ylbx' })).map((item) => item.name)).toEqual([PENSION])

    // A renamed item gets a new key in the same put.
    const renamed = { ...pension, name: '出生登记补录', version: 2 }
    await applyPullPage(db, page([{ seq: 2, entity: 'catalogItem', op: 'put', id: pension.id, data: renamed }], '2'))
    expect(await searchCatalogItems(db, { query: 'ylbx' })).toEqual([])
    expect((await searchCatalogItems(db, { query: 'csdjbl' })).map((item) => item.name)).toEqual(['出生登记补录'])
  })
})

describe('listCatalogItems', () => {
  let db: StationDb | undefined
  afterEach(async () => {
    await db?.delete()
  })

  it("lists the catalog by 主题领域 then name, in the Chinese collator's order", async () => {
    db = freshDb()
    await db.catalogItems.bulkPut(records)
    const collator = new Intl.Collator('zh-CN')
    const expected = [...records].sort((a, b) => collator.compare(a.domain, b.domain) || collator.compare(a.name, b.name)).map((item) => item.id)
    expect((await listCatalogItems(db)).map((item) => item.id)).toEqual(expected)
  })

  it('is followed live: a pulled item shows in a live query of the catalog', async () => {
    db = freshDb()
    const station = db
    const seen: number[] = []
    const subscription = liveQuery(() => listCatalogItems(station)).subscribe({ next: (items) => seen.push(items.length) })
    await expect.poll(() => seen).toEqual([0])
    const pension = demoItemNamed(PENSION)
    await applyPullPage(station, page([{ seq: 1, entity: 'catalogItem', op: 'put', id: pension.id, data: pension }], '1'))
    await expect.poll(() => seen).toEqual([0, 1])
    subscription.unsubscribe()
  })
})

describe('createCatalogQueryIndex', () => {
  /** What the index answers, against the one-item rule applied to every item: they must agree on every keystroke. */
  const agrees = (index: ReturnType<typeof createCatalogQueryIndex>, query: string) =>
    expect(index.search(query).map((item) => item.id)).toEqual(records.filter((item) => matchesCatalogQuery(item, query)).map((item) => item.id))

  it('answers as matchesCatalogQuery over the whole list while the clerk types on, deletes and retypes', () => {
    const index = createCatalogQueryIndex(records)
    const keystrokes = [
      'y',
      'yl',
      'ylb',
      'ylbx',
      'ylb',
      'yl',
      'ya',
      'yan',
      'yang',
      'yangl',
      'yanglao',
      '',
      '5',
      '53',
      '532',
      '5328',
      '养',
      '养老',
      '养老保',
      'x',
      'xn',
      'xnc',
      'xnch',
    ]
    for (const query of keystrokes) agrees(index, query)
  })

  it('does not narrow from a query that matched by name only: a separator, then a code', () => {
    const index = createCatalogQueryIndex(records)
    // "-" alone compacts to nothing, so it matches only names holding "-"; "-5328" then matches codes starting 5328.
    agrees(index, '-')
    agrees(index, '-5328')
    expect(index.search('-5328').length).toBeGreaterThan(0)
    // Spaces and upper case are only how it was typed.
    agrees(index, 'Y')
    agrees(index, 'Y L')
    agrees(index, 'Y LBX')
    expect(index.search('Y LBX').map((item) => item.name)).toContain(PENSION)
  })

  it('answers the whole list, in its order, for an empty query', () => {
    const index = createCatalogQueryIndex(records)
    expect(index.search('  ')).toEqual(records)
  })

  it('answers as matchesCatalogQuery for every start of every name, its pinyin, its initials and its codes', () => {
    const index = createCatalogQueryIndex(records)
    const queries = new Set<string>()
    for (const item of records) {
      const initials = item.searchKey.syllables.map((syllable) => syllable[0]).join('')
      const full = item.searchKey.syllables.join('')
      for (const text of [item.name, initials, full, item.implCode, item.name.slice(2), full.slice(3)]) {
        for (let length = 1; length <= Math.min(text.length, 12); length++) queries.add(text.slice(0, length))
      }
    }
    for (const query of queries) agrees(index, query)
  })

  it('answers as matchesCatalogQuery over repeated names, copies numbered as the bench makes them, and a number between syllables', () => {
    // A county lists one item under many 实施主体; items of one letter form are checked once per keystroke.
    const copies = records.flatMap((item, at) => [
      { ...item, id: `${item.id}-a`, implCode: `${item.implCode}1` },
      { ...item, id: `${item.id}-n`, name: `${item.name}（${at}）`, searchKey: { syllables: [...item.searchKey.syllables, String(at)] } },
    ])
    const split = (syllables: string[]) => [...syllables.slice(0, 2), '12', ...syllables.slice(2)]
    const gapped = records.map((item) => ({ ...item, id: `${item.id}-g`, searchKey: { syllables: split(item.searchKey.syllables) } }))
    const list = [...records, ...copies, ...gapped]
    const index = createCatalogQueryIndex(list)
    const agreesOver = (query: string) =>
      expect(index.search(query).map((item) => item.id)).toEqual(list.filter((item) => matchesCatalogQuery(item, query)).map((item) => item.id))
    const queries = new Set<string>(['ylbx', 'yanglaob', 'cxjmj', 'cxjmjb', 'cxjb', 'ylbx1', 'djx1', 'dengji12', 'chengxiang12', 'cx12j'])
    for (const item of records.slice(0, 40)) {
      const full = item.searchKey.syllables.join('')
      const initials = item.searchKey.syllables.map((syllable) => syllable[0]).join('')
      for (const text of [full, initials, full.slice(2)]) for (let length = 3; length <= Math.min(text.length, 10); length++) queries.add(text.slice(0, length))
    }
    for (const query of queries) agreesOver(query)
    // The gap stops a match across it: "cxjm" skips the "12" only in the copies that have none.
    const pension = index.search('cxjmjb').map((item) => item.id)
    expect(pension.some((id) => id.endsWith('-g'))).toBe(false)
    expect(pension.some((id) => id.endsWith('-a'))).toBe(true)
  })

  it("answers within the items a mask lets through, in the list's order", () => {
    const index = createCatalogQueryIndex(records)
    const within = Uint8Array.from(records, (item) => (item.domain === '社会保险' ? 1 : 0))
    for (const query of ['', 'y', 'ylbx', '养老', '5328', 'zzzz']) {
      const expected = records.filter((item) => item.domain === '社会保险' && matchesCatalogQuery(item, query)).map((item) => item.id)
      expect(index.search(query, within).map((item) => item.id)).toEqual(expected)
    }
    expect(index.search('ylbx', within).length).toBeGreaterThan(0)
  })
})
