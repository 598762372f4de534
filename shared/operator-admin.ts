import { operatorRoleSchema } from './admin'
import { z } from './zod'

/** Console accounts (账号管理): what the administrator lists, creates, resets and disables. */

/** Letters, digits, `.`, `_`, `-`: it goes in URLs (/admin/operators/:username/…) and is typed at login. */
const operatorUsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,32}$/, '用户名应为3至32位字母、数字或 . _ -')

const operatorPasswordSchema = z.string().min(8, '密码至少8位').max(200, '密码不能超过200位')

export const operatorUsernameParamsSchema = z.object({ username: operatorUsernameSchema })

const adminOperatorSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: operatorRoleSchema,
  /** A reviewer's department (实施主体); null for an administrator. */
  department: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Set once the account is disabled: it can no longer log in and its sessions are gone. */
  disabledAt: z.iso.datetime({ offset: true }).nullable(),
})
export type AdminOperator = z.infer<typeof adminOperatorSchema>

export const adminOperatorListResponseSchema = z.object({
  operators: z.array(adminOperatorSchema),
  /** Every 实施主体 of the catalog, for the department a reviewer is given. */
  departments: z.array(z.string()),
})
export type AdminOperatorListResponse = z.infer<typeof adminOperatorListResponseSchema>

export const createOperatorRequestSchema = z
  .object({
    username: operatorUsernameSchema,
    displayName: z.string().trim().min(1, '请输入姓名').max(50, '姓名不能超过50字'),
    role: operatorRoleSchema,
    department: z.string().trim().min(1, '请选择所在部门').max(100, '部门名称不能超过100字').optional(),
    password: operatorPasswordSchema,
  })
  .superRefine((value, context) => {
    if (value.role === 'countyOperator' && !value.department) {
      context.addIssue({ code: 'custom', path: ['department'], message: '部门审核人员须选择所在部门' })
    }
    if (value.role === 'countyAdmin' && value.department) {
      context.addIssue({ code: 'custom', path: ['department'], message: '县级管理员不属于某个部门，请不要选择部门' })
    }
  })
export type CreateOperatorRequest = z.infer<typeof createOperatorRequestSchema>

export const resetOperatorPasswordRequestSchema = z.object({ password: operatorPasswordSchema })

export const adminOperatorResponseSchema = z.object({ operator: adminOperatorSchema })

/** `POST /admin/operators/:username/disable`: why (left the department, …), kept in the server log. */
export const disableOperatorRequestSchema = z.object({ reason: z.string().trim().max(200, '停用原因不能超过200字').optional() })

/** `POST /admin/operators/:username/unlock` takes an empty object. */
export const unlockOperatorRequestSchema = z.object({})

/** What 解除锁定 did: the account's failed-login counters from every address are gone. */
export const unlockOperatorResponseSchema = z.object({ username: z.string(), unlocked: z.boolean() })
export type UnlockOperatorResponse = z.infer<typeof unlockOperatorResponseSchema>

/** `POST /admin/logout` takes an empty object: the session is the one of the bearer token. */
export const logoutRequestSchema = z.object({})

export const logoutResponseSchema = z.object({ loggedOut: z.literal(true) })
