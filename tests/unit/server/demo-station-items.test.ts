import { describe, expect, it } from 'vitest'
import { demoStationItemIds } from '../../../server/seed/demo-station-items'
import { demoCatalogItems } from '../renderer/demo-catalog'

const catalog = demoCatalogItems()
const named = (name: string) => catalog.find((item) => item.name === name)!.id

describe('demoStationItemIds (进驻事项 of the demo stations)', () => {
  const centre = demoStationItemIds('townshipCentre', catalog)
  const village = demoStationItemIds('villageStation', catalog)

  it('never offers a withdrawn item, and lists each item once in id order', () => {
    const withdrawn = catalog.filter((item) => item.status === 'withdrawn').map((item) => item.id)
    expect(withdrawn.length).toBeGreaterThan(0)
    for (const list of [centre, village]) {
      expect(list.filter((id) => withdrawn.includes(id))).toEqual([])
      expect(list).toEqual([...new Set(list)].sort())
    }
  })

  it('gives the township centre every township and village item, and the county items of a bundle', () => {
    const local = catalog.filter((item) => item.status !== 'withdrawn' && (item.levels.includes('5') || item.levels.includes('6')))
    expect(centre).toEqual(expect.arrayContaining(local.map((item) => item.id)))
    expect(centre).toContain(named('企业设立登记'))
    expect(centre).toContain(named('不动产转移登记'))
    expect(centre).not.toContain(named('内地居民结婚登记'))
  })

  it('gives a village station its own items and the township items an agent takes in for a resident', () => {
    expect(village).toContain(named('城乡居民基本养老保险参保登记'))
    expect(village).toContain(named('医疗费用手工（零星）报销'))
    expect(village).not.toContain(named('出生登记'))
    expect(village).not.toContain(named('个体工商户设立登记'))
    expect(village).not.toContain(named('企业设立登记'))
    expect(village.every((id) => centre.includes(id))).toBe(true)
  })
})
