import ExcelJS from 'exceljs'
import { measureInflatedSize } from './zip-inflated-size'

/** The worksheet export writes and import reads first (otherwise the workbook's first sheet). */
const CATALOG_SHEET_NAME = '事项目录'

type XlsxReadResult = { ok: true; rows: string[][] } | { ok: false; message: string }

const NOT_XLSX = '文件不是有效的 XLSX 工作簿，请在 Excel/WPS 中另存为“Excel 工作簿（*.xlsx）”后重试'
const TOO_LARGE_UNPACKED = '工作簿解压后过大，不像是事项目录文件，请检查后重试'
/** What a workbook may expand to: a 5 MiB catalog is far below it, a zip bomb far above. */
export const XLSX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
/** Columns read per row; the layout has under 40, so anything far right is stray. */
const MAX_COLUMNS = 200

/**
 * Every cell as the text the operator sees. `maxRows` stops a workbook with an
 * absurd row count before its rows are turned into strings.
 */
export async function readXlsxRows(bytes: Buffer, maxRows: number): Promise<XlsxReadResult> {
  const unpacked = declaredUnpackedBytes(bytes)
  if (unpacked === undefined) return { ok: false, message: NOT_XLSX }
  if (unpacked > XLSX_MAX_UNPACKED_BYTES) return { ok: false, message: TOO_LARGE_UNPACKED }
  // The directory may lie about sizes: measure what the entries really inflate to before exceljs inflates them for real.
  const measured = await measureInflatedSize(bytes, XLSX_MAX_UNPACKED_BYTES)
  if (!measured.ok) return { ok: false, message: measured.reason === 'tooLarge' ? TOO_LARGE_UNPACKED : NOT_XLSX }
  const workbook = new ExcelJS.Workbook()
  try {
    // exceljs's typings name an older Buffer type than @types/node 20's.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  } catch {
    return { ok: false, message: NOT_XLSX }
  }
  const sheet = workbook.getWorksheet(CATALOG_SHEET_NAME) ?? workbook.worksheets[0]
  if (!sheet) return { ok: false, message: '工作簿中没有工作表' }
  if (sheet.rowCount > maxRows) return { ok: false, message: `工作表“${sheet.name}”超过 ${maxRows} 行，请拆分后分批导入` }
  const rows: string[][] = []
  for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber++) {
    const row = sheet.getRow(rowNumber)
    const cells: string[] = []
    for (let column = 1; column <= Math.min(row.cellCount, MAX_COLUMNS); column++) cells.push(cellText(row.getCell(column).value))
    rows.push(cells)
  }
  return { ok: true, rows }
}

/**
 * The sum of the uncompressed sizes the zip's central directory declares, read
 * before anything is inflated; undefined when the bytes hold no readable zip
 * directory. It stops honest and naive bombs without inflating anything; a
 * directory that lies about sizes is caught by measureInflatedSize.
 */
export function declaredUnpackedBytes(bytes: Buffer): number | undefined {
  const END_SIGNATURE = 0x06054b50
  const ENTRY_SIGNATURE = 0x02014b50
  // The end record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff)
  let end = -1
  for (let offset = bytes.length - 22; offset >= lowest; offset--) {
    if (bytes.readUInt32LE(offset) === END_SIGNATURE) {
      end = offset
      break
    }
  }
  if (end < 0) return undefined
  const entries = bytes.readUInt16LE(end + 10)
  let offset = bytes.readUInt32LE(end + 16)
  let total = 0
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== ENTRY_SIGNATURE) return undefined
    total += bytes.readUInt32LE(offset + 24)
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32)
  }
  return total
}

/** Text of a cell whatever Excel stored: shared strings, rich text, numbers, booleans, formula results, links. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if ('richText' in value) return value.richText.map((run) => run.text).join('')
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null)
  if ('hyperlink' in value) return cellText((value as { text?: ExcelJS.CellValue }).text ?? null)
  if ('error' in value) return String(value.error)
  return ''
}

type XlsxColumnLayout = { header: string; width: number; wrap: boolean }

/** One sheet: a bold frozen header row, columns sized for reading, multi-line columns wrapped. */
export async function writeXlsx(columns: readonly XlsxColumnLayout[], rows: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '便民服务站 县级服务器'
  const sheet = workbook.addWorksheet(CATALOG_SHEET_NAME, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] })
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: { numFmt: '@', alignment: column.wrap ? { wrapText: true, vertical: 'top' } : { vertical: 'top' } },
  }))
  sheet.getRow(1).font = { bold: true }
  // Every value is written, and formatted, as text so codes like 000120001000 keep their leading zeros when edited.
  for (const row of rows) sheet.addRow([...row])
  const written = await workbook.xlsx.writeBuffer()
  return Buffer.from(written as ArrayBuffer)
}
