import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogSeedSchema, type CatalogSeed, type ServiceItem } from '../../../shared/catalog'

// The county server seeds this file at start; a broken seed means no catalog at any station.
const seedPath = resolve(import.meta.dirname, '../../../resources/catalog/menghai-catalog.json')

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
})
