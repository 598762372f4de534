import { RESULT_LABELS, type IntakeDecision } from '../../shared/decision'
import type { IntakeSubmitPayload } from '../../shared/intake'
import { completeOnSiteTarget, supplementTarget, withdrawTarget } from '../../shared/intake-followup'
import { truncateText } from '../../shared/truncate-text'
import type { MutationOf } from '../../shared/protocol'
import { countyDueDate } from './county-calendar'
import { AppError } from '../app-error'
import type { Database } from '../db/database'
import { findCatalogItem } from '../repositories/catalog-repository'
import { updateIntakeDecision } from '../repositories/intake-repository'
import { insertIntakeSupplement } from '../repositories/intake-supplement-repository'
import type { DeviceIdentity } from './device-auth-service'
import { inMutationTransaction } from './mutation-transaction'
import { lockOwnIntake, publishIntakeDecision } from './station-intake'

type Applied = Promise<'applied' | 'duplicate'>

/** History notes hold at most 1000 characters (decisionEventSchema). */
const HISTORY_NOTE_MAX = 1000
const historyNote = (text: string) => truncateText(text, HISTORY_NOTE_MAX)

/**
 * `intake.supplement`: the materials are kept as history of their own; the intake
 * returns to the county after a 补正 request (see supplementTarget), and either way
 * its history says what was brought, so the station and the console both see it.
 */
export async function supplementIntake(
  db: Database,
  device: DeviceIdentity,
  mutation: MutationOf<'intake.supplement'>,
  payloadHash: string,
  now = new Date(),
): Applied {
  const { payload } = mutation
  return inMutationTransaction(db, device, mutation, payloadHash, now, async (tx) => {
    const intake = await lockOwnIntake(tx, device, payload.intakeId)
    const target = supplementTarget(intake.status, intake.acceptedAt !== null)
    if (!target.ok) throw new AppError('rejected', target.message)

    await insertIntakeSupplement(tx, {
      intakeId: intake.id,
      stationCode: device.stationCode,
      mutationId: mutation.id,
      materials: payload.materials,
      note: payload.note ?? null,
      staffName: payload.staffName,
      statusBefore: intake.status,
      statusAfter: target.status,
      createdAt: payload.createdAt,
      receivedAt: now,
    })
    const brought = payload.materials.map((material) => material.name).join('、')
    const event: IntakeDecision['history'][number] = {
      status: target.status,
      at: now.toISOString(),
      by: payload.staffName,
      note: historyNote(`补交材料：${brought}${payload.note ? `；${payload.note}` : ''}`),
    }
    const updated = await updateIntakeDecision(tx, intake.id, { status: target.status, history: [...intake.history, event] }, now)
    await publishIntakeDecision(tx, updated)
  })
}

/** `intake.withdraw`: the applicant withdraws; an end state is kept, and the reason goes into the history. */
export async function withdrawIntake(
  db: Database,
  device: DeviceIdentity,
  mutation: MutationOf<'intake.withdraw'>,
  payloadHash: string,
  now = new Date(),
): Applied {
  const { payload } = mutation
  return inMutationTransaction(db, device, mutation, payloadHash, now, async (tx) => {
    const intake = await lockOwnIntake(tx, device, payload.intakeId)
    const target = withdrawTarget(intake.status)
    if (!target.ok) throw new AppError('rejected', target.message)
    const event = { status: target.status, at: now.toISOString(), by: payload.staffName, note: historyNote(`申请人撤回：${payload.reason}`) }
    const updated = await updateIntakeDecision(tx, intake.id, { status: target.status, history: [...intake.history, event] }, now)
    await publishIntakeDecision(tx, updated)
  })
}

/**
 * `intake.completeOnSite`: a 即办件 decided at the window by the station lead. Whether
 * the item is a 即办件 is the county's catalog's word, not the station's snapshot.
 * Acceptance and completion are the county's receipt time: an intake not yet
 * accepted is accepted and completed at once; an accepted one keeps its acceptance.
 */
export async function completeIntakeOnSite(
  db: Database,
  device: DeviceIdentity,
  mutation: MutationOf<'intake.completeOnSite'>,
  payloadHash: string,
  now = new Date(),
): Applied {
  const { payload } = mutation
  return inMutationTransaction(db, device, mutation, payloadHash, now, async (tx) => {
    const intake = await lockOwnIntake(tx, device, payload.intakeId)
    const item = await findCatalogItem(tx, intake.itemId)
    const handling = item?.handling ?? (intake.payload as IntakeSubmitPayload).item.handling
    const target = completeOnSiteTarget(intake.status, handling)
    if (!target.ok) throw new AppError('rejected', target.message)

    const at = now.toISOString()
    const history = [...intake.history]
    if (intake.acceptedAt === null) history.push({ status: 'accepted', at, by: payload.leadName, note: '即办件当场受理' })
    const outcome = `首席事务代表当场办结：${RESULT_LABELS[payload.result]}${payload.resultNote ? `；${payload.resultNote}` : ''}`
    history.push({ status: 'completed', at, by: payload.leadName, note: historyNote(outcome) })
    const updated = await updateIntakeDecision(
      tx,
      intake.id,
      {
        status: target.status,
        acceptedAt: intake.acceptedAt ?? now,
        dueDate: intake.dueDate ?? (await countyDueDate(tx, now, intake.promisedLimitDays)),
        result: payload.result,
        resultNote: payload.resultNote ?? null,
        completedAt: now,
        history,
      },
      now,
    )
    await publishIntakeDecision(tx, updated)
  })
}
