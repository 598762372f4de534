import { payloadHash } from '../../../shared/canonical-json'
import { intakeSubmitPayloadSchema } from '../../../shared/intake'
import { intakeSupplementPayloadSchema } from '../../../shared/intake-actions'
import type { MutationInput } from '../../../shared/protocol'
import type { SentMutation } from '../../../shared/sync-records'
import type { StaffActor } from '../../db/staff-permissions'
import type { StationDb } from '../../db/station-db'
import { writeStationMutation } from '../../db/station-write'
import { UserError } from '../../lib/user-error'
import { readReports } from '../../db/report-store'

const ALREADY_QUEUED = 'already_queued'

type ResendOutcome = {
  /** Mutation ids put back into the outbox, to be pushed by the next round. */
  requeued: string[]
  /** Ids the station cannot send again as they were (no log row, record gone, or changed since). */
  notResendable: { id: string; reason: string }[]
}

/**
 * Puts mutations the county lacks back into the outbox, with the SAME id and payload as
 * first sent: the payload is rebuilt from the station's own record and must hash to what
 * the sent log says was confirmed, so the county receives exactly what it once took (and
 * would answer `duplicate` if it had it after all). The outbox entry, the removal of the
 * log row (it is no longer confirmed) and the intake's 未发送 state are written through the
 * station write path, one transaction per mutation, with a trail line naming `actor` (the lead
 * running 日终对账); nothing else changes.
 */
export async function resendLacking(db: StationDb, ids: readonly string[], actor: StaffActor): Promise<ResendOutcome> {
  const outcome: ResendOutcome = { requeued: [], notResendable: [] }
  for (const id of ids) {
    const sent = await db.sentMutations.get(id)
    if (sent === undefined) {
      outcome.notResendable.push({ id, reason: '本机没有该变更的发送记录' })
      continue
    }
    const payload = await payloadFromRecords(db, sent)
    if (payload === undefined) {
      outcome.notResendable.push({ id, reason: '本机已找不到该变更对应的记录' })
      continue
    }
    // Hashing is WebCrypto, so it happens outside the transaction (see sent-mutation-log.ts).
    if ((await payloadHash(payload)) !== sent.payloadHash) {
      outcome.notResendable.push({ id, reason: '本机记录在发送后已改变，无法按原样重发' })
      continue
    }
    const requeued = await writeStationMutation(db, {
      actor,
      action: 'sync.endOfDay',
      tables: [db.sentMutations, db.intakes],
      change: async () => {
        if ((await db.outbox.where('id').equals(id).count()) > 0) throw new UserError(ALREADY_QUEUED, '该变更已在待发送队列中')
        await db.sentMutations.delete(id)
        if (sent.type.startsWith('intake.')) {
          await db.intakes
            .where('id')
            .equals(sent.entityId)
            .modify((intake) => {
              if (intake.syncState === 'synced') intake.syncState = 'pending'
            })
        }
        return {
          mutation: { id, type: sent.type, entityId: sent.entityId, payload, createdAt: sent.createdAt } as MutationInput,
          audit: { action: 'sync.resend', entityId: sent.entityId, detail: `日终对账：县级缺少的变更 ${sent.type} 已重新排队发送` },
          result: true as const,
        }
      },
    }).catch((error: unknown) => {
      if (error instanceof UserError && error.code === ALREADY_QUEUED) return error.message
      throw error
    })
    if (requeued === true) outcome.requeued.push(id)
    else outcome.notResendable.push({ id, reason: requeued })
  }
  return outcome
}

/** The payload as it was sent, read back from the record that holds it; undefined when the record is gone. */
async function payloadFromRecords(db: StationDb, sent: SentMutation): Promise<unknown> {
  switch (sent.type) {
    case 'intake.submit': {
      const intake = await db.intakes.get(sent.entityId)
      // The record is the payload plus the station's bookkeeping and the county's decision; the schema keeps the payload.
      return intake === undefined ? undefined : intakeSubmitPayloadSchema.parse(intake)
    }
    case 'intake.completeOnSite':
      return (await db.intakes.get(sent.entityId))?.onSiteCompletion
    case 'intake.withdraw':
      return (await db.intakes.get(sent.entityId))?.withdrawal
    case 'intake.handOver':
      return (await db.intakes.get(sent.entityId))?.handOver
    case 'intake.supplement': {
      const supplement = (await db.intakes.get(sent.entityId))?.supplements?.find((candidate) => candidate.mutationId === sent.id)
      // The station's bookkeeping stays home; the schema keeps what was sent.
      return supplement === undefined ? undefined : intakeSupplementPayloadSchema.parse(supplement)
    }
    case 'evaluation.record': {
      // Ratings live on their intake; a lacking rating is rare enough for a scan.
      const intake = await db.intakes.filter((candidate) => candidate.evaluation?.id === sent.entityId).first()
      return intake?.evaluation
    }
    case 'report.record':
      return (await readReports(db)).find((report) => report.id === sent.entityId)
    default:
      // The station makes no other mutation types today; it cannot rebuild what it does not keep.
      return undefined
  }
}
