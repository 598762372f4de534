import { limitUnitSchema } from './catalog'
import { intakeDecisionSchema } from './decision'
import { intakeStatusSchema } from './intake-status'
import { stationCodeSchema, stationKindSchema } from './station'
import { z } from './zod'

/**
 * County console operators: an administrator (县级管理员) manages everything; a department
 * reviewer (部门审核人员, role `countyOperator`) sees and decides only the intakes of the
 * items their department implements (实施主体), and manages nothing.
 */
export const operatorRoleSchema = z.enum(['countyAdmin', 'countyOperator'])
export type OperatorRole = z.infer<typeof operatorRoleSchema>
export const OPERATOR_ROLE_LABELS: Record<OperatorRole, string> = { countyAdmin: '县级管理员', countyOperator: '部门审核人员' }

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(50),
  password: z.string().min(1, '请输入密码').max(200),
})

const operatorSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: operatorRoleSchema,
  /** A reviewer's department (实施主体 as the catalog names it); absent for an administrator. */
  department: z.string().optional(),
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
  /** Part of the item's name as the station recorded it (事项名称), e.g. 养老. */
  itemName: z.string().trim().max(100).optional(),
  /**
   * The inbox search box (搜索): an intake number (or its beginning), part of the applicant's
   * name, or a phone or 18-character ID number of the applicant or 代办人, matched exactly
   * through the county's keyed hashes. Empty means no search.
   */
  q: z.string().trim().max(100).optional(),
  /** `true`: only intakes naming attachments the county has not received yet (缺少附件). */
  missingFiles: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
  /** `true`: only open intakes whose promised completion date (承诺办结日期) is before today in China (超期). */
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
})

/** An intake as the county console sees it: the station's payload as received plus the county's decision. */
const adminIntakeSchema = z.object({
  id: z.uuid(),
  intakeNo: z.string(),
  stationCode: z.string(),
  status: intakeStatusSchema,
  receivedAt: z.iso.datetime({ offset: true }),
  /** The `intake.submit` payload exactly as the station sent it (after validation). */
  payload: z.record(z.string(), z.unknown()),
  decision: intakeDecisionSchema,
  /** The unit of the intake's promised limit (工作日/自然日), as the county counts its due date. */
  limitUnit: limitUnitSchema.default('workingDays'),
  /**
   * SHA-256 of each attachment the station named (in the intake or a supplement) that it
   * has not uploaded yet: the record arrived before its files (PROTOCOL.md principle 5).
   */
  missingFiles: z.array(z.string()).default([]),
})
export type AdminIntake = z.infer<typeof adminIntakeSchema>

export const adminIntakeListResponseSchema = z.object({ intakes: z.array(adminIntakeSchema) })
export type AdminIntakeListResponse = z.infer<typeof adminIntakeListResponseSchema>

/** One intake of a 一件事一次办 sitting, as the console lists it beside its siblings. */
const adminBundleIntakeSchema = z.object({
  id: z.uuid(),
  intakeNo: z.string(),
  itemName: z.string(),
  status: intakeStatusSchema,
  /** False for a reviewer when the item is another department's: listed, but not openable. */
  accessible: z.boolean(),
})
export type AdminBundleIntake = z.infer<typeof adminBundleIntakeSchema>

/** The 一件事一次办 sitting an intake was taken in, with every intake of it the county holds so far. */
const adminIntakeBundleSchema = z.object({
  id: z.string(),
  name: z.string(),
  bundleId: z.uuid(),
  /** How many intakes the station took together; `intakes` may be fewer until all have arrived. */
  itemCount: z.number().int(),
  /** This intake included, by intake number. */
  intakes: z.array(adminBundleIntakeSchema),
})
export type AdminIntakeBundle = z.infer<typeof adminIntakeBundleSchema>

export const adminIntakeResponseSchema = z.object({
  intake: adminIntakeSchema,
  /** Present when the intake was taken as part of a 一件事一次办 bundle. */
  bundle: adminIntakeBundleSchema.optional(),
})
export type AdminIntakeResponse = z.infer<typeof adminIntakeResponseSchema>

export const intakeIdParamsSchema = z.object({ id: z.uuid('办件编号应为UUID') })

export const stationCodeParamsSchema = z.object({ code: stationCodeSchema })

export const deviceIdParamsSchema = z.object({ id: z.uuid('设备编号应为UUID') })

/** A station's one-time enrollment code, as the console shows it to hand to the station. */
export const adminEnrollmentCodeSchema = z.object({
  stationCode: z.string(),
  code: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
})
export type AdminEnrollmentCode = z.infer<typeof adminEnrollmentCodeSchema>

/**
 * A live code as the station list shows it: that there is one and when it expires. The
 * county keeps only its hash; the code itself is in the issue answer alone, seen once.
 */
const liveEnrollmentCodeSchema = adminEnrollmentCodeSchema.omit({ code: true }).strict()

const adminDeviceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  enrolledAt: z.iso.datetime({ offset: true }),
  /** The last authenticated call; null before the first one. */
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
})
export type AdminDevice = z.infer<typeof adminDeviceSchema>

/** `POST /admin/devices/:id/revoke`: why (lost, replaced, …), kept in the server log. */
export const revokeDeviceRequestSchema = z.object({ reason: z.string().trim().max(200, '停用原因不能超过200字').optional() })

/** What `POST /admin/devices/:id/revoke` answers: the device, now revoked, and its station. */
export const revokeDeviceResponseSchema = z.object({ stationCode: z.string(), device: adminDeviceSchema })
export type RevokeDeviceResponse = z.infer<typeof revokeDeviceResponseSchema>

/** A station with what an operator needs to set up its devices. */
export const adminStationSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: stationKindSchema,
  township: z.string(),
  address: z.string(),
  phone: z.string(),
  /** 停用: when the county deactivated the station; null while it is in use. */
  deactivatedAt: z.iso.datetime({ offset: true }).nullable(),
  /** How many 进驻事项 the station has. */
  itemCount: z.number().int(),
  /** The station's unused, unexpired code, or null when none is left. */
  enrollmentCode: liveEnrollmentCodeSchema.nullable(),
  devices: z.array(adminDeviceSchema),
})
export type AdminStation = z.infer<typeof adminStationSchema>

export const adminStationListResponseSchema = z.object({ stations: z.array(adminStationSchema) })
export type AdminStationListResponse = z.infer<typeof adminStationListResponseSchema>

export const issueEnrollmentCodeRequestSchema = z.object({
  /** How long the new code stays valid; the server's default (enrollmentCodeDays) when absent. */
  validDays: z.number().int().min(1, '有效期至少1天').max(365, '有效期不能超过365天').optional(),
})

/** 作废注册码: every unused code of the station stops working; nothing else is touched. */
export const revokeEnrollmentCodesRequestSchema = z.object({})
export const revokeEnrollmentCodesResponseSchema = z.object({ stationCode: z.string(), revoked: z.number().int().min(0) })
export type RevokeEnrollmentCodesResponse = z.infer<typeof revokeEnrollmentCodesResponseSchema>

/** The device requests the county keeps in a device's sync log (同步记录). */
const syncLogKindSchema = z.enum(['pull', 'push', 'upload', 'reconcile'])
export type SyncLogKind = z.infer<typeof syncLogKindSchema>
export const SYNC_LOG_KIND_LABELS: Record<SyncLogKind, string> = { pull: '拉取', push: '上传变更', upload: '附件上传', reconcile: '日终对账' }

/** Counts for one request; which ones are present depends on the kind. */
const syncLogSummarySchema = z.object({
  /** pull: changes answered. */
  changes: z.number().int().optional(),
  /** pull: whether more pages were waiting. */
  more: z.boolean().optional(),
  /** push: mutations sent, and how each ended. */
  mutations: z.number().int().optional(),
  applied: z.number().int().optional(),
  duplicate: z.number().int().optional(),
  rejected: z.number().int().optional(),
  /** upload: the finished file's size. */
  bytes: z.number().int().optional(),
  /** reconcile: the day, what the county lacked and what differed. */
  day: z.string().optional(),
  lacking: z.number().int().optional(),
  differing: z.number().int().optional(),
})
export type SyncLogSummary = z.infer<typeof syncLogSummarySchema>

const syncLogEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  kind: syncLogKindSchema,
  statusCode: z.number().int(),
  summary: syncLogSummarySchema,
})
export type SyncLogEntry = z.infer<typeof syncLogEntrySchema>

/** `GET /admin/devices/:id/sync-log`: the device, its last sync and its log, newest first. */
export const deviceSyncLogResponseSchema = z.object({
  deviceId: z.uuid(),
  stationCode: z.string(),
  deviceName: z.string(),
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
  /** The newest logged request, or null before the first one. */
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
  entries: z.array(syncLogEntrySchema),
})
export type DeviceSyncLogResponse = z.infer<typeof deviceSyncLogResponseSchema>
