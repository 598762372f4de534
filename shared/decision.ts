import { intakeStatusSchema } from './intake-status'
import { z } from './zod'

const text = (max: number, required: string) => z.string().trim().min(1, required).max(max, `不能超过${max}个字`)
const note = z.string().trim().max(1000).optional()

export const correctionItemSchema = z.object({
  materialId: z.string().max(32).optional(),
  name: text(200, '请填写需补正的材料'),
  problem: text(500, '请说明需要如何补正'),
})

/** What an operator sends to decide an intake. */
export const decisionRequestSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), note }),
  z.object({ decision: z.literal('requestCorrection'), items: z.array(correctionItemSchema).min(1, '请至少列出一项需补正的材料'), note }),
  z.object({ decision: z.literal('refuse'), reason: text(1000, '不予受理须说明理由') }),
  z.object({ decision: z.literal('complete'), result: z.enum(['approved', 'denied']), resultNote: note }),
  z.object({ decision: z.literal('deliver'), method: z.enum(['pickup', 'post', 'electronic']), note }),
])
export type DecisionRequest = z.infer<typeof decisionRequestSchema>
export type CorrectionItem = z.infer<typeof correctionItemSchema>

export const RESULT_LABELS = { approved: '准予', denied: '不予' } as const
export const DELIVERY_METHOD_LABELS = { pickup: '窗口领取', post: '邮寄送达', electronic: '电子送达' } as const

export const decisionEventSchema = z.object({
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
  /** Server time of receipt: the start of every limit for 收件即受理 items. */
  receivedAt: z.iso.datetime({ offset: true }),
  acceptedAt: z.iso.datetime({ offset: true }).optional(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  correction: z.array(correctionItemSchema).optional(),
  refusalReason: z.string().max(1000).optional(),
  result: z.enum(['approved', 'denied']).optional(),
  resultNote: z.string().max(1000).optional(),
  /** Server time of 办结 (by the county, or on the spot for a 即办件). */
  completedAt: z.iso.datetime({ offset: true }).optional(),
  deliveryMethod: z.enum(['pickup', 'post', 'electronic']).optional(),
  history: z.array(decisionEventSchema),
})
export type IntakeDecision = z.infer<typeof intakeDecisionSchema>
