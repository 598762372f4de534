import { DELIVERY_METHOD_LABELS, RESULT_LABELS } from '../../../shared/decision'
import type { IntakeStatus } from '../../../shared/intake-status'
import type { IntakeRecord } from '../../../shared/station-records'

export type TimelineTone = 'done' | 'waiting' | 'attention' | 'error'

/** One line of an intake's 办理进程. `at` is an ISO instant; `clock` says whose clock gave it. */
type TimelineEvent = {
  key: string
  label: string
  at?: string
  clock?: 'device' | 'county'
  by?: string
  note?: string
  tone: TimelineTone
}

const HISTORY_LABELS: Record<IntakeStatus, string> = {
  submitted: '县级已收件',
  accepted: '已受理',
  correctionRequested: '要求补正',
  refused: '不予受理',
  completed: '已办结',
  delivered: '已送达',
  withdrawn: '已撤回',
  terminated: '终止办理',
}

const HISTORY_TONES: Record<IntakeStatus, TimelineTone> = {
  submitted: 'done',
  accepted: 'done',
  correctionRequested: 'attention',
  refused: 'error',
  completed: 'done',
  delivered: 'done',
  withdrawn: 'attention',
  terminated: 'error',
}

/**
 * 办理进程, oldest first: made on this device, sent to the county (or waiting, or refused by it),
 * then every county decision with its time, operator and note, as pulled. The device's time is
 * shown as such; the order of county events is the county's own (its history), never the device clock.
 */
export function intakeTimeline(intake: IntakeRecord): TimelineEvent[] {
  const events: TimelineEvent[] = [
    { key: 'created', label: '本机登记', at: intake.createdAt, clock: 'device', by: intake.staffName, note: `办件编号 ${intake.intakeNo}`, tone: 'done' },
  ]
  const history = intake.decision?.history ?? []
  if (history.length === 0) {
    events.push(sendingEvent(intake))
  } else {
    const lastCorrection = history.map((entry) => entry.status).lastIndexOf('correctionRequested')
    history.forEach((entry, index) => {
      events.push({
        key: `county-${index}`,
        label: HISTORY_LABELS[entry.status],
        at: entry.at,
        clock: 'county',
        by: entry.by,
        note: noteFor(intake, entry.status, entry.note, index === lastCorrection),
        tone: HISTORY_TONES[entry.status],
      })
    })
    // A later mutation (a supplement, say) the county refused still needs the clerk.
    if (intake.syncState === 'rejected') events.push(sendingEvent(intake))
  }
  return events
}

function sendingEvent(intake: IntakeRecord): TimelineEvent {
  switch (intake.syncState) {
    case 'pending':
      return { key: 'sending', label: '待发送至县级', note: '联网后自动发送，也可点“立即同步”', tone: 'waiting' }
    case 'synced':
      return { key: 'sending', label: '已发送至县级', note: '等待县级回执', tone: 'waiting' }
    case 'rejected':
      return { key: 'sending', label: '县级退回', note: intake.lastError?.message ?? '未说明原因', tone: 'error' }
  }
}

function noteFor(intake: IntakeRecord, status: IntakeStatus, note: string | undefined, isLastCorrection: boolean): string | undefined {
  const decision = intake.decision
  const parts = note ? [note] : []
  if (status === 'correctionRequested' && isLastCorrection && decision?.correction?.length) {
    parts.push(`需补正：${decision.correction.map((item) => `${item.name}（${item.problem}）`).join('；')}`)
  }
  if (status === 'completed' && decision?.result) parts.unshift(`办理结果：${RESULT_LABELS[decision.result]}`)
  if (status === 'delivered' && decision?.deliveryMethod) parts.unshift(DELIVERY_METHOD_LABELS[decision.deliveryMethod])
  return parts.length > 0 ? parts.join('；') : undefined
}
