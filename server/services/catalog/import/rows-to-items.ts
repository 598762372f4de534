import type { CatalogImportError } from '../../../../shared/catalog-admin'
import { serviceItemSchema, type ServiceItem } from '../../../../shared/catalog'
import { canonicalJson } from '../../../../shared/canonical-json'
import { CATALOG_COLUMNS, ITEM_ID_HEADER, MATERIAL_ID_HEADER, VERSION_HEADER, type Column } from './columns'
import { truncateText } from '../../../../shared/truncate-text'

export const MAX_DATA_ROWS = 20_000
export const MAX_CELL_CHARS = 5_000
/** Past this many, the answer lists the first ones and the total. */
export const MAX_REPORTED_ERRORS = 1_000
/** Kept before sorting by row, so the reported ones are the first rows' even when schema errors come last. */
const MAX_KEPT_ERRORS = 20_000

export type RowsToItemsResult = { ok: true; items: ServiceItem[] } | { ok: false; errors: CatalogImportError[]; errorCount: number }

type ItemGroup = {
  id: string
  firstRow: number
  values: Map<Column, unknown>
  materials: Record<string, unknown>[]
  materialRows: number[]
  hasErrors: boolean
}

const ITEM_COLUMNS = CATALOG_COLUMNS.filter((column) => column.scope === 'item')
const MATERIAL_COLUMNS = CATALOG_COLUMNS.filter((column) => column.scope === 'material')
const ID_COLUMN = ITEM_COLUMNS.find((column) => column.header === ITEM_ID_HEADER)!

/**
 * Turns the rows of a catalog file (header first) into service items, checking
 * every cell and then every item against the shared schema. Rows are numbered as
 * a spreadsheet shows them: the header is row 1. Either every item is valid, or
 * the answer lists every error with its row and column and no item at all.
 */
export function catalogItemsFromRows(rows: readonly (readonly string[])[]): RowsToItemsResult {
  const errors: CatalogImportError[] = []
  let errorCount = 0
  // Errors past the reported ones are only counted, so a file wrong in every cell stays cheap.
  const fail = (row: number, column: string, message: string) => {
    errorCount++
    if (errors.length < MAX_KEPT_ERRORS) errors.push({ row, column, message })
  }

  const header = rows[0]
  if (!header || header.every((cell) => cell.trim() === '')) return finish([{ row: 1, column: '', message: '文件为空：第 1 行应为列名' }])
  const positions = readHeader(header, fail)
  if (errors.length > 0) return finish(errors)
  if (rows.length - 1 > MAX_DATA_ROWS) return finish([{ row: MAX_DATA_ROWS + 2, column: '', message: `超过 ${MAX_DATA_ROWS} 行，请拆分后分批导入` }])

  const groups = new Map<string, ItemGroup>()
  for (let index = 1; index < rows.length; index++) {
    const cells = rows[index]!
    const rowNumber = index + 1
    if (cells.every((cell) => cell.trim() === '')) continue
    const cellOf = (column: Column) => cells[positions.get(column) ?? -1] ?? ''
    const tooLong = CATALOG_COLUMNS.filter((column) => cellOf(column).length > MAX_CELL_CHARS)
    for (const column of tooLong) fail(rowNumber, column.header, `内容过长（${cellOf(column).length} 字），每个单元格最多 ${MAX_CELL_CHARS} 字`)
    if (tooLong.length > 0) {
      const id = cellOf(ID_COLUMN).trim()
      const group = groups.get(id)
      if (group) group.hasErrors = true
      continue
    }

    const id = cellOf(ID_COLUMN).trim()
    if (id === '') {
      fail(rowNumber, ITEM_ID_HEADER, '不能为空：每一行都要填写所属事项的编码')
      continue
    }
    let group = groups.get(id)
    if (!group) {
      group = { id, firstRow: rowNumber, values: new Map(), materials: [], materialRows: [], hasErrors: false }
      groups.set(id, group)
      for (const column of ITEM_COLUMNS) {
        const parsed = column.parse(cellOf(column))
        if (parsed.ok) group.values.set(column, parsed.value)
        else {
          fail(rowNumber, column.header, parsed.message)
          group.hasErrors = true
        }
      }
    } else {
      for (const column of ITEM_COLUMNS) {
        const cell = cellOf(column)
        // A blank cell on a later row of the same item takes the first row's value.
        if (cell.trim() === '' || column.header === VERSION_HEADER || !group.values.has(column)) continue
        const parsed = column.parse(cell)
        if (!parsed.ok) {
          fail(rowNumber, column.header, parsed.message)
          group.hasErrors = true
        } else if (canonicalJson(parsed.value) !== canonicalJson(group.values.get(column))) {
          fail(rowNumber, column.header, `与第 ${group.firstRow} 行（该事项的第一行）不一致；同一事项的其他行可留空或填写相同内容`)
          group.hasErrors = true
        }
      }
    }

    if (MATERIAL_COLUMNS.every((column) => cellOf(column).trim() === '')) continue
    const material: Record<string, unknown> = {}
    let materialValid = true
    for (const column of MATERIAL_COLUMNS) {
      const parsed = column.parse(cellOf(column))
      if (parsed.ok) setPath(material, column.path!, parsed.value)
      else {
        fail(rowNumber, column.header, parsed.message)
        materialValid = false
      }
    }
    const duplicateAt = group.materials.findIndex((existing) => existing.id === material.id && material.id !== undefined)
    if (duplicateAt >= 0) {
      fail(rowNumber, MATERIAL_ID_HEADER, `材料编号“${String(material.id)}”与第 ${group.materialRows[duplicateAt]} 行重复；同一事项的材料编号不能重复`)
      materialValid = false
    }
    if (!materialValid) {
      group.hasErrors = true
      continue
    }
    group.materials.push(material)
    group.materialRows.push(rowNumber)
  }

  const items: ServiceItem[] = []
  // Schema rules run on every item, so one answer lists them together with the cell errors;
  // a field whose cell was already refused is not reported twice.
  const refused = new Set(errors.map((error) => `${error.row}|${error.column}`))
  for (const group of groups.values()) {
    const draft: Record<string, unknown> = { materials: group.materials, version: 1 }
    for (const [column, value] of group.values) if (column.path) setPath(draft, column.path, value)
    const checked = serviceItemSchema.safeParse(draft)
    if (checked.success) {
      if (!group.hasErrors) items.push(checked.data)
      continue
    }
    for (const issue of checked.error.issues) {
      const located = locate(group, issue.path)
      if (!refused.has(`${located.row}|${located.column}`)) fail(located.row, located.column, issue.message)
    }
  }
  if (errorCount === 0 && groups.size === 0) fail(2, '', '文件中没有任何事项：第 1 行为列名，事项从第 2 行开始')
  return errorCount > 0 ? finish(errors, errorCount) : { ok: true, items }
}

/** Where each known column is; unknown, repeated and missing headers are errors on row 1. */
function readHeader(header: readonly string[], fail: (row: number, column: string, message: string) => void): Map<Column, number> {
  const positions = new Map<Column, number>()
  header.forEach((cell, index) => {
    const name = cell.trim()
    if (name === '') return
    const column = CATALOG_COLUMNS.find((candidate) => candidate.header === name || candidate.aliases?.includes(name))
    if (!column) return fail(1, truncateText(name, 40, ''), `未知的列“${truncateText(name, 40, '')}”，请使用导出文件中的列名`)
    if (positions.has(column)) return fail(1, name, `列“${name}”出现了不止一次`)
    positions.set(column, index)
  })
  for (const column of CATALOG_COLUMNS) {
    if (column.header !== VERSION_HEADER && !column.optional && !positions.has(column)) fail(1, column.header, `缺少列“${column.header}”`)
  }
  return positions
}

/** A schema issue's row and column: a material field is on that material's row, an item field on the item's first row. */
function locate(group: ItemGroup, path: readonly PropertyKey[]): { row: number; column: string } {
  if (path[0] === 'materials' && typeof path[1] === 'number') {
    const field = typeof path[2] === 'string' ? path[2] : 'id'
    const column = MATERIAL_COLUMNS.find((candidate) => candidate.path === field)
    return { row: group.materialRows[path[1]] ?? group.firstRow, column: column?.header ?? MATERIAL_ID_HEADER }
  }
  const dotted = path.filter((part): part is string => typeof part === 'string').join('.')
  const column = ITEM_COLUMNS.find((candidate) => candidate.path === dotted) ?? ITEM_COLUMNS.find((candidate) => candidate.path?.startsWith(`${dotted}.`))
  return { row: group.firstRow, column: column?.header ?? (dotted === 'materials' ? MATERIAL_ID_HEADER : '') }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {}
    node = node[part] as Record<string, unknown>
  }
  if (value !== undefined) node[parts.at(-1)!] = value
}

function finish(errors: CatalogImportError[], errorCount: number = errors.length): RowsToItemsResult {
  const order = new Map(CATALOG_COLUMNS.map((column, index) => [column.header, index]))
  const sorted = [...errors].sort((a, b) => a.row - b.row || (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1))
  return { ok: false, errors: sorted.slice(0, MAX_REPORTED_ERRORS), errorCount }
}
