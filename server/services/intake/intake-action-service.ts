import { RESULT_LABELS, type IntakeDecision } from '../../../shared/decision'
import type { IntakeSubmitPayload } from '../../../shared/intake'
import { completeOnSiteTarget, handOverTarget, supplementTarget, withdrawTarget } from '../../../shared/intake-actions'
import { missingMaterialsMessage } from '../../../shared/intake-materials'
import { truncateText } from '../../../shared/truncate-text'
import type { IntakeStatus, TransitionResult } from '../../../shared/intake-status'
import type { MutationOf } from '../../../shared/protocol'
import { countyDueDate } from '../calendar/county-calendar'
import { AppError } from '../../app-error'
import type { Executor, Transaction } from '../../db/database'
import type { IntakeRow } from '../../db/schema'
import { findCatalogItem } from '../../repositories/catalog-repository'
import { updateIntakeDecision, type IntakeDecisionUpdate } from '../../repositories/intake-repository'
import { insertIntakeSupplement } from '../../repositories/intake-supplement-repository'
import { listStationItemIds } from '../../repositories/station-item-repository'
import { findStationStaffRow } from '../../repositories/station-staff-repository'
import type { DeviceIdentity } from '../stations/device-auth-service'
import { intakeMaterialsNow, missingRequiredNow } from './intake-material-state'
import { inMutationTransaction } from '../sync/mutation-transaction'
import { lockOwnIntake, publishIntakeDecision } from './station-intake'

/**
 * The station's actions on an intake it submitted (办理操作: 补正, 撤回, 当场办结, 送达), as the
 * county applies them. Their common steps live in `intakeAction`.
 */

type IntakeActionMutation = MutationOf<'intake.supplement' | 'intake.withdraw' | 'intake.completeOnSite' | 'intake.handOver'>

/** What one action decides from: the locked intake and the mutation. */
type IntakeActionStep<M extends IntakeActionMutation> = {
  tx: Transaction
  device: DeviceIdentity
  intake: IntakeRow
  mutation: M
  payload: M['payload']
  now: Date
}

type IntakeActionHandler<M extends IntakeActionMutation> = (
  db: Executor,
  device: DeviceIdentity,
  mutation: M,
  payloadHash: string,
  now?: Date,
) => Promise<'applied' | 'duplicate'>

/**
 * The steps every intake action shares. Inside the mutation's transaction (applied once, by id
 * and payload hash) the station's own intake is locked, so no county decision slips in between
 * `decide`'s checks and the write; `decide` checks and answers what changes; the new decision
 * record is stored and published, so the station pulls it as it pulls any county decision.
 */
function intakeAction<M extends IntakeActionMutation>(decide: (step: IntakeActionStep<M>) => Promise<IntakeDecisionUpdate>): IntakeActionHandler<M> {
  return (db, device, mutation, payloadHash, now = new Date()) =>
    inMutationTransaction(db, device, mutation, payloadHash, now, async (tx) => {
      const intake = await lockOwnIntake(tx, device, mutation.payload.intakeId)
      const update = await decide({ tx, device, intake, mutation, payload: mutation.payload, now })
      await publishIntakeDecision(tx, await updateIntakeDecision(tx, intake.id, update, now))
    })
}

/** The status the station's rule allows, or its refusal as the rejection the station shows. */
function allowed(target: TransitionResult): IntakeStatus {
  if (!target.ok) throw new AppError('rejected', target.message)
  return target.status
}

/** History notes hold at most 1000 characters (decisionEventSchema). */
const HISTORY_NOTE_MAX = 1000

/** A history line at the county's receipt time. */
function historyEvent(status: IntakeStatus, now: Date, by: string, note: string): IntakeDecision['history'][number] {
  return { status, at: now.toISOString(), by, note: truncateText(note, HISTORY_NOTE_MAX) }
}

/**
 * `intake.supplement`: the materials are kept as history of their own; the intake
 * returns to the county after a 补正 request (see supplementTarget), and either way
 * its history says what was brought, so the station and the console both see it.
 */
export const supplementIntake = intakeAction<MutationOf<'intake.supplement'>>(async ({ tx, device, intake, mutation, payload, now }) => {
  const status = allowed(supplementTarget(intake.status, intake.acceptedAt !== null))
  await insertIntakeSupplement(tx, {
    intakeId: intake.id,
    stationCode: device.stationCode,
    mutationId: mutation.id,
    materials: payload.materials,
    note: payload.note ?? null,
    staffName: payload.staffName,
    statusBefore: intake.status,
    statusAfter: status,
    createdAt: payload.createdAt,
    receivedAt: now,
  })
  const brought = payload.materials.map((material) => material.name).join('、')
  const event = historyEvent(status, now, payload.staffName, `补交材料：${brought}${payload.note ? `；${payload.note}` : ''}`)
  return { status, history: [...intake.history, event] }
})

/** `intake.withdraw`: the applicant withdraws; an end state is kept, and the reason goes into the history. */
export const withdrawIntake = intakeAction<MutationOf<'intake.withdraw'>>(async ({ intake, payload, now }) => {
  const status = allowed(withdrawTarget(intake.status))
  return { status, history: [...intake.history, historyEvent(status, now, payload.staffName, `申请人撤回：${payload.reason}`)] }
})

/**
 * `intake.completeOnSite`: a 即办件 decided at the window by a 首席事务代表. Whether the item
 * is a 即办件 is the county's catalog's word, not the station's snapshot; it must be among
 * the station's 进驻事项, the signed-in account must hold the county's authorisation, and no
 * required material may be missing. An intake not yet accepted is accepted and completed at
 * once (county receipt time); an accepted one keeps its acceptance. The result is at the
 * station, so its delivery is the station's hand-over (`deliveryMethod: 'station'`).
 */
export const completeIntakeOnSite = intakeAction<MutationOf<'intake.completeOnSite'>>(async ({ tx, device, intake, payload, now }) => {
  const item = await findCatalogItem(tx, intake.itemId)
  const handling = item?.handling ?? (intake.payload as IntakeSubmitPayload).item.handling
  const status = allowed(completeOnSiteTarget(intake.status, handling))
  if (!(await listStationItemIds(tx, device.stationCode)).includes(intake.itemId)) {
    throw new AppError('rejected', `“${item?.name ?? intake.itemId}”不是本站的进驻事项，不能当场办结；请报县级办理`)
  }
  await requireOnSiteAuthority(tx, device, payload.staffId)
  const missing = await missingRequiredNow(tx, intake.itemId, await intakeMaterialsNow(tx, intake))
  if (missing.length > 0) throw new AppError('rejected', missingMaterialsMessage(missing))

  const history = [...intake.history]
  if (intake.acceptedAt === null) history.push(historyEvent('accepted', now, payload.leadName, '即办件当场受理'))
  const outcome = `首席事务代表当场办结：${RESULT_LABELS[payload.result]}${payload.resultNote ? `；${payload.resultNote}` : ''}`
  history.push(historyEvent('completed', now, payload.leadName, outcome))
  return {
    status,
    acceptedAt: intake.acceptedAt ?? now,
    dueDate: intake.dueDate ?? (await countyDueDate(tx, now, intake.promisedLimitDays, intake.limitUnit)),
    result: payload.result,
    resultNote: payload.resultNote ?? null,
    completedAt: now,
    deliveryMethod: 'station',
    history,
  }
})

/** The account that completes on the spot must be this station's, active, and authorised as 首席事务代表. */
async function requireOnSiteAuthority(tx: Transaction, device: DeviceIdentity, staffId: string | undefined): Promise<void> {
  const refusal = '只有县级授权的首席事务代表可以当场办结；请由已授权的人员登录后办理，或报县级审批'
  if (staffId === undefined) throw new AppError('rejected', refusal)
  const staff = await findStationStaffRow(tx, device.stationCode, staffId)
  if (!staff?.active || !staff.onSiteAuthority)
    throw new AppError('rejected', `${staff ? `${staff.displayName}未获首席事务代表授权（或账号已停用）。` : ''}${refusal}`)
}

/**
 * `intake.handOver`: the station handed the result to the resident (送达回证). Allowed once
 * the result is at the station (站点领取 or 当场办结); the intake becomes 已送达 at the
 * county's receipt of the record, and the record itself goes along with the decision.
 */
export const handOverIntake = intakeAction<MutationOf<'intake.handOver'>>(async ({ intake, payload, now }) => {
  const status = allowed(handOverTarget(intake.status, intake.deliveryMethod ?? undefined))
  const recipient = payload.recipientIsApplicant ? '申请人本人' : `申请人的${payload.relationship ?? '代领人'}`
  const event = historyEvent(status, now, payload.staffName, `站点出件，${recipient}领取`)
  return { status, handOver: payload, deliveredAt: now, history: [...intake.history, event] }
})
