import type { Station } from '../../../shared/station'
import { chinaDate } from '../../../shared/working-days'
import { DOCUMENT_PREFIXES, formatChineseDate, type DocumentSection, type StationDocument } from '../documents/document-model'
import type { DailyReport, DailyReportPeriod } from './daily-report'

/** Who made the sheet and when: the signed-in staff member and the device clock at printing. */
export type DailyReportSheetContext = { station: Station; preparedBy: string; printedAt: Date }

/** 2026年11月30日, or 2026年11月1日至2026年11月30日 for a range. */
export function periodLabel(period: DailyReportPeriod): string {
  if (period.from === period.to) return formatChineseDate(period.from)
  return `${formatChineseDate(period.from)}至${formatChineseDate(period.to)}`
}

/** The printed time in China (UTC+8) whatever the computer's zone: 2026-11-30 17:05. */
export function chinaDateTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3600_000)
  return `${chinaDate(instant)} ${shifted.toISOString().slice(11, 16)}`
}

/** The label and figure rows of the summary block, shared by the screen, the sheet and the workbook. */
export function summaryRows(report: DailyReport): { label: string; count: number }[] {
  const { highlights } = report
  return [
    { label: '办件总数', count: report.total },
    { label: '容缺受理', count: highlights.deferred },
    { label: '当场办结', count: highlights.completedOnSite },
    { label: '帮办代办', count: highlights.assistedOrProxy },
    { label: '尚未报送县级', count: highlights.unsent },
    { label: '县级退回（未报送）', count: highlights.rejected },
  ]
}

/** 办理方式 rows: each mode, then its 帮办代办 reasons indented under it. */
export function serviceModeRows(report: DailyReport): { mode: string; reason: string; count: number }[] {
  return report.byServiceMode.flatMap((mode) => [
    { mode: mode.label, reason: mode.mode === 'self' ? '—' : '小计', count: mode.count },
    ...mode.reasons.map((reason) => ({ mode: mode.label, reason: reason.label, count: reason.count })),
  ])
}

/**
 * 日报表 as a printed sheet (same A4 layout as the intake documents): which station and day,
 * the counts, then lines for the preparer's and the head's signatures and the seal.
 */
export function dailyReportDocument(report: DailyReport, context: DailyReportSheetContext): StationDocument {
  const { station } = context
  const { from, to } = report.period
  const days = from === to ? from.replaceAll('-', '') : `${from.replaceAll('-', '')}-${to.replaceAll('-', '')}`
  const empty = report.total === 0
  const sections: DocumentSection[] = [
    {
      fields: [
        { label: '服务站', value: `${station.name}（站点编码 ${station.code}）` },
        { label: '统计日期', value: periodLabel(report.period) },
        { label: '制表人', value: context.preparedBy },
        { label: '打印时间', value: chinaDateTime(context.printedAt) },
      ],
    },
    {
      // One row of figures across the sheet, so a usual day fits one A4 page with its signatures.
      heading: '一、汇总（件）',
      table: { columns: summaryRows(report).map((row) => row.label), rows: [summaryRows(report).map((row) => String(row.count))] },
    },
    {
      heading: '二、按事项',
      table: {
        columns: ['序号', '事项名称', '实施编码', '实施部门', '件数'],
        rows: [
          ...report.byItem.map((item, index) => [String(index + 1), item.itemName, item.implCode, item.department, String(item.count)]),
          ['', '合计', '', '', String(report.total)],
        ],
      },
      paragraphs: empty ? ['（本期无办件）'] : [],
    },
    {
      heading: '三、按办理状态',
      table: { columns: ['办理状态', '件数'], rows: [...report.byStatus.map((row) => [row.label, String(row.count)]), ['合计', String(report.total)]] },
      paragraphs: empty ? ['（本期无办件）'] : [],
    },
    {
      heading: '四、按办理方式',
      table: {
        columns: ['办理方式', '帮办代办原因', '件数'],
        rows: [...serviceModeRows(report).map((row) => [row.mode, row.reason, String(row.count)]), ['合计', '', String(report.total)]],
      },
      paragraphs: ['办理状态为打印时本站所存的最新状态；县级的受理、办结等决定在同步后更新。'],
      signatures: ['制表人（签字）', '站点负责人（签字）', '服务站（盖章）'],
    },
  ]
  return {
    kind: 'dailyReport',
    title: '便民服务站日报表',
    documentNo: `${DOCUMENT_PREFIXES.dailyReport}-${station.code}-${days}`,
    issuer: station.name,
    date: to,
    sections,
  }
}
