import { EVALUATION_FOLLOW_UP_LABELS, evaluationFollowUpStatusSchema, type EvaluationFollowUpStatus } from './evaluation'
import { REPORT_STATUS_LABELS, reportStatusSchema, type ReportStatus } from './report'
import { z } from './zod'

/**
 * The county's follow-up of a 差评 (待整改 → 整改中 → 已整改 / 无法整改) and of a 办不成事 report
 * (待受理 → 已受理 → 办理中 → 已解决 / 无法解决): what an operator sends, the step kept in the
 * history, and the two state machines as pure functions.
 */

const text = (max: number, required: string) => z.string({ error: required }).trim().min(1, required).max(max, `不能超过${max}个字`)
const note = text(1000, '请填写本步说明')

/** 回访: the county called the resident back about the 差评. */
const callBackSchema = z.object({
  calledAt: z.iso.datetime({ offset: true, message: '请填写回访时间' }),
  calledBy: text(50, '请填写回访人'),
  residentResponse: text(1000, '请记录群众的反馈'),
  satisfied: z.boolean({ message: '请选择群众是否满意' }),
})
export type CallBack = z.infer<typeof callBackSchema>

const evaluationFollowUpActionSchema = z.enum(['startRectification', 'recordCallBack', 'completeRectification', 'markUnrectifiable'])
export type EvaluationFollowUpAction = z.infer<typeof evaluationFollowUpActionSchema>
export const EVALUATION_FOLLOW_UP_ACTION_LABELS: Record<EvaluationFollowUpAction, string> = {
  startRectification: '开始整改',
  recordCallBack: '登记回访',
  completeRectification: '整改完成',
  markUnrectifiable: '无法整改',
}

export const evaluationFollowUpRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('startRectification'), note }),
  z.object({ action: z.literal('recordCallBack'), note: note.optional(), callBack: callBackSchema }),
  /** The call-back may come with the last step, or have been recorded before it. */
  z.object({ action: z.literal('completeRectification'), note, callBack: callBackSchema.optional() }),
  z.object({ action: z.literal('markUnrectifiable'), note }),
])
export type EvaluationFollowUpRequest = z.infer<typeof evaluationFollowUpRequestSchema>

export const evaluationFollowUpStepSchema = z.object({
  action: evaluationFollowUpActionSchema,
  statusBefore: evaluationFollowUpStatusSchema,
  statusAfter: evaluationFollowUpStatusSchema,
  at: z.iso.datetime({ offset: true }),
  by: z.string(),
  note: z.string().optional(),
  callBack: callBackSchema.optional(),
})
export type EvaluationFollowUpStep = z.infer<typeof evaluationFollowUpStepSchema>

const reportFollowUpActionSchema = z.enum(['accept', 'startHandling', 'resolve', 'markUnresolvable'])
export type ReportFollowUpAction = z.infer<typeof reportFollowUpActionSchema>
export const REPORT_FOLLOW_UP_ACTION_LABELS: Record<ReportFollowUpAction, string> = {
  accept: '受理',
  startHandling: '开始办理',
  resolve: '已解决',
  markUnresolvable: '无法解决',
}

const reply = text(1000, '请填写给群众的答复')
export const reportFollowUpRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note }),
  z.object({ action: z.literal('startHandling'), note }),
  /** The resident is told how it ended, either way. */
  z.object({ action: z.literal('resolve'), note, reply }),
  z.object({ action: z.literal('markUnresolvable'), note, reply }),
])
export type ReportFollowUpRequest = z.infer<typeof reportFollowUpRequestSchema>

export const reportFollowUpStepSchema = z.object({
  action: reportFollowUpActionSchema,
  statusBefore: reportStatusSchema,
  statusAfter: reportStatusSchema,
  at: z.iso.datetime({ offset: true }),
  by: z.string(),
  note: z.string().optional(),
  reply: z.string().optional(),
})
export type ReportFollowUpStep = z.infer<typeof reportFollowUpStepSchema>

/** A report's follow-up as its station pulls it (`reportFollowUp`): the county's fields only. */
export const reportFollowUpSchema = z.object({
  reportId: z.uuid(),
  status: reportStatusSchema,
  reply: z.string().nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
  history: z.array(reportFollowUpStepSchema),
})
export type ReportFollowUp = z.infer<typeof reportFollowUpSchema>

type StepContext = { at: string; by: string }
export type FollowUpResult<Step> = { ok: true; step: Step } | { ok: false; message: string }

const EVALUATION_FROM: Record<EvaluationFollowUpAction, readonly EvaluationFollowUpStatus[]> = {
  startRectification: ['pendingRectification'],
  recordCallBack: ['rectifying'],
  completeRectification: ['rectifying'],
  markUnrectifiable: ['pendingRectification', 'rectifying'],
}
const EVALUATION_TARGET: Record<Exclude<EvaluationFollowUpAction, 'recordCallBack'>, EvaluationFollowUpStatus> = {
  startRectification: 'rectifying',
  completeRectification: 'rectified',
  markUnrectifiable: 'unrectifiable',
}

/** Which steps an operator may take on a 差评 in this status (the console offers only these). */
export function evaluationFollowUpActions(status: EvaluationFollowUpStatus): EvaluationFollowUpAction[] {
  return evaluationFollowUpActionSchema.options.filter((action) => EVALUATION_FROM[action].includes(status))
}

/**
 * The 差评 machine. 已整改 is final only after a call-back: one recorded while 整改中 or sent
 * with the step, and the latest one must have found the resident satisfied; otherwise the
 * rectification goes on (or ends as 无法整改 with its reason).
 */
export function applyEvaluationFollowUp(
  status: EvaluationFollowUpStatus,
  history: readonly EvaluationFollowUpStep[],
  request: EvaluationFollowUpRequest,
  context: StepContext,
): FollowUpResult<EvaluationFollowUpStep> {
  const label = EVALUATION_FOLLOW_UP_ACTION_LABELS[request.action]
  if (!EVALUATION_FROM[request.action].includes(status)) {
    return { ok: false, message: `该差评当前为“${EVALUATION_FOLLOW_UP_LABELS[status]}”，不能执行“${label}”` }
  }
  const base = { action: request.action, statusBefore: status, ...context, ...(request.note ? { note: request.note } : {}) }
  if (request.action === 'recordCallBack') return { ok: true, step: { ...base, statusAfter: status, callBack: request.callBack } }
  if (request.action === 'completeRectification') {
    const lastCallBack = request.callBack ?? history.findLast((step) => step.callBack !== undefined)?.callBack
    if (lastCallBack === undefined) return { ok: false, message: '标记已整改前须回访群众，并登记回访时间、回访人和群众反馈' }
    if (!lastCallBack.satisfied) return { ok: false, message: '最近一次回访群众不满意，请继续整改并再次回访；确实无法整改的请标记“无法整改”并说明原因' }
    return { ok: true, step: { ...base, statusAfter: EVALUATION_TARGET[request.action], ...(request.callBack ? { callBack: request.callBack } : {}) } }
  }
  return { ok: true, step: { ...base, statusAfter: EVALUATION_TARGET[request.action] } }
}

const REPORT_FROM: Record<ReportFollowUpAction, readonly ReportStatus[]> = {
  accept: ['pending'],
  startHandling: ['accepted'],
  resolve: ['inProgress'],
  markUnresolvable: ['accepted', 'inProgress'],
}
const REPORT_TARGET: Record<ReportFollowUpAction, ReportStatus> = {
  accept: 'accepted',
  startHandling: 'inProgress',
  resolve: 'resolved',
  markUnresolvable: 'unresolvable',
}

export function reportFollowUpActions(status: ReportStatus): ReportFollowUpAction[] {
  return reportFollowUpActionSchema.options.filter((action) => REPORT_FROM[action].includes(status))
}

/** The 办不成事 machine: each step from the statuses it may follow, ending with a reply to the resident. */
export function applyReportFollowUp(status: ReportStatus, request: ReportFollowUpRequest, context: StepContext): FollowUpResult<ReportFollowUpStep> {
  if (!REPORT_FROM[request.action].includes(status)) {
    return { ok: false, message: `该反映当前为“${REPORT_STATUS_LABELS[status]}”，不能执行“${REPORT_FOLLOW_UP_ACTION_LABELS[request.action]}”` }
  }
  return {
    ok: true,
    step: {
      action: request.action,
      statusBefore: status,
      statusAfter: REPORT_TARGET[request.action],
      ...context,
      note: request.note,
      ...('reply' in request ? { reply: request.reply } : {}),
    },
  }
}

/** Still the county's to act on: shown as open on the dashboard and in the lists. */
export const OPEN_EVALUATION_FOLLOW_UPS: readonly EvaluationFollowUpStatus[] = ['pendingRectification', 'rectifying']
export const OPEN_REPORT_STATUSES: readonly ReportStatus[] = ['pending', 'accepted', 'inProgress']
