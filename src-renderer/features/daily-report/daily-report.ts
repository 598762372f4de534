import { ASSIST_REASON_LABELS, SERVICE_MODE_LABELS, assistReasonSchema, serviceModeSchema, type AssistReason, type ServiceMode } from '../../../shared/intake'
import { INTAKE_STATUS_LABELS, intakeStatusSchema } from '../../../shared/intake-status'
import type { IntakeRecord } from '../../../shared/station-records'
import { chinaDate } from '../../../shared/working-days'
import type { StationDb } from '../../db/station-db'
import { UserError } from '../../lib/user-error'
import { intakeStatusLabel } from '../intake/intake-labels'

/** The China dates a report covers, both ends included (one day: `from === to`). */
export type DailyReportPeriod = { from: string; to: string }

type ItemCount = { implCode: string; itemName: string; department: string; count: number }
type StatusCount = { label: string; count: number }
type ReasonCount = { reason: AssistReason; label: string; count: number }
type ServiceModeCount = { mode: ServiceMode; label: string; count: number; reasons: ReasonCount[] }

/** The figures a station head reads first on the daily sheet. */
type DailyReportHighlights = {
  /** Accepted with a material missing under 容缺 (at least one 容缺后补 material). */
  deferred: number
  /** 即办件 completed at the window by the lead (confirmed by the county or not yet). */
  completedOnSite: number
  /** 帮办 and 代办 together. */
  assistedOrProxy: number
  /** Made here and not yet sent to the county. */
  unsent: number
  /** Refused by the county's sync (未报送): the clerk must look at them. */
  rejected: number
}

export type DailyReport = {
  stationCode: string
  period: DailyReportPeriod
  total: number
  byItem: ItemCount[]
  byStatus: StatusCount[]
  byServiceMode: ServiceModeCount[]
  highlights: DailyReportHighlights
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** A longer range reads too many intakes for one sheet; a month and a bit covers a monthly summary. */
const MAX_REPORT_DAYS = 62
const DAY_MS = 24 * 3600_000
/**
 * `createdAt` is an ISO instant that may carry any offset (±14 h), while the index compares
 * strings: the range read is widened by that much and each intake is then kept by its China date.
 */
const OFFSET_SLACK_MS = 14 * 3600_000

/** Checks the dates a clerk picked; throws a UserError saying what to change. */
export function checkPeriod(period: DailyReportPeriod): DailyReportPeriod {
  if (!isRealDate(period.from) || !isRealDate(period.to)) throw new UserError('invalid_period', '请选择有效的统计日期（年-月-日）')
  if (period.from > period.to) throw new UserError('invalid_period', '开始日期不能晚于结束日期，请重新选择')
  const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / DAY_MS + 1
  if (days > MAX_REPORT_DAYS) throw new UserError('invalid_period', `统计区间最长 ${MAX_REPORT_DAYS} 天，请缩短日期范围`)
  return period
}

/** What is wrong with the picked dates, in Chinese, or null when the report can be made. */
export function periodProblem(period: DailyReportPeriod): string | null {
  try {
    checkPeriod(period)
    return null
  } catch (error) {
    if (error instanceof UserError) return error.message
    throw error
  }
}

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/**
 * The intakes of the station made in the period, by the device's China date of `createdAt`:
 * this device's and those of the station's other devices pulled from the county alike.
 */
export async function intakesOfPeriod(db: StationDb, stationCode: string, period: DailyReportPeriod): Promise<IntakeRecord[]> {
  checkPeriod(period)
  // China midnight of `from` is 16:00 UTC the day before; the end is China midnight after `to`.
  const start = Date.parse(`${period.from}T00:00:00+08:00`)
  const end = Date.parse(`${period.to}T00:00:00+08:00`) + DAY_MS
  const lower = new Date(start - OFFSET_SLACK_MS).toISOString()
  const upper = new Date(end + OFFSET_SLACK_MS).toISOString()
  const candidates = await db.intakes.where('createdAt').between(lower, upper, true, false).toArray()
  return candidates.filter((intake) => {
    if (intake.stationCode !== stationCode) return false
    const day = chinaDate(new Date(intake.createdAt))
    return day >= period.from && day <= period.to
  })
}

/** Statuses in the order a day's work moves through them; labels from intakeStatusLabel. */
const STATUS_ORDER: readonly string[] = [
  '待发送',
  '未报送',
  ...intakeStatusSchema.options.map((status) => INTAKE_STATUS_LABELS[status]),
  '当场办结（待县级确认）',
]

/** Counts a period's intakes by item, current status and service mode. Pure: tests and the sheet share it. */
export function summarizeIntakes(stationCode: string, period: DailyReportPeriod, intakes: readonly IntakeRecord[]): DailyReport {
  const items = new Map<string, ItemCount>()
  const statuses = new Map<string, number>()
  const modes = new Map<ServiceMode, Map<AssistReason | undefined, number>>()
  const highlights: DailyReportHighlights = { deferred: 0, completedOnSite: 0, assistedOrProxy: 0, unsent: 0, rejected: 0 }

  // Newest first, so an item renamed in a later catalog version shows its current name.
  const newestFirst = [...intakes].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
  for (const intake of newestFirst) {
    const item = items.get(intake.item.implCode)
    if (item) item.count++
    else items.set(intake.item.implCode, { implCode: intake.item.implCode, itemName: intake.item.name, department: intake.item.department, count: 1 })

    const status = intakeStatusLabel(intake)
    statuses.set(status, (statuses.get(status) ?? 0) + 1)

    const reasons = modes.get(intake.serviceMode) ?? new Map<AssistReason | undefined, number>()
    const reason = intake.serviceMode === 'self' ? undefined : intake.assistReason
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    modes.set(intake.serviceMode, reasons)

    if (intake.materials.some((material) => material.status === 'deferred')) highlights.deferred++
    if (intake.onSiteCompletion) highlights.completedOnSite++
    if (intake.serviceMode !== 'self') highlights.assistedOrProxy++
    if (intake.syncState === 'pending') highlights.unsent++
    if (intake.syncState === 'rejected') highlights.rejected++
  }

  const rank = (label: string) => (STATUS_ORDER.includes(label) ? STATUS_ORDER.indexOf(label) : STATUS_ORDER.length)
  return {
    stationCode,
    period,
    total: intakes.length,
    byItem: [...items.values()].sort((a, b) => b.count - a.count || a.implCode.localeCompare(b.implCode)),
    byStatus: [...statuses.entries()]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => rank(a.label) - rank(b.label) || a.label.localeCompare(b.label)),
    // Every mode has its row, a zero included: the sheet's layout stays the same every day.
    byServiceMode: serviceModeSchema.options.map((mode) => {
      const reasons = modes.get(mode) ?? new Map<AssistReason | undefined, number>()
      return {
        mode,
        label: SERVICE_MODE_LABELS[mode],
        count: [...reasons.values()].reduce((sum, count) => sum + count, 0),
        reasons:
          mode === 'self'
            ? []
            : assistReasonSchema.options
                .filter((reason) => reasons.has(reason))
                .map((reason) => ({ reason, label: ASSIST_REASON_LABELS[reason], count: reasons.get(reason)! })),
      }
    }),
    highlights,
  }
}

/** The report of a period, read from the station's database. */
export async function loadDailyReport(db: StationDb, stationCode: string, period: DailyReportPeriod): Promise<DailyReport> {
  return summarizeIntakes(stationCode, period, await intakesOfPeriod(db, stationCode, period))
}
