import { CATALOG_IMPORT_MAX_BYTES, type CatalogFile, type CatalogFileFormat, type CatalogImportError } from '../../../../shared/catalog-admin'
import type { ServiceItem } from '../../../../shared/catalog'
import { CATALOG_COLUMNS, CATALOG_HEADERS } from './columns'
import { decodeCsvBytes, parseCsv, writeCsv } from './csv'
import { catalogItemsFromRows, MAX_DATA_ROWS, type RowsToItemsResult } from './rows-to-items'
import { readXlsxRows, writeXlsx } from './xlsx'

const MEDIA_TYPES: Record<CatalogFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Columns holding several lines of text are wrapped and wide in the workbook. */
const WIDE_COLUMNS = new Set(['受理条件', '设定依据', '办理地点', '材料名称', '材料备注', '收费说明'])

/** One row per item-material pair (an item without materials has one row); item columns repeated on each. */
export function catalogRows(items: readonly ServiceItem[]): string[][] {
  const rows: string[][] = [[...CATALOG_HEADERS]]
  for (const item of items) {
    const materials = item.materials.length > 0 ? item.materials : [undefined]
    for (const material of materials) {
      rows.push(CATALOG_COLUMNS.map((column) => (column.scope === 'item' ? column.format(item) : material ? column.format(material) : '')))
    }
  }
  return rows
}

export async function writeCatalogFile(items: readonly ServiceItem[], format: CatalogFileFormat, baseName: string): Promise<CatalogFile> {
  const rows = catalogRows(items)
  const bytes =
    format === 'csv'
      ? writeCsv(rows)
      : await writeXlsx(
          CATALOG_HEADERS.map((header) => ({
            header,
            width: WIDE_COLUMNS.has(header) ? 40 : Math.max(10, header.length * 2 + 2),
            wrap: WIDE_COLUMNS.has(header),
          })),
          rows.slice(1),
        )
  return { fileName: `${baseName}.${format}`, mediaType: MEDIA_TYPES[format], contentBase64: bytes.toString('base64') }
}

/** The file could not be read at all (not CSV or XLSX, too large): a 4xx with this message. */
type UnreadableFile = { ok: false; status: 400 | 413; message: string }
type ReadCatalogFileResult = UnreadableFile | { ok: true; format: CatalogFileFormat; result: RowsToItemsResult }

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]

/**
 * Reads an uploaded catalog file: the format from its name and first bytes, then
 * its rows, then the items (or every row error). Only a file that cannot be read
 * as a table at all is "unreadable"; everything else is answered row by row.
 */
export async function readCatalogFile(fileName: string, bytes: Buffer): Promise<ReadCatalogFileResult> {
  if (bytes.length > CATALOG_IMPORT_MAX_BYTES) {
    return { ok: false, status: 413, message: `文件大小 ${(bytes.length / 1024 / 1024).toFixed(1)} MiB，超过 5 MiB 上限，请拆分后分批导入` }
  }
  if (bytes.length === 0) return { ok: false, status: 400, message: '文件是空的' }
  const extension = /\.([A-Za-z]+)$/.exec(fileName.trim())?.[1]?.toLowerCase()
  if (startsWith(bytes, OLE_MAGIC) || extension === 'xls') {
    return { ok: false, status: 400, message: '不支持旧版 Excel 97-2003（.xls）文件，请另存为 .xlsx 或 CSV 后重试' }
  }
  if (extension === 'xlsx') {
    if (!startsWith(bytes, XLSX_MAGIC)) return { ok: false, status: 400, message: '文件扩展名为 .xlsx，但内容不是 XLSX 工作簿' }
    const read = await readXlsxRows(bytes, MAX_DATA_ROWS + 1)
    if (!read.ok) return { ok: false, status: 400, message: read.message }
    return withItems('xlsx', read.rows)
  }
  if (extension === 'csv' || extension === 'txt') {
    if (startsWith(bytes, XLSX_MAGIC)) return { ok: false, status: 400, message: '文件扩展名为 .csv，但内容是 XLSX 工作簿，请把扩展名改为 .xlsx' }
    const decoded = decodeCsvBytes(bytes)
    if (!decoded.ok) return { ok: false, status: 400, message: decoded.message }
    const parsed = parseCsv(decoded.text)
    if (!parsed.ok) return withRowError('csv', { row: parsed.row, column: '', message: parsed.message })
    return withItems('csv', parsed.rows)
  }
  return { ok: false, status: 400, message: '仅支持 .csv 和 .xlsx 文件（可先导出一份作为模板）' }
}

function withItems(format: CatalogFileFormat, rows: string[][]): ReadCatalogFileResult {
  return { ok: true, format, result: catalogItemsFromRows(rows) }
}

function withRowError(format: CatalogFileFormat, error: CatalogImportError): ReadCatalogFileResult {
  return { ok: true, format, result: { ok: false, errors: [error], errorCount: 1 } }
}

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte)
}
