import { statisticsSchema, type Statistics, type StatisticsPeriod } from '../../shared/statistics'
import { consoleRequest, fetchBytes } from './api'

/** The 统计分析 screen's calls: the figures (validated with the shared schema) and the workbook. */
export async function getStatistics(period: StatisticsPeriod): Promise<Statistics> {
  return consoleRequest(statisticsSchema, 'GET', `/admin/statistics/${encodeURIComponent(period)}`)
}

/** Fetches the period's workbook with the operator's token and hands it to the browser as a download. */
export async function downloadStatisticsWorkbook(period: StatisticsPeriod): Promise<void> {
  const { blob, filename } = await fetchBytes(`/admin/statistics/${encodeURIComponent(period)}/workbook`, '导出统计表失败')
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename ?? `统计分析-${period}.xlsx`
  document.body.append(link)
  link.click()
  link.remove()
  // The click has started the download; the browser no longer needs the URL after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
