import type { CatalogImportError } from '../../../../shared/catalog-admin'
import {
  STATION_IMPORT_FIELDS,
  STATION_IMPORT_HEADERS,
  STATION_KIND_ALIASES,
  stationDetailsSchema,
  type StationDetails,
} from '../../../../shared/station-admin'
import type { StationKind } from '../../../../shared/station'
import { decodeCsvBytes, parseCsv } from '../../catalog/import/csv'
import { readXlsxRows } from '../../catalog/import/xlsx'

/** A county has a few hundred stations; a file far longer is a mistake. */
const MAX_STATION_ROWS = 5_000
const STATION_IMPORT_MAX_BYTES = 2 * 1024 * 1024

type StationRowsResult = { ok: true; stations: StationDetails[] } | { ok: false; errors: CatalogImportError[] }
type ReadStationFileResult = { ok: false; status: 400 | 413; message: string } | { ok: true; result: StationRowsResult }

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]

/** Reads an uploaded station list (.csv or .xlsx) into validated stations, or every row error. */
export async function readStationFile(fileName: string, bytes: Buffer): Promise<ReadStationFileResult> {
  if (bytes.length > STATION_IMPORT_MAX_BYTES) return { ok: false, status: 413, message: '文件超过 2 MiB 上限，请拆分后分批导入' }
  if (bytes.length === 0) return { ok: false, status: 400, message: '文件是空的' }
  const extension = /\.([A-Za-z]+)$/.exec(fileName.trim())?.[1]?.toLowerCase()
  const isXlsx = XLSX_MAGIC.every((byte, index) => bytes[index] === byte)
  if (extension === 'xlsx') {
    if (!isXlsx) return { ok: false, status: 400, message: '文件扩展名为 .xlsx，但内容不是 XLSX 工作簿' }
    const read = await readXlsxRows(bytes, MAX_STATION_ROWS + 1)
    if (!read.ok) return { ok: false, status: 400, message: read.message }
    return { ok: true, result: stationsFromRows(read.rows) }
  }
  if (extension === 'csv' || extension === 'txt') {
    if (isXlsx) return { ok: false, status: 400, message: '文件扩展名为 .csv，但内容是 XLSX 工作簿，请把扩展名改为 .xlsx' }
    const decoded = decodeCsvBytes(bytes)
    if (!decoded.ok) return { ok: false, status: 400, message: decoded.message }
    const parsed = parseCsv(decoded.text)
    if (!parsed.ok) return { ok: true, result: { ok: false, errors: [{ row: parsed.row, column: '', message: parsed.message }] } }
    return { ok: true, result: stationsFromRows(parsed.rows) }
  }
  return { ok: false, status: 400, message: '仅支持 .csv 和 .xlsx 文件（列：站点编码、站点名称、类型、所属乡镇、地址、联系电话）' }
}

type Field = (typeof STATION_IMPORT_FIELDS)[number]

/**
 * Rows to stations: the header row names the columns (Chinese or English), every later row is
 * one station. Each problem is reported by its spreadsheet row (header = 1) and column header.
 */
function stationsFromRows(rows: readonly (readonly string[])[]): StationRowsResult {
  const [header, ...body] = rows
  if (!header) return { ok: false, errors: [{ row: 1, column: '', message: '文件没有表头行' }] }
  const columns = new Map<Field, { index: number; header: string }>()
  header.forEach((cell, index) => {
    const name = cell.trim()
    const field = STATION_IMPORT_FIELDS.find((candidate, at) => candidate === name.toLowerCase() || STATION_IMPORT_HEADERS[at] === name)
    if (field && !columns.has(field)) columns.set(field, { index, header: name })
  })
  const missing = STATION_IMPORT_FIELDS.filter((field, at) => at < 4 && !columns.has(field))
  if (missing.length > 0) {
    const names = missing.map((field) => STATION_IMPORT_HEADERS[STATION_IMPORT_FIELDS.indexOf(field)]).join('、')
    return { ok: false, errors: [{ row: 1, column: '', message: `缺少列：${names}（表头应为：${STATION_IMPORT_HEADERS.join('、')}）` }] }
  }
  if (body.length > MAX_STATION_ROWS) return { ok: false, errors: [{ row: 1, column: '', message: `站点不能超过 ${MAX_STATION_ROWS} 行，请拆分后分批导入` }] }

  const errors: CatalogImportError[] = []
  const stations: StationDetails[] = []
  const firstRowOf = new Map<string, number>()
  body.forEach((cells, at) => {
    const row = at + 2
    if (cells.every((cell) => cell.trim() === '')) return
    const cell = (field: Field) => {
      const column = columns.get(field)
      return column ? (cells[column.index] ?? '').trim() : ''
    }
    const headerOf = (field: Field) => columns.get(field)?.header ?? STATION_IMPORT_HEADERS[STATION_IMPORT_FIELDS.indexOf(field)]!
    const kind = kindOf(cell('kind'))
    if (!kind) {
      errors.push({ row, column: headerOf('kind'), message: `类型“${cell('kind')}”无法识别，应为“乡镇便民服务中心”或“村(社区)便民服务站”` })
    }
    const parsed = stationDetailsSchema.safeParse({
      code: cell('code'),
      name: cell('name'),
      kind: kind ?? 'townshipCentre',
      township: cell('township'),
      address: cell('address'),
      phone: cell('phone'),
    })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field
        errors.push({ row, column: headerOf(field), message: issue.message })
      }
      return
    }
    const earlier = firstRowOf.get(parsed.data.code)
    if (earlier !== undefined) {
      errors.push({ row, column: headerOf('code'), message: `站点编码 ${parsed.data.code} 与第 ${earlier} 行重复` })
      return
    }
    firstRowOf.set(parsed.data.code, row)
    if (kind) stations.push(parsed.data)
  })
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 1000) }
  if (stations.length === 0) return { ok: false, errors: [{ row: 2, column: '', message: '文件中没有站点' }] }
  return { ok: true, stations }
}

function kindOf(value: string): StationKind | undefined {
  const normalised = value.replace(/\s/g, '')
  return (Object.keys(STATION_KIND_ALIASES) as StationKind[]).find((kind) => STATION_KIND_ALIASES[kind].includes(normalised))
}
