import {
  AUDIENCE_LABELS,
  CHANNEL_LABELS,
  CROSS_REGION_LABELS,
  HANDLING_LABELS,
  ITEM_STATUS_LABELS,
  ITEM_TYPE_LABELS,
  LEVEL_LABELS,
  LIMIT_UNIT_LABELS,
  MATERIAL_FORM_LABELS,
  MATERIAL_NECESSITY_LABELS,
  MATERIAL_SOURCE_LABELS,
  ONLINE_DEPTH_LABELS,
  type ServiceItem,
  type ServiceMaterial,
} from '../../../../shared/catalog'
import { truncateText } from '../../../../shared/truncate-text'

/**
 * The catalog file layout (README "Catalog import format"): one row per
 * item-material pair, item columns first, material columns after. The same
 * columns serve CSV and XLSX. Each column knows its Chinese header, where its
 * value goes in the item (a dotted path zod errors can be matched against), how
 * to read a cell and how to write one.
 */

type CellResult = { ok: true; value: unknown } | { ok: false; message: string }

export type Column = {
  header: string
  scope: 'item' | 'material'
  /** Dotted path inside the item or inside one material; undefined for columns only exported. */
  path?: string
  parse(cell: string): CellResult
  format(source: ServiceItem | ServiceMaterial): string
  /** Headers older exports used for this column, still read. */
  aliases?: readonly string[]
  /** A file may leave the column out (files made before it existed); its cells then read as blank. */
  optional?: boolean
}

/** Separator between list values (levels, audience, channels, life events) on export; several are accepted. */
const LIST_SEPARATOR = '、'
const LIST_SPLIT = /[、,，;；\s]+/
const TRUE_WORDS = new Set(['是', 'TRUE', 'Y', 'YES', '1'])
const FALSE_WORDS = new Set(['否', 'FALSE', 'N', 'NO', '0'])

const ok = (value: unknown): CellResult => ({ ok: true, value })
const fail = (message: string): CellResult => ({ ok: false, message })

function requiredText(cell: string): CellResult {
  const value = cell.trim()
  return value === '' ? fail('不能为空') : ok(value)
}

function optionalText(cell: string): CellResult {
  const value = cell.trim()
  return ok(value === '' ? undefined : value)
}

/** A blank cell is the empty string (for fields the schema keeps as text that may be empty). */
function textOrEmpty(cell: string): CellResult {
  return ok(cell.trim())
}

/** Accepts the Chinese label (as exported) or the code, e.g. 承诺件 or 2. */
function oneOf(labels: Record<string, string>): (cell: string) => CellResult {
  return (cell) => {
    const value = cell.trim()
    if (value === '') return fail('不能为空')
    const code = codeOf(labels, value)
    return code === undefined ? fail(`取值“${value}”无效，可选：${Object.values(labels).join('、')}`) : ok(code)
  }
}

function listOf(labels: Record<string, string>): (cell: string) => CellResult {
  return (cell) => {
    const parts = splitList(cell)
    if (parts.length === 0) return fail('不能为空')
    const codes: string[] = []
    for (const part of parts) {
      const code = codeOf(labels, part)
      if (code === undefined) return fail(`取值“${part}”无效，可选：${Object.values(labels).join('、')}（多个用“、”分隔）`)
      if (!codes.includes(code)) codes.push(code)
    }
    return ok(codes)
  }
}

function codeOf(labels: Record<string, string>, value: string): string | undefined {
  const normalised = value.replace(/\s+/g, '')
  for (const [code, label] of Object.entries(labels)) {
    if (label.replace(/\s+/g, '') === normalised || code === value) return code
  }
  return undefined
}

function splitList(cell: string): string[] {
  return cell
    .split(LIST_SPLIT)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/** One entry per line inside the cell (Alt+Enter in Excel and WPS). */
function lines(cell: string): CellResult {
  const values = cell
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  return values.length === 0 ? fail('不能为空（多条时每条占一行）') : ok(values)
}

function wholeNumber(cell: string): CellResult {
  const value = cell.trim()
  if (value === '') return fail('不能为空')
  if (!/^\d{1,4}$/.test(value)) return fail(`应为非负整数，实际为“${truncateText(value, 20, '')}”`)
  return ok(Number(value))
}

function yesNo(cell: string): CellResult {
  const value = cell.trim().toUpperCase()
  if (TRUE_WORDS.has(value)) return ok(true)
  if (FALSE_WORDS.has(value)) return ok(false)
  return fail(value === '' ? '不能为空，应填“是”或“否”' : `应填“是”或“否”，实际为“${truncateText(cell.trim(), 20, '')}”`)
}

/** Like `lines`, but a blank cell leaves the field out. */
function optionalLines(cell: string): CellResult {
  return cell.trim() === '' ? ok(undefined) : lines(cell)
}

/** 时限单位: 工作日 or 自然日 (the code works too); blank is 工作日, as every limit was before units. */
function limitUnit(cell: string): CellResult {
  return cell.trim() === '' ? ok('workingDays') : oneOf(LIMIT_UNIT_LABELS)(cell)
}

function lifeEvents(cell: string): CellResult {
  return ok(splitList(cell))
}

const yes = (value: boolean) => (value ? '是' : '否')

type ItemField = (item: ServiceItem) => string
type MaterialField = (material: ServiceMaterial) => string

function itemColumn(
  header: string,
  path: string | undefined,
  parse: Column['parse'],
  format: ItemField,
  extra: Pick<Column, 'aliases' | 'optional'> = {},
): Column {
  return { header, scope: 'item', path, parse, format: (source) => format(source as ServiceItem), ...extra }
}

function materialColumn(header: string, path: string, parse: Column['parse'], format: MaterialField): Column {
  return { header, scope: 'material', path, parse, format: (source) => format(source as ServiceMaterial) }
}

const labelList = (labels: Record<string, string>, codes: readonly string[]) => codes.map((code) => labels[code] ?? code).join(LIST_SEPARATOR)

export const ITEM_ID_HEADER = '事项编码'
export const VERSION_HEADER = '版本'
export const MATERIAL_ID_HEADER = '材料编号'

export const CATALOG_COLUMNS: readonly Column[] = [
  itemColumn(ITEM_ID_HEADER, 'id', requiredText, (item) => item.id),
  itemColumn('基本编码', 'baseCode', requiredText, (item) => item.baseCode),
  itemColumn('实施编码', 'implCode', requiredText, (item) => item.implCode),
  itemColumn('事项名称', 'name', requiredText, (item) => item.name),
  itemColumn('事项类型', 'itemType', oneOf(ITEM_TYPE_LABELS), (item) => ITEM_TYPE_LABELS[item.itemType]),
  itemColumn('事项子类', 'itemSubKind', optionalText, (item) => item.itemSubKind ?? ''),
  itemColumn('主题领域', 'domain', requiredText, (item) => item.domain),
  itemColumn('实施主体', 'department', requiredText, (item) => item.department),
  itemColumn('行使层级', 'levels', listOf(LEVEL_LABELS), (item) => labelList(LEVEL_LABELS, item.levels)),
  itemColumn('服务对象', 'audience', listOf(AUDIENCE_LABELS), (item) => labelList(AUDIENCE_LABELS, item.audience)),
  itemColumn('办件类型', 'handling', oneOf(HANDLING_LABELS), (item) => HANDLING_LABELS[item.handling]),
  itemColumn('法定办结时限', 'legalLimitDays', wholeNumber, (item) => String(item.legalLimitDays), { aliases: ['法定办结时限（工作日）'] }),
  itemColumn('承诺办结时限', 'promisedLimitDays', wholeNumber, (item) => String(item.promisedLimitDays), { aliases: ['承诺办结时限（工作日）'] }),
  itemColumn('时限单位', 'limitUnit', limitUnit, (item) => LIMIT_UNIT_LABELS[item.limitUnit ?? 'workingDays'], { optional: true }),
  itemColumn('收件即受理', 'acceptOnReceipt', yesNo, (item) => yes(item.acceptOnReceipt)),
  itemColumn('是否收费', 'fee.charged', yesNo, (item) => yes(item.fee.charged)),
  itemColumn('收费说明', 'fee.description', textOrEmpty, (item) => item.fee.description),
  itemColumn('受理条件', 'conditions', lines, (item) => item.conditions.join('\n')),
  itemColumn('设定依据', 'legalBasis', lines, (item) => item.legalBasis.join('\n')),
  itemColumn('办理形式', 'channels', listOf(CHANNEL_LABELS), (item) => labelList(CHANNEL_LABELS, item.channels)),
  itemColumn('网办深度', 'onlineDepth', oneOf(ONLINE_DEPTH_LABELS), (item) => ONLINE_DEPTH_LABELS[item.onlineDepth]),
  itemColumn('通办范围', 'crossRegion', oneOf(CROSS_REGION_LABELS), (item) => CROSS_REGION_LABELS[item.crossRegion]),
  itemColumn('办理地点', 'location', requiredText, (item) => item.location),
  itemColumn('办理时间', 'officeHours', requiredText, (item) => item.officeHours),
  itemColumn('咨询电话', 'consultPhone', textOrEmpty, (item) => item.consultPhone),
  itemColumn('办理流程', 'processSteps', optionalLines, (item) => (item.processSteps ?? []).join('\n'), { optional: true }),
  itemColumn('办理结果', 'resultDescription', optionalText, (item) => item.resultDescription ?? '', { optional: true }),
  itemColumn('监督投诉电话', 'complaintPhone', optionalText, (item) => item.complaintPhone ?? '', { optional: true }),
  itemColumn('网上办理地址', 'onlineUrl', optionalText, (item) => item.onlineUrl ?? '', { optional: true }),
  itemColumn('一件事', 'lifeEvents', lifeEvents, (item) => item.lifeEvents.join(LIST_SEPARATOR)),
  itemColumn('状态', 'status', oneOf(ITEM_STATUS_LABELS), (item) => ITEM_STATUS_LABELS[item.status]),
  // Written for the operator's information; the server assigns versions, so import ignores it.
  itemColumn(
    VERSION_HEADER,
    undefined,
    () => ok(undefined),
    (item) => String(item.version),
  ),
  materialColumn(MATERIAL_ID_HEADER, 'id', requiredText, (material) => material.id),
  materialColumn('材料名称', 'name', requiredText, (material) => material.name),
  materialColumn('必要性', 'necessity', oneOf(MATERIAL_NECESSITY_LABELS), (material) => MATERIAL_NECESSITY_LABELS[material.necessity]),
  materialColumn('材料形式', 'form', oneOf(MATERIAL_FORM_LABELS), (material) => MATERIAL_FORM_LABELS[material.form]),
  materialColumn('原件份数', 'originalCopies', wholeNumber, (material) => String(material.originalCopies)),
  materialColumn('复印件份数', 'photocopyCopies', wholeNumber, (material) => String(material.photocopyCopies)),
  materialColumn('材料来源', 'source', oneOf(MATERIAL_SOURCE_LABELS), (material) => MATERIAL_SOURCE_LABELS[material.source]),
  materialColumn('出具单位', 'issuedBy', optionalText, (material) => material.issuedBy ?? ''),
  materialColumn('可告知承诺', 'commitmentAllowed', yesNo, (material) => yes(material.commitmentAllowed)),
  materialColumn('电子证照可替代', 'eLicenceReplaces', yesNo, (material) => yes(material.eLicenceReplaces)),
  materialColumn('材料备注', 'notes', optionalText, (material) => material.notes ?? ''),
]

export const CATALOG_HEADERS: readonly string[] = CATALOG_COLUMNS.map((column) => column.header)
