import { stationCodeSchema } from './station'
import { z } from './zod'

/**
 * Station staff accounts (issue 4 item 9). The county administrator keeps them per station;
 * each station's devices receive their own station's accounts through pull, password hash
 * included, so a clerk can sign in with no network (the hash is checked in the browser).
 */
const stationStaffRoleSchema = z.enum(['agent', 'clerk', 'lead'])
export type StationStaffRole = z.infer<typeof stationStaffRoleSchema>
export const STATION_STAFF_ROLE_LABELS: Record<StationStaffRole, string> = {
  agent: '代办员',
  clerk: '综合窗口',
  lead: '站点负责人',
}

/** Lower-case letters, digits, dot, dash, underscore: typed on an old keyboard with no IME switching. */
const staffUsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,32}$/, '用户名应为2至32位小写字母、数字或 . _ -')

const staffDisplayNameSchema = z.string().trim().min(1, '请填写姓名').max(50, '姓名不能超过50个字')

export const STAFF_PASSWORD_MIN_LENGTH = 8
const staffPasswordSchema = z.string().min(STAFF_PASSWORD_MIN_LENGTH, `密码至少${STAFF_PASSWORD_MIN_LENGTH}位`).max(200, '密码不能超过200位')

/**
 * `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`: the parameters travel in the
 * string so the cost can be raised later without breaking hashes already on the stations.
 */
const staffPasswordHashSchema = z.string().regex(/^pbkdf2-sha256\$\d{1,9}\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/, '密码摘要格式不正确')

/** One account as a station pulls it (entity `staff`): a disabled account arrives with `active: false`. */
export const stationStaffSchema = z.object({
  id: z.uuid(),
  stationCode: stationCodeSchema,
  username: staffUsernameSchema,
  displayName: staffDisplayNameSchema,
  role: stationStaffRoleSchema,
  passwordHash: staffPasswordHashSchema,
  active: z.boolean(),
  /**
   * 首席事务代表: the county authorised this person to complete 即办件 at the window
   * (当场办结). The county always sends it; absent (accounts pulled before it existed) means false.
   */
  onSiteAuthority: z.boolean().optional(),
  updatedAt: z.iso.datetime({ offset: true }),
})
export type StationStaff = z.infer<typeof stationStaffSchema>

/** The console's view of an account: never the hash. */
export const adminStaffSchema = stationStaffSchema.omit({ passwordHash: true })
export type AdminStaff = z.infer<typeof adminStaffSchema>

export const adminStaffListResponseSchema = z.object({ staff: z.array(adminStaffSchema) })

export const createStaffRequestSchema = z.object({
  username: staffUsernameSchema,
  displayName: staffDisplayNameSchema,
  role: stationStaffRoleSchema,
  password: staffPasswordSchema,
  onSiteAuthority: z.boolean().optional(),
})
export type CreateStaffRequest = z.input<typeof createStaffRequestSchema>

/** Any of name, role, active and 首席事务代表; `active: false` is 停用, `true` brings the account back. */
export const updateStaffRequestSchema = z
  .object({
    displayName: staffDisplayNameSchema.optional(),
    role: stationStaffRoleSchema.optional(),
    active: z.boolean().optional(),
    onSiteAuthority: z.boolean().optional(),
  })
  .refine(
    (body) => body.displayName !== undefined || body.role !== undefined || body.active !== undefined || body.onSiteAuthority !== undefined,
    '请至少修改一项',
  )
export type UpdateStaffRequest = z.input<typeof updateStaffRequestSchema>

export const resetStaffPasswordRequestSchema = z.object({ password: staffPasswordSchema })
export type ResetStaffPasswordRequest = z.input<typeof resetStaffPasswordRequestSchema>

export const staffParamsSchema = z.object({ code: stationCodeSchema, id: z.uuid('人员编号应为UUID') })
