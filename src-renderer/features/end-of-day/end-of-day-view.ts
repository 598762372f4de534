import { chinaDate } from '../../../shared/working-days'
import { MUTATION_TYPE_LABELS, type EndOfDayLine, type EndOfDayReport } from './end-of-day-report'

type EndOfDaySummaryRow = { label: string; value: string; attention: boolean }

/** The verdict line at the top of the report, in the clerk's words. */
export function endOfDayVerdict(report: EndOfDayReport): { ok: boolean; text: string } {
  if (report.county === null) return { ok: false, text: `未能与县级服务器对账：${report.countyError ?? '原因不明'}` }
  if (report.allClear) return { ok: true, text: '对账无误：本日本机办理的事项县级均已收到，内容一致' }
  const problems = [
    report.lacking.length > 0 ? `县级缺少 ${report.lacking.length} 条` : null,
    report.differing.length > 0 ? `内容不一致 ${report.differing.length} 条` : null,
    report.unsent.length > 0 ? `尚未发送 ${report.unsent.length} 条` : null,
    (report.filesPending ?? 0) > 0 ? `附件待上传 ${report.filesPending} 个` : null,
    report.filesRequeued > 0 ? `县级缺少附件 ${report.filesRequeued} 个（已重新排队上传）` : null,
  ].filter((part) => part !== null)
  return { ok: false, text: `对账发现问题：${problems.join('，')}` }
}

/** The counts block of the report. */
export function endOfDaySummary(report: EndOfDayReport): EndOfDaySummaryRow[] {
  const made = report.confirmed.length + report.lacking.length + report.differing.length + report.unsent.length
  return [
    { label: '本日本机办理（条）', value: String(made), attention: false },
    { label: '县级已确认', value: report.county === null ? '—' : String(report.confirmed.length), attention: false },
    { label: '县级缺少', value: report.county === null ? '—' : String(report.lacking.length), attention: report.lacking.length > 0 },
    { label: '内容不一致', value: report.county === null ? '—' : String(report.differing.length), attention: report.differing.length > 0 },
    { label: '尚未发送', value: String(report.unsent.length), attention: report.unsent.length > 0 },
    { label: '附件待上传', value: report.filesPending === null ? '—' : String(report.filesPending), attention: (report.filesPending ?? 0) > 0 },
    { label: '县级缺少的附件（已重新排队）', value: report.county === null ? '—' : String(report.filesRequeued), attention: report.filesRequeued > 0 },
    {
      label: '县级所存本站当日变更',
      value: report.county === null ? '—' : `${report.county.heldCount}（其中本站其他设备 ${report.county.otherDevicesCount}）`,
      attention: false,
    },
  ]
}

type EndOfDayLineRow = { key: string; what: string; intakeNo: string; createdAt: string; note: string }

export function lineRows(lines: readonly EndOfDayLine[], formatTime: (iso: string) => string): EndOfDayLineRow[] {
  return lines.map((line) => ({
    key: line.id,
    what: MUTATION_TYPE_LABELS[line.type],
    intakeNo: line.intakeNo ?? '—',
    createdAt: formatTime(line.createdAt),
    note: line.rejection ? `被退回：${line.rejection}` : '',
  }))
}

/** The station days a clerk may reconcile from the page: today and the `count - 1` before it (China time). */
export function recentStationDays(now: Date, count = 7): { value: string; label: string }[] {
  return Array.from({ length: count }, (_, index) => {
    const day = chinaDate(new Date(now.getTime() - index * 24 * 60 * 60 * 1000))
    return { value: day, label: index === 0 ? `${day}（今天）` : index === 1 ? `${day}（昨天）` : day }
  })
}
