import type { MutationType } from './protocol'
import { z } from './zod'

/**
 * The station's own memory of its sync, kept in IndexedDB beside the outbox:
 * - `sentMutations`: a mutation leaves the outbox when the county confirms it, so this log
 *   is what the station lists at 日终对账 (and what it re-sends from when the county lacks one);
 * - `syncLog`: one row per sync round, for the 同步日志 page.
 * Device-clock times here are data shown to the clerk; rows are ordered by id or local sequence.
 */
const MUTATION_TYPES = [
  'intake.submit',
  'intake.supplement',
  'intake.withdraw',
  'intake.completeOnSite',
  'intake.handOver',
  'evaluation.record',
  'report.record',
  'audit.append',
] as const satisfies readonly MutationType[]
const mutationTypeSchema = z.enum(MUTATION_TYPES)

export const sentMutationSchema = z.object({
  id: z.uuid(),
  type: mutationTypeSchema,
  entityId: z.string().min(1).max(64),
  /** `payloadHash(payload)` of shared/canonical-json.ts, the hash the county keeps for it. */
  payloadHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The mutation's own createdAt (device clock), as sent. */
  createdAt: z.iso.datetime({ offset: true }),
  /** Device clock when the county's `applied` / `duplicate` answer was stored. */
  confirmedAt: z.iso.datetime({ offset: true }),
  /** The station's calendar day (China time) of `createdAt`, YYYY-MM-DD: the day it is reconciled under. */
  day: z.iso.date(),
})
export type SentMutation = z.infer<typeof sentMutationSchema>

const syncRoundOutcomeSchema = z.enum(['ok', 'unreachable', 'failed'])
export type SyncRoundOutcome = z.infer<typeof syncRoundOutcomeSchema>

export const SYNC_ROUND_OUTCOME_LABELS: Record<SyncRoundOutcome, string> = { ok: '成功', unreachable: '无法连接', failed: '失败' }

export const syncLogEntrySchema = z.object({
  seq: z.number().int().min(1).optional(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }),
  outcome: syncRoundOutcomeSchema,
  confirmed: z.number().int().min(0),
  rejected: z.number().int().min(0),
  pulled: z.number().int().min(0),
  error: z.string().max(2000).optional(),
  /** Server clock minus device clock in ms, from /health; absent when the probe did not answer. */
  clockOffsetMs: z.number().int().optional(),
})
export type SyncLogEntry = z.infer<typeof syncLogEntrySchema>
