import { RESULT_LABELS, type IntakeDecision } from '../../../shared/decision'
import type { IntakeSubmitPayload } from '../../../shared/intake'
import { completeOnSiteTarget, handOverTarget, supplementTarget, withdrawTarget } from '../../../shared/intake-followup'
import { missingMaterialsMessage } from '../../../shared/intake-materials'
import { truncateText } from '../../../shared/truncate-text'
import type { MutationOf } from '../../../shared/protocol'
import { countyDueDate } from '../calendar/county-calendar'
import { AppError } from '../../app-error'
import type { Executor, Transaction } from '../../db/database'
import { findCatalogItem } from '../../repositories/catalog-repository'
import { updateIntakeDecision } from '../../repositories/intake-repository'
import { insertIntakeSupplement } from '../../repositories/intake-supplement-repository'
import { listStationItemIds } from '../../repositories/station-item-repository'
import { findStationStaffRow } from '../../repositories/station-staff-repository'
import type { DeviceIdentity } from '../stations/device-auth-service'
import { intakeMaterialsNow, missingRequiredNow } from './intake-material-state'
import { inMutationTransaction } from '../sync/mutation-transaction'
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
  db: Executor,
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
  db: Executor,
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
 * `intake.completeOnSite`: a 即办件 decided at the window by a 首席事务代表. Whether the item
 * is a 即办件 is the county's catalog's word, not the station's snapshot; it must be among
 * the station's 进驻事项, the signed-in account must hold the county's authorisation, and no
 * required material may be missing. An intake not yet accepted is accepted and completed at
 * once (county receipt time); an accepted one keeps its acceptance. The result is at the
 * station, so its delivery is the station's hand-over (`deliveryMethod: 'station'`).
 */
export async function completeIntakeOnSite(
  db: Executor,
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
    if (!(await listStationItemIds(tx, device.stationCode)).includes(intake.itemId)) {
      throw new AppError('rejected', `“${item?.name ?? intake.itemId}”不是本站的进驻事项，不能当场办结；请报县级办理`)
    }
    await requireOnSiteAuthority(tx, device, payload.staffId)
    const missing = await missingRequiredNow(tx, intake.itemId, await intakeMaterialsNow(tx, intake))
    if (missing.length > 0) throw new AppError('rejected', missingMaterialsMessage(missing))

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
        dueDate: intake.dueDate ?? (await countyDueDate(tx, now, intake.promisedLimitDays, intake.limitUnit)),
        result: payload.result,
        resultNote: payload.resultNote ?? null,
        completedAt: now,
        deliveryMethod: 'station',
        history,
      },
      now,
    )
    await publishIntakeDecision(tx, updated)
  })
}

/** The account that completes on the spot must be this station's, active, and authorised as 首席事务代表. */
async function requireOnSiteAuthority(tx: Transaction, device: DeviceIdentity, staffId: string | undefined): Promise<void> {
  const refusal = '只有县级授权的首席事务代表可以当场办结；请由已授权的人员登录后办理，或报县级审批'
  if (staffId === undefined) throw new AppError('rejected', refusal)
  const staff = await findStationStaffRow(tx, device.stationCode, staffId)
  if (!staff?.active || !staff.onSiteAuthority) throw new AppError('rejected', `${staff ? `${staff.displayName}未获首席事务代表授权（或账号已停用）。` : ''}${refusal}`)
}

/**
 * `intake.handOver`: the station handed the result to the resident (送达回证). Allowed once
 * the result is at the station (站点领取 or 当场办结); the intake becomes 已送达 at the
 * county's receipt of the record, and the record itself goes along with the decision.
 */
export async function handOverIntake(
  db: Executor,
  device: DeviceIdentity,
  mutation: MutationOf<'intake.handOver'>,
  payloadHash: string,
  now = new Date(),
): Applied {
  const { payload } = mutation
  return inMutationTransaction(db, device, mutation, payloadHash, now, async (tx) => {
    const intake = await lockOwnIntake(tx, device, payload.intakeId)
    const target = handOverTarget(intake.status, intake.deliveryMethod ?? undefined)
    if (!target.ok) throw new AppError('rejected', target.message)
    const recipient = payload.recipientIsApplicant ? '申请人本人' : `申请人的${payload.relationship ?? '代领人'}`
    const event = { status: target.status, at: now.toISOString(), by: payload.staffName, note: historyNote(`站点出件，${recipient}领取`) }
    const updated = await updateIntakeDecision(
      tx,
      intake.id,
      { status: target.status, handOver: payload, deliveredAt: now, history: [...intake.history, event] },
      now,
    )
    await publishIntakeDecision(tx, updated)
  })
}
