import { intakeDecisionSchema } from './decision'
import { intakeStatusSchema } from './intake-status'
import { stationCodeSchema } from './station'
import { z } from './zod'

/** County console operators: an admin manages everything, an operator processes intakes. */
export const operatorRoleSchema = z.enum(['countyAdmin', 'countyOperator'])
export type OperatorRole = z.infer<typeof operatorRoleSchema>
export const OPERATOR_ROLE_LABELS: Record<OperatorRole, string> = { countyAdmin: '县级管理员', countyOperator: '县级审批人员' }

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(50),
  password: z.string().min(1, '请输入密码').max(200),
})
export type LoginRequest = z.infer<typeof loginRequestSchema>

export const operatorSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: operatorRoleSchema,
})
export type Operator = z.infer<typeof operatorSchema>

export const loginResponseSchema = z.object({
  /** Send as `Authorization: Bearer <token>` on every /admin call. */
  token: z.string().min(32),
  operator: operatorSchema,
  expiresAt: z.iso.datetime({ offset: true }),
})
export type LoginResponse = z.infer<typeof loginResponseSchema>

export const adminIntakeListQuerySchema = z.object({
  stationCode: stationCodeSchema.optional(),
  status: intakeStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
})
export type AdminIntakeListQuery = z.input<typeof adminIntakeListQuerySchema>

/** An intake as the county console sees it: the station's payload as received plus the county's decision. */
export const adminIntakeSchema = z.object({
  id: z.uuid(),
  intakeNo: z.string(),
  stationCode: z.string(),
  status: intakeStatusSchema,
  receivedAt: z.iso.datetime({ offset: true }),
  /** The `intake.submit` payload exactly as the station sent it (after validation). */
  payload: z.record(z.string(), z.unknown()),
  decision: intakeDecisionSchema,
})
export type AdminIntake = z.infer<typeof adminIntakeSchema>

export const adminIntakeListResponseSchema = z.object({ intakes: z.array(adminIntakeSchema) })
export type AdminIntakeListResponse = z.infer<typeof adminIntakeListResponseSchema>

export const adminIntakeResponseSchema = z.object({ intake: adminIntakeSchema })
export type AdminIntakeResponse = z.infer<typeof adminIntakeResponseSchema>

export const intakeIdParamsSchema = z.object({ id: z.uuid('办件编号应为UUID') })
