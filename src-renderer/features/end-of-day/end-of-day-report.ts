import { RECONCILE_MAX_MUTATIONS, reconcileDigest, type MutationType, type ReconcileResponse } from '../../../shared/protocol'
import type { SentMutation } from '../../../shared/sync-records'
import { chinaDate } from '../../../shared/working-days'
import type { StationDb } from '../../db/station-db'
import type { ReconcileCall } from '../../sync/county-client'
import { requeueFilesCountyLacks } from './requeue-lacking-files'

export const MUTATION_TYPE_LABELS: Record<MutationType, string> = {
  'intake.submit': '新建办件',
  'intake.supplement': '补正材料',
  'intake.withdraw': '撤回办件',
  'intake.completeOnSite': '当场办结',
  'intake.handOver': '出件登记',
  'evaluation.record': '好差评',
  'report.record': '办不成事反映',
  'audit.append': '操作记录',
}

/** One of the day's mutations as the report lists it. */
export type EndOfDayLine = {
  id: string
  type: MutationType
  entityId: string
  /** The intake's number, when the mutation concerns an intake this device holds. */
  intakeNo?: string
  createdAt: string
  /** For an unsent mutation the county refused: its reason. */
  rejection?: string
}

export type EndOfDayReport = {
  day: string
  /** Device clock when the report was made (shown, never compared). */
  generatedAt: string
  /** Made on this device that day and confirmed by the county (the sent log). */
  confirmed: EndOfDayLine[]
  /** Made that day and still in the outbox (未发送, or 被退回 with a reason). */
  unsent: EndOfDayLine[]
  /** Confirmed once, yet unknown to the county now: to be sent again. */
  lacking: EndOfDayLine[]
  /** Held by the county with another payload: the county's version stands. */
  differing: EndOfDayLine[]
  /** The county's side, or null when it could not be asked. */
  county: { heldCount: number; otherDevicesCount: number; digestMatches: boolean } | null
  /** Why the county could not be asked (unreachable…); null when it answered. */
  countyError: string | null
  /** Attachments still to upload, when the engine tells; null when it does not. */
  filesPending: number | null
  /** Attachments of the day's intakes the county did not hold: put back in the upload queue by this report. */
  filesRequeued: number
  /** Everything made that day is at the county as made, and no file waits. */
  allClear: boolean
}

type BuildReportOptions = {
  day: string
  reconcile: ReconcileCall
  filesPending?: number | null
  now?: () => Date
}

/**
 * The end-of-day report of one station day: lists what this device made that day (its
 * sent log plus what is still queued), asks the county which of the confirmed ones it
 * lacks or holds differently, and says whether all is clear. Files the county lacks are
 * put back in the upload queue (requeue-lacking-files.ts). The county's refusal to answer is
 * reported, not thrown: the clerk still sees the station's own side.
 */
export async function buildEndOfDayReport(db: StationDb, options: BuildReportOptions): Promise<EndOfDayReport> {
  const now = options.now ?? (() => new Date())
  const sent = await db.sentMutations.where('day').equals(options.day).toArray()
  const queued = (await db.outbox.toArray()).filter((entry) => chinaDate(new Date(entry.createdAt)) === options.day)
  const intakeNos = await intakeNumbers(db, [...sent.map((row) => row.entityId), ...queued.map((entry) => entry.entityId)])
  const lineOf = (row: Pick<SentMutation, 'id' | 'type' | 'entityId' | 'createdAt'>): EndOfDayLine => ({
    id: row.id,
    type: row.type,
    entityId: row.entityId,
    intakeNo: intakeNos.get(row.entityId),
    createdAt: row.createdAt,
  })
  const byCreation = (a: EndOfDayLine, b: EndOfDayLine) => (a.intakeNo ?? '').localeCompare(b.intakeNo ?? '') || a.id.localeCompare(b.id)
  const unsent = queued.map((entry) => ({ ...lineOf(entry), rejection: entry.rejection?.message }))
  const filesPending = options.filesPending ?? null

  let answer: ReconcileResponse | null = null
  let countyError: string | null = null
  try {
    answer = await reconcileInChunks(options.reconcile, options.day, sent)
  } catch (error) {
    countyError = error instanceof Error ? error.message : '无法向县级服务器对账'
  }

  const dayIntakeIds = [...sent.map((row) => row.entityId), ...queued.map((entry) => entry.entityId)]
  const filesRequeued = answer === null ? 0 : await requeueFilesCountyLacks(db, dayIntakeIds, answer.files.held)
  const lackingIds = new Set(answer?.lacking ?? [])
  const differingIds = new Set(answer?.differing.map((entry) => entry.id) ?? [])
  const confirmed = sent
    .filter((row) => !lackingIds.has(row.id) && !differingIds.has(row.id))
    .map(lineOf)
    .sort(byCreation)
  const lacking = sent
    .filter((row) => lackingIds.has(row.id))
    .map(lineOf)
    .sort(byCreation)
  const differing = sent
    .filter((row) => differingIds.has(row.id))
    .map(lineOf)
    .sort(byCreation)
  const county =
    answer === null
      ? null
      : {
          heldCount: answer.held.count,
          otherDevicesCount: answer.held.unlisted.length,
          digestMatches: answer.held.digest === reconcileDigest(sent),
        }
  return {
    day: options.day,
    generatedAt: now().toISOString(),
    confirmed,
    unsent: unsent.sort(byCreation),
    lacking,
    differing,
    county,
    countyError,
    filesPending,
    filesRequeued,
    allClear: answer !== null && lacking.length === 0 && differing.length === 0 && unsent.length === 0 && (filesPending ?? 0) === 0 && filesRequeued === 0,
  }
}

/** One call per RECONCILE_MAX_MUTATIONS ids; the county's view of the day is the same in each answer. */
async function reconcileInChunks(reconcile: ReconcileCall, day: string, sent: readonly SentMutation[]): Promise<ReconcileResponse> {
  const listed = sent.map((row) => ({ id: row.id, payloadHash: row.payloadHash }))
  const merged: ReconcileResponse = { day, lacking: [], differing: [], held: { count: 0, digest: '', unlisted: [] }, files: { held: [] } }
  const unlistedPerChunk: Set<string>[] = []
  for (let start = 0; start === 0 || start < listed.length; start += RECONCILE_MAX_MUTATIONS) {
    const answer = await reconcile({ day, utcOffsetMinutes: 480, mutations: listed.slice(start, start + RECONCILE_MAX_MUTATIONS) })
    merged.lacking.push(...answer.lacking)
    merged.differing.push(...answer.differing)
    merged.held.count = answer.held.count
    merged.held.digest = answer.held.digest
    merged.files = answer.files
    unlistedPerChunk.push(new Set(answer.held.unlisted))
  }
  // Held but unlisted in one chunk may be listed in another: only what no chunk listed counts.
  merged.held.unlisted = [...unlistedPerChunk[0]!].filter((id) => unlistedPerChunk.every((chunk) => chunk.has(id))).sort()
  return merged
}

async function intakeNumbers(db: StationDb, entityIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(entityIds)]
  const intakes = await db.intakes.bulkGet(unique)
  const numbers = new Map<string, string>()
  intakes.forEach((intake, index) => {
    if (intake !== undefined) numbers.set(unique[index]!, intake.intakeNo)
  })
  return numbers
}
