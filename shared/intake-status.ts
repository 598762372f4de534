import { z } from './zod'

/** The county's view of an intake's life. The station never sets these; they arrive by pull. */
export const intakeStatusSchema = z.enum(['submitted', 'accepted', 'correctionRequested', 'refused', 'completed', 'delivered', 'withdrawn', 'terminated'])
export type IntakeStatus = z.infer<typeof intakeStatusSchema>

export const INTAKE_STATUS_LABELS: Record<IntakeStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  correctionRequested: '待补正',
  refused: '不予受理',
  completed: '已办结',
  delivered: '已送达',
  withdrawn: '已撤回',
  terminated: '终止办理',
}

/** After these, a supplement or withdrawal from the station comes too late. */
export const END_STATUSES: readonly IntakeStatus[] = ['refused', 'completed', 'delivered', 'withdrawn', 'terminated']

export function isEndStatus(status: IntakeStatus): boolean {
  return END_STATUSES.includes(status)
}

/** The decisions a county operator can take. */
export const decisionKindSchema = z.enum(['accept', 'requestCorrection', 'refuse', 'complete', 'deliver', 'terminate'])
export type DecisionKind = z.infer<typeof decisionKindSchema>

export const DECISION_LABELS: Record<DecisionKind, string> = {
  accept: '受理',
  requestCorrection: '补正',
  refuse: '不予受理',
  complete: '办结',
  deliver: '送达',
  terminate: '终止办理',
}

const DECISION_TARGET: Record<DecisionKind, IntakeStatus> = {
  accept: 'accepted',
  requestCorrection: 'correctionRequested',
  refuse: 'refused',
  complete: 'completed',
  deliver: 'delivered',
  terminate: 'terminated',
}

/** Which statuses each decision may be taken from. */
const DECISION_FROM: Record<DecisionKind, readonly IntakeStatus[]> = {
  accept: ['submitted', 'correctionRequested'],
  requestCorrection: ['submitted', 'accepted', 'correctionRequested'],
  refuse: ['submitted', 'correctionRequested'],
  complete: ['accepted'],
  deliver: ['completed'],
  /** 容缺 not supplied by its deadline ends an open case (the deadline rule is intakeTerminationBlock in shared/intake-materials.ts). */
  terminate: ['submitted', 'accepted', 'correctionRequested'],
}

export type TransitionResult = { ok: true; status: IntakeStatus } | { ok: false; message: string }

/** The status machine: where a decision leads, or why it cannot be taken now (in Chinese). */
export function applyDecision(current: IntakeStatus, decision: DecisionKind): TransitionResult {
  if (!DECISION_FROM[decision].includes(current)) {
    return {
      ok: false,
      message: `办件当前状态为“${INTAKE_STATUS_LABELS[current]}”，不能执行“${DECISION_LABELS[decision]}”`,
    }
  }
  return { ok: true, status: DECISION_TARGET[decision] }
}
