import { zipStore } from './zip-store'

type XlsxCell = string | number | null
/** One worksheet: its tab name, column widths (in characters) and rows; `bold` rows are headings. */
export type XlsxSheet = { name: string; columnWidths?: readonly number[]; rows: readonly XlsxRow[] }
type XlsxRow = { cells: readonly XlsxCell[]; bold?: boolean }

/** Characters Excel refuses in a sheet name, and its length limit. */
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/
const SHEET_NAME_MAX = 31
export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A minimal Office Open XML workbook (what Excel, WPS and exceljs read): strings inline, numbers
 * as numbers, one bold style for headings. Sheet names are a programming matter, so a bad one
 * is an Error rather than a message for the clerk.
 */
export function xlsxWorkbook(sheets: readonly XlsxSheet[], modified: Date = new Date()): Uint8Array<ArrayBuffer> {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet')
  const names = new Set<string>()
  for (const sheet of sheets) {
    if (sheet.name.length === 0 || sheet.name.length > SHEET_NAME_MAX || SHEET_NAME_FORBIDDEN.test(sheet.name)) {
      throw new Error(`Invalid sheet name: ${sheet.name}`)
    }
    if (names.has(sheet.name)) throw new Error(`Duplicate sheet name: ${sheet.name}`)
    names.add(sheet.name)
  }
  const encoder = new TextEncoder()
  const file = (path: string, xml: string) => ({ path, data: encoder.encode(xml) })
  return zipStore(
    [
      file('[Content_Types].xml', contentTypes(sheets.length)),
      file('_rels/.rels', ROOT_RELS),
      file('xl/workbook.xml', workbookXml(sheets)),
      file('xl/_rels/workbook.xml.rels', workbookRels(sheets.length)),
      file('xl/styles.xml', STYLES),
      ...sheets.map((sheet, index) => file(`xl/worksheets/sheet${index + 1}.xml`, sheetXml(sheet))),
    ],
    modified,
  )
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`

/** Style 0 is the default; style 1 is bold (cellXfs index 1 → fonts index 1). */
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, index) =>
      `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('')
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    `${sheets}</Types>`
  )
}

function workbookXml(sheets: readonly XlsxSheet[]): string {
  const entries = sheets.map((sheet, index) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('')
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${entries}</sheets></workbook>`
}

function workbookRels(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, index) => `<Relationship Id="rId${index + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
  ).join('')
  return (
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets}` +
    `<Relationship Id="rId${sheetCount + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`
  )
}

function sheetXml(sheet: XlsxSheet): string {
  const cols = sheet.columnWidths?.length
    ? `<cols>${sheet.columnWidths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('')}</cols>`
    : ''
  const rows = sheet.rows
    .map((row, rowIndex) => {
      const cells = row.cells.map((cell, columnIndex) => cellXml(cell, `${columnName(columnIndex)}${rowIndex + 1}`, row.bold === true)).join('')
      return `<row r="${rowIndex + 1}">${cells}</row>`
    })
    .join('')
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}">${cols}<sheetData>${rows}</sheetData></worksheet>`
}

function cellXml(cell: XlsxCell, ref: string, bold: boolean): string {
  const style = bold ? ' s="1"' : ''
  if (cell === null || cell === '') return bold ? `<c r="${ref}"${style}/>` : ''
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error(`Cell ${ref} is not a finite number`)
    return `<c r="${ref}"${style}><v>${cell}</v></c>`
  }
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/** Escapes XML's five special characters and drops control characters XML 1.0 cannot hold. */
function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
