import ExcelJS from 'exceljs'
import { STATISTICS_BREAKDOWNS, STATISTICS_COLUMNS, type Statistics, type StatisticsRow } from '../../../shared/statistics'

const STATISTICS_TOTAL_SHEET = '汇总'

/**
 * The 统计分析 workbook: a 汇总 sheet (the period, its scope and the totals), then one sheet
 * per breakdown, each a bold frozen header, one row per group and a 合计 row. Counts are
 * numbers, rates are numbers formatted as percentages, so the county can sum and chart them.
 */
export async function writeStatisticsWorkbook(statistics: Statistics): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '便民服务站 县级服务器'
  const summary = workbook.addWorksheet(STATISTICS_TOTAL_SHEET)
  summary.columns = [{ width: 16 }, { width: 28 }]
  summary.addRows([
    ['统计期间', statistics.period],
    ['起始日期', statistics.from],
    ['截止日期', statistics.to],
    ['统计范围', statistics.department ?? '全县'],
    ['超期判定日', statistics.today],
    ['口径', '按收件日期归入统计期间'],
  ])
  summary.addRow([])
  for (const column of STATISTICS_COLUMNS) writeValue(summary.addRow([column.title]).getCell(2), column.value(statistics.total), column.percent)

  for (const breakdown of STATISTICS_BREAKDOWNS) {
    const sheet = workbook.addWorksheet(breakdown.title, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] })
    sheet.columns = [
      { header: breakdown.keyTitle, width: breakdown.key === 'byItem' ? 40 : 22 },
      ...STATISTICS_COLUMNS.map((column) => ({ header: column.title, width: 12 })),
    ]
    sheet.getRow(1).font = { bold: true }
    for (const row of [...statistics[breakdown.key], statistics.total]) writeRow(sheet, row)
    sheet.lastRow!.font = { bold: true }
  }
  const written = await workbook.xlsx.writeBuffer()
  return Buffer.from(written as ArrayBuffer)
}

function writeRow(sheet: ExcelJS.Worksheet, row: StatisticsRow): void {
  const line = sheet.addRow([row.label])
  STATISTICS_COLUMNS.forEach((column, index) => writeValue(line.getCell(index + 2), column.value(row), column.percent))
}

/** A rate with nothing to divide by is left empty, not 0%. */
function writeValue(cell: ExcelJS.Cell, value: number | null, percent = false): void {
  if (value === null) return
  cell.value = value
  if (percent) cell.numFmt = '0.0%'
}
