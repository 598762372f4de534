import { xlsxWorkbook, type XlsxSheet } from '../../lib/xlsx-workbook'
import type { DailyReport, DailyReportPeriod } from './daily-report'
import { chinaDateTime, periodLabel, serviceModeRows, summaryRows, type DailyReportSheetContext } from './daily-report-document'

/** 日报表-MHMZ01-2026-11-30.xlsx, or 日报表-MHMZ01-2026-11-01至2026-11-30.xlsx for a range. */
export function dailyReportFileName(stationCode: string, period: DailyReportPeriod): string {
  const days = period.from === period.to ? period.from : `${period.from}至${period.to}`
  return `日报表-${stationCode}-${days}.xlsx`
}

/** The sheets of the export: 汇总 (with who, where and when), then one sheet per grouping. */
function dailyReportSheets(report: DailyReport, context: DailyReportSheetContext): XlsxSheet[] {
  const { station } = context
  return [
    {
      name: '汇总',
      columnWidths: [22, 40],
      rows: [
        { cells: ['便民服务站日报表'], bold: true },
        { cells: ['服务站', station.name] },
        { cells: ['站点编码', station.code] },
        { cells: ['统计日期', periodLabel(report.period)] },
        { cells: ['制表人', context.preparedBy] },
        { cells: ['导出时间', chinaDateTime(context.printedAt)] },
        { cells: [] },
        { cells: ['项目', '件数'], bold: true },
        ...summaryRows(report).map((row) => ({ cells: [row.label, row.count] })),
      ],
    },
    {
      name: '按事项',
      columnWidths: [6, 40, 16, 30, 8],
      rows: [
        { cells: ['序号', '事项名称', '实施编码', '实施部门', '件数'], bold: true },
        ...report.byItem.map((item, index) => ({ cells: [index + 1, item.itemName, item.implCode, item.department, item.count] })),
        { cells: ['', '合计', '', '', report.total], bold: true },
      ],
    },
    {
      name: '按办理状态',
      columnWidths: [24, 8],
      rows: [
        { cells: ['办理状态', '件数'], bold: true },
        ...report.byStatus.map((row) => ({ cells: [row.label, row.count] })),
        { cells: ['合计', report.total], bold: true },
      ],
    },
    {
      name: '按办理方式',
      columnWidths: [12, 16, 8],
      rows: [
        { cells: ['办理方式', '帮办代办原因', '件数'], bold: true },
        ...serviceModeRows(report).map((row) => ({ cells: [row.mode, row.reason, row.count] })),
        { cells: ['合计', '', report.total], bold: true },
      ],
    },
  ]
}

/** The export as XLSX bytes. */
export function dailyReportWorkbook(report: DailyReport, context: DailyReportSheetContext): Uint8Array<ArrayBuffer> {
  return xlsxWorkbook(dailyReportSheets(report, context), context.printedAt)
}
