import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { crc32 } from '../../../src-renderer/lib/crc32'
import { columnName, xlsxWorkbook } from '../../../src-renderer/lib/xlsx-workbook'
import { zipStore } from '../../../src-renderer/lib/zip-store'

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  return workbook
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
  })
})

describe('zipStore', () => {
  it('writes STORED entries that a zip reader finds with their names, sizes and CRCs', () => {
    const data = new TextEncoder().encode('日报表 hello')
    const archive = zipStore([{ path: 'a/b.txt', data }])
    const view = new DataView(archive.buffer)
    expect(view.getUint32(0, true)).toBe(0x04034b50)
    expect(view.getUint16(8, true)).toBe(0) // STORED
    expect(view.getUint32(14, true)).toBe(crc32(data))
    expect(view.getUint32(18, true)).toBe(data.length)
    // The end record points at the central directory holding the one entry.
    const end = archive.length - 22
    expect(view.getUint32(end, true)).toBe(0x06054b50)
    expect(view.getUint16(end + 10, true)).toBe(1)
    const central = view.getUint32(end + 16, true)
    expect(view.getUint32(central, true)).toBe(0x02014b50)
    expect(new TextDecoder().decode(archive.slice(central + 46, central + 46 + 7))).toBe('a/b.txt')
    // A STORED entry's bytes follow its header unchanged.
    expect(new TextDecoder().decode(archive.slice(30 + 7, 30 + 7 + data.length))).toBe('日报表 hello')
  })
})

describe('xlsxWorkbook', () => {
  it('is read back by exceljs with its sheets, Chinese text, numbers and bold headings', async () => {
    const bytes = xlsxWorkbook([
      { name: '汇总', columnWidths: [20, 10], rows: [{ cells: ['项目', '数量'], bold: true }, { cells: ['办件总数', 3] }, { cells: ['A&B <"c">', 0] }] },
      { name: '按事项', rows: [{ cells: ['事项名称', null, '件数'], bold: true }, { cells: ['养老保险', '', 2.5] }] },
    ])
    const workbook = await readBack(bytes)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '按事项'])
    const summary = workbook.getWorksheet('汇总')!
    expect(summary.getCell('A1').value).toBe('项目')
    expect(summary.getCell('A1').font?.bold).toBe(true)
    expect(summary.getCell('B2').value).toBe(3)
    expect(summary.getCell('A3').value).toBe('A&B <"c">')
    expect(summary.getCell('B3').value).toBe(0)
    expect(summary.getColumn(1).width).toBe(20)
    const items = workbook.getWorksheet('按事项')!
    expect(items.getCell('B1').value).toBeNull()
    expect(items.getCell('C1').value).toBe('件数')
    expect(items.getCell('C2').value).toBe(2.5)
  })

  it('refuses sheet names Excel cannot open, and an empty workbook', () => {
    expect(() => xlsxWorkbook([])).toThrow()
    expect(() => xlsxWorkbook([{ name: '按/事项', rows: [] }])).toThrow('Invalid sheet name')
    expect(() => xlsxWorkbook([{ name: 'x'.repeat(32), rows: [] }])).toThrow('Invalid sheet name')
    expect(() =>
      xlsxWorkbook([
        { name: '汇总', rows: [] },
        { name: '汇总', rows: [] },
      ]),
    ).toThrow('Duplicate')
  })

  it('names columns past Z', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
  })
})
