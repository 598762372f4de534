import { auditAppendPayloadSchema } from './audit-log'
import { payloadHash } from './canonical-json'
import { workingDayCalendarSchema } from './calendar'
import { serviceItemSchema } from './catalog'
import { intakeDecisionSchema } from './decision'
import { evaluationRecordPayloadSchema } from './evaluation'
import { sha256HexSchema } from './files'
import { reportFollowUpSchema } from './follow-up'
import { intakeSubmitPayloadSchema } from './intake'
import { intakeCompleteOnSitePayloadSchema, intakeHandOverPayloadSchema, intakeSupplementPayloadSchema, intakeWithdrawPayloadSchema } from './intake-actions'
import { lifeEventSchema } from './life-event'
import { reportRecordPayloadSchema } from './report'
import { stationItemsSchema, stationSchema } from './station'
import { stationStaffSchema } from './staff'
import { z } from './zod'

/**
 * Bump on a breaking change of this contract (PROTOCOL.md). 2: file answers name their file
 * (`File-Sha256`, shared/files.ts), without which a station marks no file uploaded.
 */
export const PROTOCOL_VERSION = 2
export const API_PREFIX = '/api/v1'

const PULL_DEFAULT_LIMIT = 500
export const PULL_MAX_LIMIT = 1000
const PUSH_MAX_MUTATIONS = 1000
export const PUSH_MAX_BYTES = 8 * 1024 * 1024

const errorCodeSchema = z.enum(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rejected', 'too_large', 'rate_limited', 'internal'])
export type ErrorCode = z.infer<typeof errorCodeSchema>

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    /** Dotted path of the offending field, e.g. "mutations.0.payload.applicant.idNumber". */
    path: z.string().optional(),
  }),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  county: z.object({ code: z.string(), name: z.string() }),
  serverTime: z.iso.datetime({ offset: true }),
  protocolVersion: z.number().int(),
})
export type HealthResponse = z.infer<typeof healthResponseSchema>

export const enrollRequestSchema = z.object({
  code: z.string().trim().min(4, '请输入注册码').max(64),
  deviceName: z.string().trim().min(1).max(100).default('未命名设备'),
})
/** Device numbers fit the two base-32 characters of the intake-number tag. */
export const MAX_DEVICE_NUMBER = 1023

export const enrollResponseSchema = z.object({
  deviceId: z.uuid(),
  /** 1, 2, … within the station, never reused: the station's intake numbers carry it. */
  deviceNumber: z.number().int().min(1).max(MAX_DEVICE_NUMBER),
  token: z.string().min(32),
  station: stationSchema,
})
export type EnrollRequest = z.input<typeof enrollRequestSchema>
export type EnrollResponse = z.infer<typeof enrollResponseSchema>

/** One mutation type: the envelope every station mutation shares, around its own payload. */
function mutationOf<T extends string, P extends z.ZodType>(type: T, payload: P) {
  return z.object({
    id: z.uuid(),
    type: z.literal(type),
    entityId: z.uuid(),
    payload,
    createdAt: z.iso.datetime({ offset: true }),
  })
}

/** Mutation types and their payloads; an unknown type is a 400. `entityId` is the intake's id for `intake.*`, else the payload's own id. */
export const intakeSubmitMutationSchema = mutationOf('intake.submit', intakeSubmitPayloadSchema)
const intakeSupplementMutationSchema = mutationOf('intake.supplement', intakeSupplementPayloadSchema)
const intakeWithdrawMutationSchema = mutationOf('intake.withdraw', intakeWithdrawPayloadSchema)
export const intakeCompleteOnSiteMutationSchema = mutationOf('intake.completeOnSite', intakeCompleteOnSitePayloadSchema)
const intakeHandOverMutationSchema = mutationOf('intake.handOver', intakeHandOverPayloadSchema)
export const evaluationRecordMutationSchema = mutationOf('evaluation.record', evaluationRecordPayloadSchema)
export const reportRecordMutationSchema = mutationOf('report.record', reportRecordPayloadSchema)
const auditAppendMutationSchema = mutationOf('audit.append', auditAppendPayloadSchema)

export const mutationSchema = z.discriminatedUnion('type', [
  intakeSubmitMutationSchema,
  intakeSupplementMutationSchema,
  intakeWithdrawMutationSchema,
  intakeCompleteOnSiteMutationSchema,
  intakeHandOverMutationSchema,
  evaluationRecordMutationSchema,
  reportRecordMutationSchema,
  auditAppendMutationSchema,
])
export type Mutation = z.infer<typeof mutationSchema>
export type MutationInput = z.input<typeof mutationSchema>
export type MutationType = Mutation['type']
/** The mutation of one type, e.g. `MutationOf<'intake.withdraw'>`. */
export type MutationOf<T extends MutationType> = Extract<Mutation, { type: T }>

export const pushRequestSchema = z.object({
  mutations: z.array(mutationSchema).min(1).max(PUSH_MAX_MUTATIONS),
})
export type PushRequest = z.input<typeof pushRequestSchema>

const mutationResultSchema = z.object({
  id: z.uuid(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  error: z.object({ code: errorCodeSchema, message: z.string() }).optional(),
})
export const pushResponseSchema = z.object({ results: z.array(mutationResultSchema) })
export type MutationResult = z.infer<typeof mutationResultSchema>
export type PushResponse = z.infer<typeof pushResponseSchema>

export const pullQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d*$/, 'cursor 应为非负整数')
    .optional()
    .transform((value) => (value ? Number(value) : 0)),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
})

const changeBase = { seq: z.number().int().min(1), id: z.string().min(1) }

/**
 * One change a station may pull, oldest first by the county's sequence. Reference data the
 * county publishes rides the same sequence: `calendar` (one year, id = the year; a republished
 * year comes again with a higher `version`, and the station keeps the newest), `lifeEvent`
 * (one 一件事一次办 bundle, id = its id) for every station, and `stationItems` (the station's
 * 进驻事项, id = the station code) for its own station only. Each put replaces the whole record.
 */
const pullChangeSchema = z.discriminatedUnion('entity', [
  z.object({ ...changeBase, entity: z.literal('catalogItem'), op: z.literal('put'), data: serviceItemSchema }),
  z.object({ ...changeBase, entity: z.literal('station'), op: z.literal('put'), data: stationSchema }),
  z.object({ ...changeBase, entity: z.literal('intakeDecision'), op: z.literal('put'), data: intakeDecisionSchema }),
  z.object({ ...changeBase, entity: z.literal('calendar'), op: z.literal('put'), data: workingDayCalendarSchema }),
  z.object({ ...changeBase, entity: z.literal('lifeEvent'), op: z.literal('put'), data: lifeEventSchema }),
  z.object({ ...changeBase, entity: z.literal('stationItems'), op: z.literal('put'), data: stationItemsSchema }),
  /** An intake one of the station's devices submitted, as it sent it: every device of the station holds them all. */
  z.object({ ...changeBase, entity: z.literal('intake'), op: z.literal('put'), data: intakeSubmitPayloadSchema }),
  /** The one rating of an intake, so no other device of the station offers to rate it again. */
  z.object({ ...changeBase, entity: z.literal('evaluation'), op: z.literal('put'), data: evaluationRecordPayloadSchema }),
  /**
   * One of the station's own staff accounts (id = the account's id), with its PBKDF2 hash so
   * sign-in works offline; a disabled account arrives with `active: false`.
   */
  z.object({ ...changeBase, entity: z.literal('staff'), op: z.literal('put'), data: stationStaffSchema }),
  /** The county's follow-up of one of the station's 办不成事 reports (status, reply, history), each time it moves. */
  z.object({ ...changeBase, entity: z.literal('reportFollowUp'), op: z.literal('put'), data: reportFollowUpSchema }),
])
export type PullChange = z.infer<typeof pullChangeSchema>
export type PullEntity = PullChange['entity']

export const pullResponseSchema = z.object({
  changes: z.array(pullChangeSchema),
  /** Opaque to the station: send it back as-is on the next pull. */
  cursor: z.string(),
  more: z.boolean(),
})
export type PullResponse = z.infer<typeof pullResponseSchema>

/** At most this many mutations per reconcile call; a busier day is reconciled in several calls. */
export const RECONCILE_MAX_MUTATIONS = 10_000

const payloadHashSchema = z.string().regex(/^[0-9a-f]{64}$/, '载荷摘要应为64位小写十六进制SHA-256')

/**
 * End-of-day reconciliation (日终对账): the station lists every mutation it made on one day
 * with the hash of its payload, `payloadHash(payload)` of shared/canonical-json.ts, the same
 * hash the county keeps for each mutation it applied. The day is the station's calendar day
 * of the mutations' `createdAt`, at `utcOffsetMinutes` east of UTC (China: 480).
 */
export const reconcileRequestSchema = z
  .object({
    day: z.iso.date('日期格式应为YYYY-MM-DD'),
    utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
    mutations: z.array(z.object({ id: z.uuid(), payloadHash: payloadHashSchema })).max(RECONCILE_MAX_MUTATIONS),
  })
  .superRefine((request, ctx) => {
    const seen = new Set<string>()
    request.mutations.forEach((mutation, index) => {
      if (seen.has(mutation.id)) ctx.addIssue({ code: 'custom', path: ['mutations', index, 'id'], message: `变更 ${mutation.id} 重复列出` })
      seen.add(mutation.id)
    })
  })
export type ReconcileRequest = z.input<typeof reconcileRequestSchema>

export const reconcileResponseSchema = z.object({
  day: z.string(),
  /** Listed by the station, unknown to the county: the station sends them again from its own records. */
  lacking: z.array(z.uuid()),
  /** Held by the county under the same id with another payload: the county's version stands. */
  differing: z.array(z.object({ id: z.uuid(), stationHash: z.string(), countyHash: z.string() })),
  /** What the county holds from this station for that day (any of its devices). */
  held: z.object({
    count: z.number().int().min(0),
    /** `reconcileDigest` of those mutations: equal to the station's own digest when both sides agree. */
    digest: z.string(),
    /** Held for that day but not listed by the station (e.g. made by another device of the station). */
    unlisted: z.array(z.uuid()),
  }),
  /**
   * The files (SHA-256) the county holds from this station among those named by the intakes the
   * day's held mutations concern. The station uploads again any file of the day's intakes not
   * listed here (its `HEAD /blobs` check makes that cheap when the county holds it after all).
   */
  files: z.object({ held: z.array(sha256HexSchema) }),
})
export type ReconcileResponse = z.infer<typeof reconcileResponseSchema>

export type ReconcileEntry = { id: string; payloadHash: string }

/**
 * What the digest is taken over: `[id, payloadHash]` pairs sorted by id. Its hash,
 * `reconcileDigest`, is computed by the same code on the station and the county.
 */
function reconcileDigestSource(entries: readonly ReconcileEntry[]): [string, string][] {
  return entries.map((entry): [string, string] => [entry.id, entry.payloadHash]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The digest of a day's mutations (station, browser and Node alike; no WebCrypto needed). */
export function reconcileDigest(entries: readonly ReconcileEntry[]): string {
  return payloadHash(reconcileDigestSource(entries))
}
