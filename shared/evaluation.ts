import { z } from './zod'

/** 好差评 levels as GB/T 39046 codes them: 1 is the best, 5 the worst. */
const evaluationRatingSchema = z.number().int('评价等级应为1至5的整数').min(1, '评价等级应为1至5').max(5, '评价等级应为1至5')
export type EvaluationRating = 1 | 2 | 3 | 4 | 5

export const EVALUATION_RATING_LABELS: Record<EvaluationRating, string> = {
  1: '非常满意',
  2: '满意',
  3: '基本满意',
  4: '不满意',
  5: '非常不满意',
}

/** 不满意 and 非常不满意 are 差评: each must be followed up (国办发〔2019〕51号). */
export function isBadRating(rating: number): boolean {
  return rating >= 4
}

/** Working days the county has to rectify a 差评 and call the resident back. */
export const BAD_RATING_RECTIFY_DAYS = 15

/**
 * How long after the service ended a resident may still rate it (late rating, 国办发〔2019〕51号
 * leaves the window to the locality). Calendar days, counted from the end of the service.
 */
export const EVALUATION_WINDOW_DAYS = 30

/** Common reasons of a 差评, picked by the resident; the comment adds their own words. */
export const badRatingReasonSchema = z.enum(['attitude', 'slow', 'repeatedVisits', 'unclearGuidance', 'extraMaterials', 'notDone', 'fees', 'other'])
export type BadRatingReason = z.infer<typeof badRatingReasonSchema>
export const BAD_RATING_REASON_LABELS: Record<BadRatingReason, string> = {
  attitude: '服务态度差',
  slow: '办理时间长、效率低',
  repeatedVisits: '多次跑动',
  unclearGuidance: '告知不清楚、不一次性告知',
  extraMaterials: '要求提供额外材料',
  notDone: '事情没有办成',
  fees: '收费不合理',
  other: '其他原因',
}

/** The resident rated on the station's screen, or on a paper form a clerk typed in later. */
export const evaluationSourceSchema = z.enum(['residentOnScreen', 'paperForm'])
export type EvaluationSource = z.infer<typeof evaluationSourceSchema>
export const EVALUATION_SOURCE_LABELS: Record<EvaluationSource, string> = { residentOnScreen: '群众现场评价', paperForm: '纸质评价表录入' }

/** The county's follow-up of a 差评: 待整改 → 整改中 → 已整改 / 无法整改 (shared/follow-up.ts holds the machine). */
export const evaluationFollowUpStatusSchema = z.enum(['pendingRectification', 'rectifying', 'rectified', 'unrectifiable'])
export type EvaluationFollowUpStatus = z.infer<typeof evaluationFollowUpStatusSchema>
export const EVALUATION_FOLLOW_UP_LABELS: Record<EvaluationFollowUpStatus, string> = {
  pendingRectification: '待整改',
  rectifying: '整改中',
  rectified: '已整改',
  unrectifiable: '无法整改',
}

/** `evaluation.record`: one rating per intake (一次一评); the mutation's `entityId` is the evaluation id. */
export const evaluationRecordPayloadSchema = z
  .object({
    id: z.uuid(),
    intakeId: z.uuid(),
    rating: evaluationRatingSchema,
    comment: z.string().trim().max(500, '评价意见不能超过500个字').optional(),
    /** Why a 差评 (rating 4 or 5); required for new ratings (newEvaluationRecordPayloadSchema). */
    badReason: badRatingReasonSchema.optional(),
    source: evaluationSourceSchema,
    /** Who typed in a paper form; staff never rate for the resident, so it says who copied it. */
    enteredBy: z.string().trim().min(1).max(50).optional(),
    /** The number printed on the paper form, so the county can find the original. */
    paperFormNo: z.string().trim().min(1, '请填写纸质评价表编号').max(40, '纸质评价表编号不能超过40个字符').optional(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((evaluation, ctx) => {
    if (evaluation.source === 'paperForm' && evaluation.enteredBy === undefined) {
      ctx.addIssue({ code: 'custom', path: ['enteredBy'], message: '录入纸质评价表须填写录入人' })
    }
    if (evaluation.source === 'paperForm' && evaluation.paperFormNo === undefined) {
      ctx.addIssue({ code: 'custom', path: ['paperFormNo'], message: '录入纸质评价表须填写评价表编号' })
    }
  })
/**
 * What a new rating must satisfy: a 差评 names its reason (and 其他原因 says it in the comment).
 * The wire schema above also holds ratings stored before the reason existed, so the station's
 * rating screen and the county's `evaluation.record` check this one.
 */
export const newEvaluationRecordPayloadSchema = evaluationRecordPayloadSchema.superRefine((evaluation, ctx) => {
  const issue = badReasonIssue(evaluation)
  if (issue) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message })
})

/** What is wrong with a new rating's 差评 reason, if anything (the county answers `rejected` with it). */
export function badReasonIssue(evaluation: {
  rating: number
  badReason?: BadRatingReason
  comment?: string
}): { field: 'badReason' | 'comment'; message: string } | undefined {
  if (isBadRating(evaluation.rating) && evaluation.badReason === undefined) return { field: 'badReason', message: '差评须选择原因（如服务态度差、多次跑动等）' }
  if (evaluation.badReason === 'other' && !evaluation.comment) return { field: 'comment', message: '差评原因选择“其他原因”时，请在评价意见中写明' }
  if (evaluation.badReason !== undefined && !isBadRating(evaluation.rating))
    return { field: 'badReason', message: '只有“不满意”或“非常不满意”需要选择差评原因' }
  return undefined
}

export type EvaluationRecordPayload = z.infer<typeof evaluationRecordPayloadSchema>
export type EvaluationRecordInput = z.input<typeof evaluationRecordPayloadSchema>
