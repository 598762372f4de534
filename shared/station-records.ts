import { intakeDecisionSchema } from './decision'
import { evaluationRecordPayloadSchema } from './evaluation'
import { reportFollowUpSchema } from './follow-up'
import { intakeSubmitPayloadSchema } from './intake'
import { intakeCompleteOnSitePayloadSchema, intakeHandOverPayloadSchema, intakeSupplementPayloadSchema, intakeWithdrawPayloadSchema } from './intake-actions'
import { intakeStatusSchema } from './intake-status'
import { MAX_DEVICE_NUMBER, mutationSchema } from './protocol'
import { reportRecordPayloadSchema } from './report'
import { stationSchema } from './station'
import { z } from './zod'

/**
 * What the station keeps in IndexedDB (Dexie). Every write goes through these schemas,
 * so a record read back has the shape the UI and the sync engine expect.
 */

/** Where a locally made record stands with the county: not yet confirmed, confirmed, or refused. */
const syncStateSchema = z.enum(['pending', 'synced', 'rejected'])
export type SyncState = z.infer<typeof syncStateSchema>

/**
 * Materials brought later, as recorded at this station: the payload sent as `intake.supplement`,
 * its mutation id (to find it again at reconciliation), and the county's 补正 request it answered
 * (the `at` of that history event), so the request stops counting as owed once answered here.
 */
export const stationSupplementSchema = intakeSupplementPayloadSchema.extend({
  mutationId: z.uuid(),
  answersCorrectionAt: z.iso.datetime({ offset: true }).optional(),
})
export type StationSupplement = z.infer<typeof stationSupplementSchema>

export const SYNC_STATE_LABELS: Record<SyncState, string> = { pending: '未发送', synced: '已同步', rejected: '被退回' }

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

/** Why the county (or the station itself) refused a mutation, in words the clerk can act on. */
export const recordErrorSchema = z.object({ code: z.string().max(40), message: z.string().max(2000) })
export type RecordError = z.infer<typeof recordErrorSchema>

/**
 * An intake as the station stores it: the payload it collected (and owns), the county's
 * decision once pulled, and its own sync state. `status` mirrors `decision.status` so
 * Dexie can index it; both stay absent until the county has decided anything.
 */
export const intakeRecordSchema = intakeSubmitPayloadSchema.safeExtend({
  decision: intakeDecisionSchema.optional(),
  status: intakeStatusSchema.optional(),
  syncState: syncStateSchema,
  lastError: recordErrorSchema.optional(),
  /**
   * The intake's one rating (一次一评), as recorded here. Kept on the intake so that "already
   * rated" is the same read as the intake itself; its sync state is that of its outbox entry.
   */
  evaluation: evaluationRecordPayloadSchema.optional(),
  /** What the station lead decided at the window (即办件), until the county's decision confirms it. */
  onSiteCompletion: intakeCompleteOnSitePayloadSchema.optional(),
  /** Materials the resident brought after the intake (补正, 容缺后补), oldest first. */
  supplements: z.array(stationSupplementSchema).max(100).optional(),
  /** The applicant's withdrawal as recorded here; the county's `withdrawn` confirms it. */
  withdrawal: intakeWithdrawPayloadSchema.optional(),
  /** The result handed over at this station (出件); the county's `delivered` confirms it. */
  handOver: intakeHandOverPayloadSchema.optional(),
  /**
   * Derived, for the list's queues (src-renderer/db/intake-queue-fields.ts), so
   * each queue is an index range: the 办结期限 while the intake is still open, and the earliest
   * date the resident owes something (容缺 material, or the day 补正 was asked). Absent when
   * not applicable, which keeps the record out of that index.
   */
  openDueDate: isoDate.optional(),
  residentDueDate: isoDate.optional(),
})
export type IntakeRecord = z.infer<typeof intakeRecordSchema>

/**
 * One queued mutation: the mutation exactly as it will be pushed, plus local bookkeeping.
 * `seq` is Dexie's auto-increment key, so the queue is ordered by insertion, never by a clock.
 */
export const outboxEntrySchema = z.intersection(
  mutationSchema,
  z.object({
    seq: z.number().int().min(1).optional(),
    attempts: z.number().int().min(0),
    lastError: recordErrorSchema.optional(),
    /**
     * The county's `rejected` answer. The entry stays queued (only `applied` or `duplicate`
     * take it out) but is not sent again, and later entries of the same record wait behind it.
     */
    rejection: recordErrorSchema.optional(),
    /** Pushes that held this entry and failed with 5xx (a fault of the whole request), since it was last set aside or retried. */
    serverFailures: z.number().int().min(0).optional(),
    /**
     * Set aside after failing with 5xx round after round while the county took the others
     * (src-renderer/sync/push-outbox.ts): not sent again until the clerk retries it, and later
     * entries of the same record wait behind it. Holds the county's words and when.
     */
    setAside: recordErrorSchema.extend({ at: z.iso.datetime({ offset: true }) }).optional(),
  }),
)
export type OutboxEntry = z.infer<typeof outboxEntrySchema>

const auditActionSchema = z.enum([
  'device.enroll',
  'intake.submit',
  'sync.rejected',
  'sync.setAside',
  'sync.retried',
  'evaluation.record',
  'report.record',
  'intake.completeOnSite',
  'intake.supplement',
  'intake.withdraw',
  'intake.handOver',
  /** A mutation the county lacked at reconciliation, queued again as first sent. */
  'sync.resend',
  'staff.signIn',
  'staff.signOut',
])
export type AuditAction = z.infer<typeof auditActionSchema>

/**
 * The station's own trail of what was done. `at` is the device clock (data only).
 * It never holds personal data: entities are named by id and intake number.
 */
export const auditEntrySchema = z.object({
  seq: z.number().int().min(1).optional(),
  at: z.iso.datetime({ offset: true }),
  action: auditActionSchema,
  entityId: z.string().max(64).optional(),
  intakeNo: z.string().max(40).optional(),
  staffName: z.string().max(50).optional(),
  /** The signed-in account that acted (absent in entries written before staff accounts). */
  by: z.object({ staffId: z.string().max(64), username: z.string().max(32), role: z.enum(['agent', 'clerk', 'lead']) }).optional(),
  detail: z.string().max(2000).optional(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

const lastSyncResultSchema = z.object({
  ok: z.boolean(),
  /** Device clock, shown to the clerk; never used for ordering. */
  at: z.iso.datetime({ offset: true }),
  message: z.string().max(2000).optional(),
})

/** The fixed settings in the `meta` table, by key. */
export const metaValueSchemas = {
  countyUrl: z.url({ protocol: /^https?$/ }),
  deviceToken: z.string().min(32),
  deviceId: z.uuid(),
  /** The device's number within its station, from enrollment; it goes into intake numbers. */
  deviceNumber: z.number().int().min(1).max(MAX_DEVICE_NUMBER),
  station: stationSchema,
  /** Opaque county cursor: everything up to it has been applied locally. */
  pullCursor: z.string(),
  /** Device clock of the last round that finished without error. */
  lastSyncAt: z.iso.datetime({ offset: true }),
  lastSyncResult: lastSyncResultSchema,
  /** The clerk who last submitted an intake on this device, to prefill 经办人. */
  staffName: z.string().trim().min(1).max(50),
} as const
export type MetaKey = keyof typeof metaValueSchemas
export type MetaValue<K extends MetaKey> = z.infer<(typeof metaValueSchemas)[K]>

/** Intake numbers count per day: key `intakeSeq:yyyymmdd`, value the last number handed out that day. */
const INTAKE_SEQUENCE_KEY_PREFIX = 'intakeSeq:'
export const intakeSequenceKey = (yyyymmdd: string): string => `${INTAKE_SEQUENCE_KEY_PREFIX}${yyyymmdd}`
export const intakeSequenceValueSchema = z.number().int().min(0)

/** A row of the `meta` table. */
export const metaRecordSchema = z.object({ key: z.string().min(1).max(64), value: z.unknown() })
export type MetaRecord = z.infer<typeof metaRecordSchema>

/**
 * 办不成事 reports are kept in the `meta` table under `report:<id>` until the station database
 * gets a `reports` table of its own (a Dexie version with an upgrade moving these rows).
 */
export const REPORT_KEY_PREFIX = 'report:'
export const reportKey = (reportId: string): string => `${REPORT_KEY_PREFIX}${reportId}`
/** What the station collected, plus the county's follow-up once it pulled one (`reportFollowUp`). */
export const reportRecordSchema = reportRecordPayloadSchema.extend({ countyFollowUp: reportFollowUpSchema.optional() })
export type ReportRecord = z.infer<typeof reportRecordSchema>
