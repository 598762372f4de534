import type { AdminIntake } from '../../shared/admin'
import { intakeSubmitPayloadSchema, type IntakeSubmitPayload } from '../../shared/intake'
import { applyDecision, decisionKindSchema, type DecisionKind, type IntakeStatus } from '../../shared/intake-status'

/** The station's payload read back through its schema; undefined if it no longer fits (shown raw then). */
export function submittedPayload(intake: AdminIntake): IntakeSubmitPayload | undefined {
  const parsed = intakeSubmitPayloadSchema.safeParse(intake.payload)
  return parsed.success ? parsed.data : undefined
}

/**
 * The decision buttons the detail offers: those the status machine allows, less 终止办理 on an
 * intake with no 容缺 material and 送达 for a result handed over at the station (the server
 * refuses both anyway, with the reason).
 */
export function offeredDecisions(intake: AdminIntake, payload: IntakeSubmitPayload | undefined): DecisionKind[] {
  return decisionKindSchema.options.filter((kind) => {
    if (!applyDecision(intake.status, kind).ok) return false
    if (kind === 'terminate') return payload?.materials.some((material) => material.status === 'deferred') ?? false
    if (kind === 'deliver') return intake.decision.deliveryMethod !== 'station'
    return true
  })
}

export const STATUS_COLORS: Record<IntakeStatus, string> = {
  submitted: 'blue',
  accepted: 'cyan',
  correctionRequested: 'orange',
  refused: 'red',
  completed: 'green',
  delivered: 'purple',
  withdrawn: 'default',
  terminated: 'volcano',
}

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** County time (Asia/Shanghai), whatever the operator's machine is set to. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—'
}
