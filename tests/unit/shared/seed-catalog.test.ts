import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { calendarEditIssues, calendarEditOf, workingDayCalendarSchema } from '../../../shared/calendar'
import { catalogSeedSchema, type CatalogSeed, type ServiceItem } from '../../../shared/catalog'
import { lifeEventSchema } from '../../../shared/life-event'

// The county server seeds this file at start; a broken seed means no catalog at any station.
const catalogDir = resolve(import.meta.dirname, '../../../resources/catalog')
const seedPath = resolve(catalogDir, 'menghai-catalog.json')
const lifeEventsPath = resolve(catalogDir, 'menghai-life-events.json')
const calendarPath = (year: number) => resolve(catalogDir, `calendar-${year}.json`)

const DOMAINS = [
  '公共教育',
  '劳动就业',
  '社会保险',
  '医疗卫生',
  '养老服务',
  '社会服务',
  '住房保障',
  '文化体育',
  '残疾人服务',
  '户籍',
  '婚姻与生育',
  '社会救助',
  '农业农村',
  '退役军人',
  '市场主体登记',
  '不动产登记',
]
const BUNDLES = ['birth', 'business', 'property', 'businessChange', 'medicalSettlement']

const loadSeed = (): CatalogSeed => catalogSeedSchema.parse(JSON.parse(readFileSync(seedPath, 'utf8')))

const inBundle = (items: ServiceItem[], bundle: string) => items.filter((item) => item.lifeEvents.includes(bundle))

describe('勐海县 seed catalog', () => {
  it('parses with the catalog seed schema', () => {
    const result = catalogSeedSchema.safeParse(JSON.parse(readFileSync(seedPath, 'utf8')))
    expect(result.error?.issues).toBeUndefined()
    expect(result.data?.county).toEqual({ code: '532822', name: '勐海县' })
  })

  it('has at least 30 items with unique ids equal to their implementation codes', () => {
    const { items } = loadSeed()
    expect(items.length).toBeGreaterThanOrEqual(30)
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length)
    expect(new Set(items.map((item) => item.baseCode)).size).toBe(items.length)
    for (const item of items) expect(item.implCode).toBe(item.id)
  })

  it('spreads over at least 8 domains', () => {
    const { items } = loadSeed()
    expect(new Set(items.map((item) => item.domain)).size).toBeGreaterThanOrEqual(8)
  })

  it('puts at least 2 items in each life-event bundle', () => {
    const { items } = loadSeed()
    for (const bundle of ['birth', 'business', 'property']) {
      expect(inBundle(items, bundle).length, bundle).toBeGreaterThanOrEqual(2)
    }
  })

  it('has deferrable, commitment and e-licence materials', () => {
    const materials = loadSeed().items.flatMap((item) => item.materials)
    expect(materials.some((material) => material.necessity === 'deferrable')).toBe(true)
    expect(materials.some((material) => material.commitmentAllowed)).toBe(true)
    expect(materials.some((material) => material.eLicenceReplaces)).toBe(true)
  })

  it('has exactly one suspended and one withdrawn item', () => {
    const { items } = loadSeed()
    expect(items.filter((item) => item.status === 'suspended')).toHaveLength(1)
    expect(items.filter((item) => item.status === 'withdrawn')).toHaveLength(1)
  })

  it('has at least 120 items, each of the 16 domains with at least 3', () => {
    const { items } = loadSeed()
    expect(items.length).toBeGreaterThanOrEqual(120)
    for (const domain of DOMAINS) {
      expect(items.filter((item) => item.domain === domain).length, domain).toBeGreaterThanOrEqual(3)
    }
  })

  it('codes ids as 532822 + level + 5-digit serial, with unique 12-digit base codes', () => {
    const { items } = loadSeed()
    for (const item of items) {
      expect(item.id, item.name).toMatch(/^5328220[456]\d{5}$/)
      expect(item.levels, item.name).toContain(item.id.charAt(7))
      expect(item.baseCode, item.name).toMatch(/^\d{12}$/)
    }
    const serials = items.map((item) => Number(item.id.slice(-5)))
    expect(new Set(serials).size).toBe(items.length)
  })

  it('uses only known life-event tags and puts at least 3 items in each bundle', () => {
    const { items } = loadSeed()
    for (const item of items) for (const tag of item.lifeEvents) expect(BUNDLES, item.name).toContain(tag)
    for (const bundle of BUNDLES) expect(inBundle(items, bundle).length, bundle).toBeGreaterThanOrEqual(3)
  })
})

describe('勐海县 life-event bundles', () => {
  const loadBundles = () => lifeEventSchema.array().parse(JSON.parse(readFileSync(lifeEventsPath, 'utf8')))

  it('parses and has the 5 bundles once each', () => {
    const bundles = loadBundles()
    expect(bundles.map((bundle) => bundle.id).sort()).toEqual([...BUNDLES].sort())
    for (const bundle of bundles) expect(bundle.sharedMaterials.length, bundle.id).toBeGreaterThanOrEqual(1)
  })

  it('lists exactly the catalog items that carry each tag', () => {
    const { items } = loadSeed()
    const byId = new Map(items.map((item) => [item.id, item]))
    for (const bundle of loadBundles()) {
      expect(new Set(bundle.itemIds).size, bundle.id).toBe(bundle.itemIds.length)
      for (const id of bundle.itemIds) {
        expect(byId.has(id), `${bundle.id}: ${id}`).toBe(true)
        expect(byId.get(id)?.lifeEvents, `${bundle.id}: ${id}`).toContain(bundle.id)
      }
      expect([...bundle.itemIds].sort(), bundle.id).toEqual(
        inBundle(items, bundle.id)
          .map((item) => item.id)
          .sort(),
      )
    }
  })
})

describe('working-day calendars', () => {
  const weekday = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getUTCDay()

  for (const year of [2026, 2027]) {
    it(`calendar-${year} parses and is consistent`, () => {
      const result = workingDayCalendarSchema.safeParse(JSON.parse(readFileSync(calendarPath(year), 'utf8')))
      expect(result.error?.issues).toBeUndefined()
      const calendar = result.data!
      expect(calendar.year).toBe(year)
      for (const date of [...calendar.holidays, ...calendar.workdays]) expect(date.slice(0, 4), date).toBe(String(year))
      expect(new Set(calendar.holidays).size).toBe(calendar.holidays.length)
      expect(new Set(calendar.workdays).size).toBe(calendar.workdays.length)
      for (const date of calendar.workdays) {
        expect(calendar.holidays, date).not.toContain(date)
        expect([0, 6], `${date} is a make-up day, so a weekend`).toContain(weekday(date))
      }
      // 元旦 and 国庆 always.
      expect(calendar.holidays).toContain(`${year}-01-01`)
      expect(calendar.holidays).toContain(`${year}-10-01`)
    })
  }

  it('2026 follows the published notice and 2027 is marked provisional', () => {
    const c2026 = workingDayCalendarSchema.parse(JSON.parse(readFileSync(calendarPath(2026), 'utf8')))
    expect(c2026.provisional).toBeUndefined()
    // The State Council's periods plus 西双版纳's 傣历新年节 (3 days).
    expect(c2026.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7 + 3)
    expect(c2026.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    const c2027 = workingDayCalendarSchema.parse(JSON.parse(readFileSync(calendarPath(2027), 'utf8')))
    expect(c2027.provisional).toBe(true)
    for (const day of ['2027-02-05', '2027-04-05', '2027-06-09', '2027-09-15']) expect(c2027.holidays).toContain(day)
  })

  it('carries 傣历新年节 (4月13日–15日) as a named local holiday, among the days off, in every seeded year', () => {
    for (const year of [2026, 2027]) {
      const calendar = workingDayCalendarSchema.parse(JSON.parse(readFileSync(calendarPath(year), 'utf8')))
      const dates = [`${year}-04-13`, `${year}-04-14`, `${year}-04-15`]
      expect(calendar.localHolidays).toEqual([{ name: '傣历新年节', dates }])
      expect(calendar.holidays).toEqual(expect.arrayContaining(dates))
      expect(calendarEditIssues(year, calendarEditOf(calendar))).toEqual([])
    }
  })
})
