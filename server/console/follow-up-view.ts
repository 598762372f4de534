import type { EvaluationFollowUpStatus } from '../../shared/evaluation'
import type { EvaluationFollowUpAction, EvaluationFollowUpRequest, ReportFollowUpAction, ReportFollowUpRequest } from '../../shared/follow-up'
import type { ReportStatus } from '../../shared/report'

export const FOLLOW_UP_COLORS: Record<EvaluationFollowUpStatus, string> = {
  pendingRectification: 'red',
  rectifying: 'orange',
  rectified: 'green',
  unrectifiable: 'default',
}

export const REPORT_STATUS_COLORS: Record<ReportStatus, string> = {
  pending: 'red',
  accepted: 'blue',
  inProgress: 'orange',
  resolved: 'green',
  unresolvable: 'default',
}

export const RATING_COLORS: Record<number, string> = { 1: 'green', 2: 'green', 3: 'blue', 4: 'orange', 5: 'red' }

/** What the 差评 step form holds; `calledAtLocal` is the datetime-local value, read as China time. */
export type EvaluationStepForm = {
  action: EvaluationFollowUpAction
  note?: string
  calledAtLocal?: string
  calledBy?: string
  residentResponse?: string
  satisfied?: boolean
}

/** A datetime-local value (no zone) as the county's instant: the console is used in China (UTC+8). */
function chinaLocalToIso(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local
  return new Date(`${withSeconds}+08:00`).toISOString()
}

/** Now as a datetime-local value in China time, the call-back's default. */
export function chinaLocalNow(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 16)
}

/** The form's values as the request the server takes; the shared schema checks it before it is sent. */
export function toEvaluationFollowUpRequest(form: EvaluationStepForm): EvaluationFollowUpRequest {
  const note = form.note?.trim() ? form.note.trim() : undefined
  if (form.action === 'recordCallBack') {
    return {
      action: 'recordCallBack',
      ...(note ? { note } : {}),
      callBack: {
        calledAt: form.calledAtLocal ? chinaLocalToIso(form.calledAtLocal) : '',
        calledBy: form.calledBy ?? '',
        residentResponse: form.residentResponse ?? '',
        satisfied: form.satisfied as boolean,
      },
    }
  }
  return { action: form.action, note: note ?? '' }
}

export type ReportStepForm = { action: ReportFollowUpAction; note?: string; reply?: string }

export function toReportFollowUpRequest(form: ReportStepForm): ReportFollowUpRequest {
  const note = form.note?.trim() ?? ''
  if (form.action === 'resolve' || form.action === 'markUnresolvable') return { action: form.action, note, reply: form.reply?.trim() ?? '' }
  return { action: form.action, note }
}
