import { intakeHandOverPayloadSchema } from './intake-actions'
import { intakeStatusSchema } from './intake-status'
import { z } from './zod'

const text = (max: number, required: string) => z.string().trim().min(1, required).max(max, `不能超过${max}个字`)
const note = z.string().trim().max(1000).optional()

const correctionItemSchema = z.object({
  materialId: z.string().max(32).optional(),
  name: text(200, '请填写需补正的材料'),
  problem: text(500, '请说明需要如何补正'),
})

/**
 * How the result reaches the resident. `station` (站点领取): the county sends the result to the
 * intake's station, which hands it over and records that (`intake.handOver`); the others are
 * the county's own delivery, recorded with the `deliver` decision.
 */
const deliveryMethodSchema = z.enum(['station', 'pickup', 'post', 'electronic'])
export type DeliveryMethod = z.infer<typeof deliveryMethodSchema>
/** The methods the county delivers by itself (`deliver` decision). */
const countyDeliveryMethodSchema = z.enum(['pickup', 'post', 'electronic'])
export type CountyDeliveryMethod = z.infer<typeof countyDeliveryMethodSchema>

/** What an operator sends to decide an intake. */
export const decisionRequestSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), note }),
  z.object({ decision: z.literal('requestCorrection'), items: z.array(correctionItemSchema).min(1, '请至少列出一项需补正的材料'), note }),
  z.object({ decision: z.literal('refuse'), reason: text(1000, '不予受理须说明理由') }),
  /** `deliveryMethod` says how the result reaches the resident; absent only from callers older than 站点领取. */
  z.object({ decision: z.literal('complete'), result: z.enum(['approved', 'denied']), resultNote: note, deliveryMethod: deliveryMethodSchema.optional() }),
  z.object({ decision: z.literal('deliver'), method: countyDeliveryMethodSchema, note }),
  /** 终止办理: a 容缺 material was not supplied by its 补交期限. */
  z.object({ decision: z.literal('terminate'), reason: text(1000, '终止办理须说明理由') }),
])
export type DecisionRequest = z.infer<typeof decisionRequestSchema>
export type CorrectionItem = z.infer<typeof correctionItemSchema>

export const RESULT_LABELS = { approved: '准予', denied: '不予' } as const
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  station: '站点领取',
  pickup: '窗口领取',
  post: '邮寄送达',
  electronic: '电子送达',
}

const decisionEventSchema = z.object({
  status: intakeStatusSchema,
  at: z.iso.datetime({ offset: true }),
  by: z.string().max(100),
  note: z.string().max(1000).optional(),
})

/** The county-owned part of an intake, as stations pull it (entity `intakeDecision`). */
export const intakeDecisionSchema = z.object({
  intakeId: z.uuid(),
  intakeNo: z.string().max(40),
  status: intakeStatusSchema,
  /** Server time the county received the intake. */
  receivedAt: z.iso.datetime({ offset: true }),
  /**
   * The station's receipt time, corrected by the device's measured clock offset and clamped
   * (never after `receivedAt`): for 收件即受理 and 即办件 it is also `acceptedAt`.
   * Absent when the station did not send its receipt time (older stations).
   */
  stationReceivedAt: z.iso.datetime({ offset: true }).optional(),
  acceptedAt: z.iso.datetime({ offset: true }).optional(),
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  correction: z.array(correctionItemSchema).optional(),
  refusalReason: z.string().max(1000).optional(),
  result: z.enum(['approved', 'denied']).optional(),
  resultNote: z.string().max(1000).optional(),
  /** Server time of 办结 (by the county, or on the spot for a 即办件). */
  completedAt: z.iso.datetime({ offset: true }).optional(),
  deliveryMethod: deliveryMethodSchema.optional(),
  /** 终止办理: why the county ended the case. */
  terminationReason: z.string().max(1000).optional(),
  /** The hand-over the station recorded (`intake.handOver`), once the county applied it. */
  handOver: intakeHandOverPayloadSchema.optional(),
  /** Server time the intake became 已送达 (county delivery, or the station's hand-over arriving). */
  deliveredAt: z.iso.datetime({ offset: true }).optional(),
  history: z.array(decisionEventSchema),
})
export type IntakeDecision = z.infer<typeof intakeDecisionSchema>
