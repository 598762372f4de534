import { describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../../shared/catalog'
import { loadCatalogSeed } from '../../../server/seed/load-catalog-seed'
import { resolveConfig } from '../../../server/config'
import { compareCatalog } from '../../../server/services/catalog/import/catalog-diff'
import { catalogRows, readCatalogFile, writeCatalogFile } from '../../../server/services/catalog/import/catalog-file'
import { CATALOG_HEADERS } from '../../../server/services/catalog/import/columns'
import { decodeCsvBytes, neutraliseFormula, parseCsv, writeCsv } from '../../../server/services/catalog/import/csv'
import { catalogItemsFromRows, MAX_CELL_CHARS, MAX_REPORTED_ERRORS } from '../../../server/services/catalog/import/rows-to-items'
import { declaredUnpackedBytes, XLSX_MAX_UNPACKED_BYTES } from '../../../server/services/catalog/import/xlsx'
import { measureInflatedSize } from '../../../server/services/catalog/import/zip-inflated-size'

function starterItems(): ServiceItem[] {
  const seed = loadCatalogSeed(resolveConfig({ env: {}, overrides: {} }).catalogPath)
  if (!seed) throw new Error('starter catalog missing')
  return seed.items
}

const withoutVersion = (items: readonly ServiceItem[]) => items.map(({ version: _version, ...rest }) => rest)
const header = (name: string) => CATALOG_HEADERS.indexOf(name)

/** The rows of a small valid file: the first starter item (several materials) and one without materials. */
function sampleRows(): string[][] {
  const items = starterItems()
  const noMaterials = { ...items[1]!, materials: [] }
  return catalogRows([items[0]!, noMaterials])
}

function setCell(rows: string[][], row: number, name: string, value: string): void {
  rows[row - 1]![header(name)] = value
}

describe('CSV reading and writing', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and any line ending', () => {
    const parsed = parseCsv('a,"b,1","say ""hi""","two\r\nlines"\r\nc,,d,e\nf,g,h,i\rj,k,l,"m"\r\n')
    expect(parsed).toEqual({
      ok: true,
      rows: [
        ['a', 'b,1', 'say "hi"', 'two\r\nlines'],
        ['c', '', 'd', 'e'],
        ['f', 'g', 'h', 'i'],
        ['j', 'k', 'l', 'm'],
      ],
    })
  })

  it('names the row of a quote that never closes', () => {
    expect(parseCsv('a,b\nc,"d\ne,f\n')).toEqual({ ok: false, row: 2, message: expect.stringContaining('引号未闭合') })
  })

  it('writes UTF-8 with a BOM that reads back to the same rows', () => {
    const rows = [
      ['编码', '说明'],
      ['1', '含,逗号 "引号"\n和换行'],
      [' 前后空格 ', ''],
    ]
    const bytes = writeCsv(rows)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const decoded = decodeCsvBytes(bytes)
    expect(decoded.ok && parseCsv(decoded.text)).toEqual({ ok: true, rows })
  })

  it('writes cells a spreadsheet would run as formulas behind an apostrophe, and reads them back unchanged', () => {
    const rows = [
      ['=HYPERLINK("http://x","点")', '+cmd', '-1', '@SUM(A1)', '\tx', '\rx'],
      ["'=already", "''+two", "'plain", '普通', 'a=b', ''],
    ]
    const bytes = writeCsv(rows)
    const text = bytes.toString('utf8')
    for (const cell of text.slice(1).split(/,|\r\n/)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/)
    expect(neutraliseFormula('=1+1')).toBe("'=1+1")
    expect(neutraliseFormula("'plain")).toBe("'plain")
    const decoded = decodeCsvBytes(bytes)
    expect(decoded.ok && parseCsv(decoded.text)).toEqual({ ok: true, rows })
  })

  it('accepts UTF-8 without a BOM and GBK (Excel’s plain CSV on Chinese Windows), refuses binary', () => {
    expect(decodeCsvBytes(Buffer.from('事项编码,状态', 'utf8'))).toEqual({ ok: true, text: '事项编码,状态' })
    // 事项编码 in GBK.
    expect(decodeCsvBytes(Buffer.from([0xca, 0xc2, 0xcf, 0xee, 0xb1, 0xe0, 0xc2, 0xeb]))).toEqual({ ok: true, text: '事项编码' })
    expect(decodeCsvBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])).ok).toBe(false)
  })
})

describe('catalog rows to items', () => {
  it('reads back every starter item exactly from its own CSV and XLSX export', async () => {
    const items = starterItems()
    expect(items.length).toBeGreaterThanOrEqual(120)
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await writeCatalogFile(items, format, 'test')
      const read = await readCatalogFile(file.fileName, Buffer.from(file.contentBase64, 'base64'))
      if (!read.ok || !read.result.ok) throw new Error(`${format}: ${JSON.stringify(read)}`)
      expect(withoutVersion(read.result.items), format).toEqual(withoutVersion(items))
    }
  })

  it('takes blank item cells on later rows of the same item from its first row', () => {
    const rows = sampleRows()
    for (const name of ['事项名称', '实施主体', '受理条件', '状态']) setCell(rows, 3, name, '')
    const result = catalogItemsFromRows(rows)
    expect(result.ok && result.items.map((item) => [item.name, item.materials.length])).toEqual([
      [starterItems()[0]!.name, starterItems()[0]!.materials.length],
      [starterItems()[1]!.name, 0],
    ])
  })

  it('lists every error with its row and Chinese column, and gives no items', () => {
    const rows = sampleRows()
    const lastRow = rows.length
    setCell(rows, 2, '事项名称', '  ')
    setCell(rows, 2, '办件类型', '特急件')
    setCell(rows, 3, '原件份数', '两份')
    setCell(rows, 3, '材料编号', 'm1')
    setCell(rows, 4, '实施主体', '另一个部门')
    setCell(rows, lastRow, '承诺办结时限', '400')
    setCell(rows, lastRow, '收件即受理', '也许')
    const result = catalogItemsFromRows(rows)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map(({ row, column }) => [row, column])).toEqual([
      [2, '事项名称'],
      [2, '办件类型'],
      [3, '材料编号'],
      [3, '原件份数'],
      [4, '实施主体'],
      [lastRow, '承诺办结时限'],
      [lastRow, '收件即受理'],
    ])
    expect(result.errors[0]!.message).toBe('不能为空')
    expect(result.errors[1]!.message).toContain('即办件、承诺件')
    expect(result.errors[2]!.message).toContain('与第 2 行重复')
    expect(result.errors[4]!.message).toContain('与第 2 行')
    expect(result.errors[5]!.message).toContain('365')
    expect(result.errorCount).toBe(7)
  })

  it('reports a schema rule (promised limit above the legal one) on the item’s row and column', () => {
    const rows = sampleRows()
    const last = rows.length
    setCell(rows, last, '法定办结时限', '5')
    setCell(rows, last, '承诺办结时限', '6')
    const result = catalogItemsFromRows(rows)
    expect(result).toEqual({ ok: false, errorCount: 1, errors: [{ row: last, column: '承诺办结时限', message: '承诺办结时限不能超过法定办结时限' }] })
  })

  it('refuses unknown, repeated and missing headers on row 1', () => {
    const rows = sampleRows()
    rows[0]![header('事项名称')] = '事项名'
    rows[0]![header('状态')] = '事项编码'
    const result = catalogItemsFromRows(rows)
    expect(result.ok === false && result.errors).toEqual([
      { row: 1, column: '事项名', message: expect.stringContaining('未知的列') },
      { row: 1, column: '事项编码', message: '列“事项编码”出现了不止一次' },
      { row: 1, column: '事项名称', message: '缺少列“事项名称”' },
      { row: 1, column: '状态', message: '缺少列“状态”' },
    ])
  })

  it('refuses huge cells and an empty file without reading further', () => {
    const rows = sampleRows()
    setCell(rows, 2, '办理地点', '长'.repeat(MAX_CELL_CHARS + 1))
    const huge = catalogItemsFromRows(rows)
    expect(huge.ok === false && huge.errors).toEqual([{ row: 2, column: '办理地点', message: expect.stringContaining('内容过长') }])
    expect(catalogItemsFromRows([]).ok).toBe(false)
    expect(catalogItemsFromRows([[...CATALOG_HEADERS]])).toMatchObject({ ok: false, errors: [{ row: 2, message: expect.stringContaining('没有任何事项') }] })
  })
})

/** A zip holding only a central directory whose one entry declares `size` uncompressed bytes. */
function zipDeclaring(size: number): Buffer {
  const local = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])
  const entry = Buffer.alloc(46)
  entry.writeUInt32LE(0x02014b50, 0)
  entry.writeUInt32LE(size, 24)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(entry.length, 12)
  end.writeUInt32LE(local.length, 16)
  return Buffer.concat([local, entry, end])
}

describe('reading an uploaded file', () => {
  it('refuses a workbook that would unpack past the limit before inflating anything', async () => {
    const bomb = zipDeclaring(XLSX_MAX_UNPACKED_BYTES + 1)
    expect(declaredUnpackedBytes(bomb)).toBe(XLSX_MAX_UNPACKED_BYTES + 1)
    expect(await readCatalogFile('目录.xlsx', bomb)).toEqual({ ok: false, status: 400, message: expect.stringContaining('解压后过大') })
    const file = await writeCatalogFile(starterItems(), 'xlsx', 'test')
    expect(declaredUnpackedBytes(Buffer.from(file.contentBase64, 'base64'))).toBeLessThan(XLSX_MAX_UNPACKED_BYTES)
  })

  it('measures what a workbook really inflates to, and stops at the limit whatever the directory says', async () => {
    const workbook = Buffer.from((await writeCatalogFile(starterItems(), 'xlsx', 'test')).contentBase64, 'base64')
    const measured = await measureInflatedSize(workbook, XLSX_MAX_UNPACKED_BYTES)
    expect(measured).toEqual({ ok: true, bytes: declaredUnpackedBytes(workbook) })
    if (!measured.ok) return
    expect(await measureInflatedSize(workbook, measured.bytes - 1)).toEqual({ ok: false, reason: 'tooLarge' })
    // The same workbook with every declared size turned into 1: the directory lies, the measure does not.
    const lying = Buffer.from(workbook)
    for (let offset = 0; offset + 4 <= lying.length; offset++) {
      if (lying.readUInt32LE(offset) === 0x02014b50) lying.writeUInt32LE(1, offset + 24)
    }
    expect(declaredUnpackedBytes(lying)).toBeLessThan(100)
    expect(await measureInflatedSize(lying, measured.bytes - 1)).toEqual({ ok: false, reason: 'tooLarge' })
    expect(await measureInflatedSize(Buffer.from('not a zip at all, just text'), 1000)).toEqual({ ok: false, reason: 'unreadable' })
  })

  it('lists the first errors by row and counts all of them when every row is wrong', () => {
    const rows = sampleRows()
    const template = rows[1]!
    for (let index = 0; index < 3000; index++) {
      const row = [...template]
      row[header('事项编码')] = `X${index}`
      row[header('办件类型')] = '?'
      rows.push(row)
    }
    const result = catalogItemsFromRows(rows)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS)
    expect(result.errorCount).toBe(3000)
    expect(result.errors[0]!.row).toBe(rows.length - 3000 + 1)
  })

  it('refuses files that are not a CSV or XLSX table with a Chinese reason', async () => {
    const cases: [string, Buffer, 400 | 413][] = [
      ['图片.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 400],
      ['目录.xlsx', Buffer.from('事项编码,事项名称\n'), 400],
      ['目录.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), 400],
      ['目录.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 400],
      ['目录.pdf', Buffer.from('%PDF-1.4'), 400],
      ['目录.csv', Buffer.alloc(0), 400],
      ['目录.csv', Buffer.alloc(5 * 1024 * 1024 + 1, 0x61), 413],
    ]
    for (const [name, bytes, status] of cases) {
      const read = await readCatalogFile(name, bytes)
      expect(read.ok, name).toBe(false)
      if (!read.ok) {
        expect(read.status, name).toBe(status)
        expect(read.message, name).toMatch(/[\u4e00-\u9fff]/)
      }
    }
  })
})

describe('comparing an import with the published catalog', () => {
  it('sorts items into added, changed, suspended, withdrawn and unchanged; items left out stay', () => {
    const published = starterItems()
      .filter((item) => item.status === 'active')
      .slice(0, 6)
    const [same, renamed, suspended, withdrawn, , leftOut] = published as [ServiceItem, ServiceItem, ServiceItem, ServiceItem, ServiceItem, ServiceItem]
    const added = { ...same, id: 'NEW0001', implCode: 'NEW0001', name: '新事项' }
    const imported = [
      same,
      { ...renamed, name: `${renamed.name}（新）`, promisedLimitDays: 0 },
      { ...suspended, status: 'suspended' as const },
      { ...withdrawn, status: 'withdrawn' as const },
      { ...published[4]!, version: 9 },
      added,
    ]
    const { diff, changes } = compareCatalog(published, imported)
    expect(diff.counts).toEqual({ added: 1, changed: 1, suspended: 1, withdrawn: 1, unchanged: 2, notInFile: 1 })
    expect(changes.map((change) => [change.kind, change.item.id])).toEqual([
      ['changed', renamed.id],
      ['suspended', suspended.id],
      ['withdrawn', withdrawn.id],
      ['added', added.id],
    ])
    expect(diff.entries[0]!.fields).toEqual(expect.arrayContaining(['事项名称']))
    expect(diff.entries[1]!.fields).toEqual(['状态'])
    expect(leftOut.id).not.toBe(added.id)
  })
})
