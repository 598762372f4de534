/**
 * CSV as Excel and WPS write it (RFC 4180): comma-separated, fields in double
 * quotes when they hold a comma, a quote (doubled) or a line break. Rows may end
 * in CRLF, LF or CR. A parse failure names the row (header = row 1). Cells that
 * would run as formulas are written behind an apostrophe (neutraliseFormula).
 */

type CsvParseResult = { ok: true; rows: string[][] } | { ok: false; row: number; message: string }

export function parseCsv(text: string): CsvParseResult {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let fieldStarted = false
  let index = 0
  const endField = () => {
    row.push(field)
    field = ''
    fieldStarted = false
  }
  const endRow = () => {
    endField()
    rows.push(row)
    row = []
  }
  while (index < text.length) {
    const char = text[index]!
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"'
          index += 2
          continue
        }
        quoted = false
        index++
        continue
      }
      field += char
      index++
      continue
    }
    if (char === '"' && !fieldStarted) {
      quoted = true
      fieldStarted = true
      index++
    } else if (char === ',') {
      endField()
      index++
    } else if (char === '\r' || char === '\n') {
      endRow()
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1
    } else {
      // A quote inside an unquoted field is kept as text, as Excel does.
      field += char
      fieldStarted = true
      index++
    }
  }
  if (quoted) return { ok: false, row: rows.length + 1, message: '引号未闭合：某个以双引号开头的单元格没有结束的双引号' }
  if (fieldStarted || row.length > 0) endRow()
  return { ok: true, rows: rows.map((cells) => cells.map(restoreFormulaText)) }
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** A cell a spreadsheet program would run as a formula (= + - @, or a tab or CR before one), behind any apostrophes. */
const FORMULA_START = /^'*[=+\-@\t\r]/

/**
 * Excel, WPS and LibreOffice run a cell that begins with = + - @ (or tab, CR) as a
 * formula: `=HYPERLINK(…)` in an item name would be a link to anywhere. Such a cell is
 * written behind an apostrophe, the spreadsheet's own mark for "this is text"; reading
 * takes exactly one apostrophe off again (restoreFormulaText), so export → import keeps
 * every value, one that itself begins with apostrophes included.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

function restoreFormulaText(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

/** UTF-8 with a byte-order mark, so Excel on Windows opens the Chinese text correctly; CRLF between rows. */
export function writeCsv(rows: readonly (readonly string[])[]): Buffer {
  const text = rows.map((row) => row.map((cell) => quote(neutraliseFormula(cell))).join(',')).join('\r\n') + '\r\n'
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
}

type DecodeResult = { ok: true; text: string } | { ok: false; message: string }

/**
 * UTF-8 (with or without BOM) first; otherwise GB18030, which is what Excel's
 * plain "CSV (逗号分隔)" writes on a Chinese Windows. Bytes that are neither,
 * or hold NUL characters, are not a CSV file.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodeResult {
  const text = decode(bytes, 'utf-8') ?? decode(bytes, 'gb18030')
  if (text === undefined || text.includes('\u0000')) {
    return { ok: false, message: '文件不是文本格式的 CSV（应为 UTF-8 或 GBK 编码），请在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”或 XLSX 后重试' }
  }
  return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text }
}

function decode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
}
