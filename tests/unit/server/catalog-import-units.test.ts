import { describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../../shared/catalog'
import { loadCatalogSeed } from '../../../server/seed/load-catalog-seed'
import { resolveConfig } from '../../../server/config'
import { compareCatalog } from '../../../server/services/catalog/import/catalog-diff'
import { catalogRows } from '../../../server/services/catalog/import/catalog-file'
import { CATALOG_HEADERS } from '../../../server/services/catalog/import/columns'
import { catalogItemsFromRows } from '../../../server/services/catalog/import/rows-to-items'

function starterItems(): ServiceItem[] {
  const seed = loadCatalogSeed(resolveConfig({ env: {}, overrides: {} }).catalogPath)
  if (!seed) throw new Error('starter catalog missing')
  return seed.items
}
const idCard = () => starterItems().find((item) => item.name === '居民身份证申领')!
const column = (name: string) => CATALOG_HEADERS.indexOf(name)

describe('catalog import: 时限单位 and the 办事指南 fields', () => {
  it('round-trips the unit and the guide fields through a file', () => {
    const item = idCard()
    const result = catalogItemsFromRows(catalogRows([item]))
    expect(result.ok && result.items[0]).toMatchObject({
      limitUnit: 'calendarDays',
      legalLimitDays: 60,
      processSteps: item.processSteps,
      resultDescription: '居民身份证',
      complaintPhone: item.complaintPhone,
    })
  })

  it('reads a file from before units: old limit headers, no unit or guide columns, limits in working days', () => {
    const rows = catalogRows([{ ...idCard(), limitUnit: 'workingDays' }])
    const dropped = ['时限单位', '办理流程', '办理结果', '监督投诉电话', '网上办理地址'].map(column)
    const old = rows.map((row) => row.filter((_, index) => !dropped.includes(index)))
    old[0] = old[0]!.map((header) => (header === '法定办结时限' ? '法定办结时限（工作日）' : header === '承诺办结时限' ? '承诺办结时限（工作日）' : header))
    const result = catalogItemsFromRows(old)
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true)
    expect(result.ok && result.items[0]).toMatchObject({ limitUnit: 'workingDays', legalLimitDays: 60 })
    expect(result.ok && result.items[0]?.processSteps).toBeUndefined()
  })

  it('names the cell of an unknown unit, and nothing is imported', () => {
    const rows = catalogRows([idCard()])
    rows[1]![column('时限单位')] = '天'
    expect(catalogItemsFromRows(rows)).toEqual({
      ok: false,
      errorCount: 1,
      errors: [{ row: 2, column: '时限单位', message: expect.stringContaining('可选：工作日、自然日') }],
    })
  })

  it('takes a 40-character 实施编码 and refuses a longer one', () => {
    const long = '53282204000130000000000000000000000000AB'
    const rows = catalogRows([{ ...idCard(), id: long, implCode: long }])
    expect(catalogItemsFromRows(rows).ok).toBe(true)
    const tooLong = catalogRows([{ ...idCard(), id: `${long}C`, implCode: long }])
    expect(catalogItemsFromRows(tooLong)).toMatchObject({ ok: false, errors: [{ column: '事项编码', message: expect.stringContaining('最多40位') }] })
  })

  it('does not count a published item without a unit as changed when the file says 工作日', () => {
    const item = starterItems().find((candidate) => candidate.limitUnit === 'workingDays')!
    const { limitUnit: _unit, ...published } = item
    expect(compareCatalog([published as ServiceItem], [item]).changes).toHaveLength(0)
    expect(compareCatalog([item], [{ ...item, limitUnit: 'calendarDays' }]).diff.entries[0]?.fields).toEqual(['时限单位'])
  })
})
