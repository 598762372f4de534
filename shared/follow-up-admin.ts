import { badRatingReasonSchema, evaluationFollowUpStatusSchema, evaluationSourceSchema } from './evaluation'
import { evaluationFollowUpStepSchema, reportFollowUpStepSchema } from './follow-up'
import { reportStatusSchema } from './report'
import { stationCodeSchema } from './station'
import { z } from './zod'

/**
 * What the county console reads of the station's 好差评 and 办不成事 reports: the station's
 * payload as received plus the county's follow-up (status, due date, history).
 */
const adminFollowUpListQuerySchema = z.object({
  stationCode: stationCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
})

/** Query strings carry text: only "true" and "false" are booleans here. */
const queryBoolean = z.enum(['true', 'false'], '应为 true 或 false').transform((value) => value === 'true')

export const adminEvaluationListQuerySchema = adminFollowUpListQuerySchema.extend({
  intakeId: z.uuid('办件编号应为UUID').optional(),
  rating: z.coerce.number().int('评价等级应为1至5').min(1, '评价等级应为1至5').max(5, '评价等级应为1至5').optional(),
  followUpStatus: evaluationFollowUpStatusSchema.optional(),
  /** true: open 差评 past their due date (China's calendar day); false: the others. */
  overdue: queryBoolean.optional(),
})

export const adminReportListQuerySchema = adminFollowUpListQuerySchema.extend({ status: reportStatusSchema.optional() })

export const followUpIdParamsSchema = z.object({ id: z.uuid('编号应为UUID') })

export const adminEvaluationSchema = z.object({
  id: z.uuid(),
  intakeId: z.uuid(),
  intakeNo: z.string(),
  stationCode: z.string(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  source: evaluationSourceSchema,
  enteredBy: z.string().nullable(),
  /** Kept in the station's payload (the mutation as received), not in a column of its own. */
  paperFormNo: z.string().nullable(),
  /** A 差评's reason as the resident picked it (in the payload too); null for older ratings and good ones. */
  badReason: badRatingReasonSchema.nullable().default(null),
  /** The station's device clock, as data. */
  createdAt: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
  followUpStatus: evaluationFollowUpStatusSchema.nullable(),
  followUpDue: z.string().nullable(),
  /** Open and past its due date on the county's today. */
  followUpOverdue: z.boolean(),
  followUpHistory: z.array(evaluationFollowUpStepSchema),
})
export type AdminEvaluation = z.infer<typeof adminEvaluationSchema>
export const adminEvaluationListResponseSchema = z.object({ evaluations: z.array(adminEvaluationSchema) })
export type AdminEvaluationListResponse = z.infer<typeof adminEvaluationListResponseSchema>

export const adminReportSchema = z.object({
  id: z.uuid(),
  stationCode: z.string(),
  residentName: z.string(),
  residentPhone: z.string(),
  itemId: z.string().nullable(),
  description: z.string(),
  staffName: z.string(),
  status: reportStatusSchema,
  /** The county's answer to the resident, once the report is 已解决 or 无法解决. */
  reply: z.string().nullable(),
  history: z.array(reportFollowUpStepSchema),
  createdAt: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
})
export type AdminReport = z.infer<typeof adminReportSchema>
export const adminReportListResponseSchema = z.object({ reports: z.array(adminReportSchema) })
export type AdminReportListResponse = z.infer<typeof adminReportListResponseSchema>
