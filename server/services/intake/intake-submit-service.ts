import { sha256HexOfText } from '../../../shared/sha256'
import { stationAcceptanceTime } from '../../../shared/acceptance-time'
import type { IntakeDecision } from '../../../shared/decision'
import { proxyAgentIssue } from '../../../shared/intake'
import { missingRequiredMaterials } from '../../../shared/intake-materials'
import type { ServiceItem } from '../../../shared/catalog'
import type { MutationOf, MutationResult } from '../../../shared/protocol'
import { chinaDate, type LimitUnit, type WorkingDayCalendar } from '../../../shared/working-days'
import { dueDateOn, loadCountyCalendar } from '../calendar/county-calendar'
import { AppError } from '../../app-error'
import type { Executor, Transaction } from '../../db/database'
import type { IntakeRow } from '../../db/schema'
import { findCatalogItemsAtStation } from '../../repositories/catalog-repository'
import { appendChange } from '../../repositories/change-repository'
import { findIntake, insertIntakeIfAbsent, type NewIntake } from '../../repositories/intake-repository'
import { findMutationHashes } from '../../repositories/mutation-repository'
import { insertSubmissionsIfAbsent } from '../../repositories/submission-repository'
import { inChangeTransaction } from '../sync/change-transaction'
import type { DeviceIdentity } from '../stations/device-auth-service'
import { toIntakeDecision } from './intake-decision-record'
import { inMutationTransaction, reusedMutationIdMessage } from '../sync/mutation-transaction'

/** The county keeps only this of the 进度查询码 (hex SHA-256), so a leaked database reveals no key. */
export function lookupKeyHash(key: string): string {
  return sha256HexOfText(key)
}

/** One `intake.submit` of a push, with the hash of its payload as sent. */
export type ReceivedSubmit = { mutation: MutationOf<'intake.submit'>; payloadHash: string }

/**
 * What every `intake.submit` of one push reads, read once per push: the catalog
 * items they name and which of them are among the station's 进驻事项 (one query),
 * the device's enrolment (known from its token) and (only if some intake is
 * accepted at the station) the county calendar. `dueDate` counts a limit on that
 * calendar, once per start day, limit and unit: a push dates hundreds of intakes
 * received on the same day under a few dozen items.
 */
export type SubmitContext = {
  now: Date
  items: Map<string, ServiceItem>
  stationItemIds: ReadonlySet<string>
  enrolledAt: Date
  dueDate: (acceptedAt: Date, limitDays: number, unit: LimitUnit | undefined) => Promise<string>
}

export async function loadSubmitContext(tx: Executor, device: DeviceIdentity, submits: readonly ReceivedSubmit[], now: Date): Promise<SubmitContext> {
  const named = await findCatalogItemsAtStation(tx, device.stationCode, [...new Set(submits.map(({ mutation }) => mutation.payload.item.id))])
  const items = new Map([...named].map(([id, { item }]) => [id, item]))
  const stationItemIds = new Set([...named].filter(([, { offered }]) => offered).map(([id]) => id))
  let calendar: Promise<WorkingDayCalendar> | undefined
  // Promises, not dates: the submits of a push are prepared concurrently, all before the calendar is read.
  const dueDates = new Map<string, Promise<string>>()
  const dueDate = (acceptedAt: Date, limitDays: number, unit: LimitUnit | undefined) => {
    const key = `${chinaDate(acceptedAt)} ${limitDays} ${unit}`
    let date = dueDates.get(key)
    if (date === undefined) {
      date = (calendar ??= loadCountyCalendar(tx)).then((loaded) => dueDateOn(loaded, acceptedAt, limitDays, unit))
      dueDates.set(key, date)
    }
    return date
  }
  return { now, items, stationItemIds, enrolledAt: device.enrolledAt, dueDate }
}

type StoredSubmit = MutationOf<'intake.submit'> & { payload: Omit<MutationOf<'intake.submit'>['payload'], 'lookupKey'> }

/** A submit judged against the context: the intake row to store, or why it is refused. */
type PreparedSubmit = { stored: StoredSubmit; payloadHash: string } & (
  { row: NewIntake & Pick<IntakeRow, 'history'>; refusal?: undefined } | { refusal: string; row?: undefined }
)

/**
 * `intake.submit`, judged in memory. The 进度查询码 is kept only as its hash: the
 * stored payload (intake, mutation log, the `intake` change other devices pull) goes
 * without it. `payloadHash` was taken over the payload as sent, so duplicates and
 * 日终对账 still match the station's own hash.
 *
 * 收件即受理 and 即办件 are accepted at the station's receipt (shared/acceptance-time.ts),
 * but only when no required material is 缺少: an incomplete application is received
 * (收件), never accepted, whatever the item (行政许可法 §32).
 */
async function prepareSubmit(device: DeviceIdentity, { mutation, payloadHash }: ReceivedSubmit, context: SubmitContext): Promise<PreparedSubmit> {
  const { now } = context
  const { lookupKey, ...payload } = mutation.payload
  const stored = { ...mutation, payload }
  // The county owns the catalog: whether an item is accepted on receipt, and its limit, come from here.
  const item = context.items.get(payload.item.id)
  if (!item) return { stored, payloadHash, refusal: `事项“${payload.item.name}”（${payload.item.id}）不在本县事项目录中，请同步事项目录后重新办理` }
  // 进驻事项: a station takes in only what the county assigned it (一窗受理 within its list).
  if (!context.stationItemIds.has(item.id)) {
    return { stored, payloadHash, refusal: `“${item.name}”不是本站的进驻事项，本站不能受理；请引导申请人到可办理的便民服务中心或县政务服务中心办理` }
  }
  const agentIssue = proxyAgentIssue(payload)
  if (agentIssue) return { stored, payloadHash, refusal: agentIssue }

  const necessity = new Map(item.materials.map((material) => [material.id, material.necessity]))
  const missing = missingRequiredMaterials(payload.materials, (materialId) => necessity.get(materialId))
  const acceptsAtStation = (item.acceptOnReceipt || item.handling === '1') && missing.length === 0
  const hasReceipt = payload.receivedAt !== undefined || payload.clockOffsetMs !== undefined
  const stationReceivedAt = hasReceipt ? stationAcceptanceTime(payload, { countyReceivedAt: now, enrolledAt: context.enrolledAt }) : null
  const acceptedAt = acceptsAtStation ? (stationReceivedAt ?? now) : null

  const history: IntakeDecision['history'] = [
    {
      status: 'submitted',
      at: now.toISOString(),
      by: payload.staffName,
      ...(missing.length > 0 ? { note: `材料不全，仅收件未受理；缺少：${missing.map((material) => material.name).join('、')}`.slice(0, 1000) } : {}),
    },
  ]
  if (acceptedAt) {
    history.push({ status: 'accepted', at: acceptedAt.toISOString(), by: payload.staffName, note: item.acceptOnReceipt ? '收件即受理' : '即办件收件即受理' })
  }
  const row: NewIntake & Pick<IntakeRow, 'history'> = {
    id: payload.id,
    stationCode: device.stationCode,
    intakeNo: payload.intakeNo,
    mutationId: mutation.id,
    itemId: payload.item.id,
    itemVersion: payload.item.version,
    promisedLimitDays: item.promisedLimitDays,
    limitUnit: item.limitUnit ?? 'workingDays',
    payload,
    status: acceptedAt ? 'accepted' : 'submitted',
    receivedAt: now,
    stationReceivedAt,
    acceptedAt,
    // The limit runs from the acceptance date (the station's day of receipt), not the day it reached the county.
    dueDate: acceptedAt ? await context.dueDate(acceptedAt, item.promisedLimitDays, item.limitUnit) : null,
    lookupKeyHash: lookupKey ? lookupKeyHash(lookupKey) : null,
    history,
    updatedAt: now,
  }
  return { stored, payloadHash, row }
}

/**
 * The intake itself first (its stored payload, the one submitted without the 进度查询码), then
 * its decision: another device of the station pulls the record before the decision that updates it.
 */
async function publishSubmitted(tx: Transaction, intake: NewIntake & Pick<IntakeRow, 'history'>): Promise<void> {
  await appendChange(tx, { stationCode: intake.stationCode, entity: 'intake', entityId: intake.id, op: 'put', dataOfStoredIntake: true })
  await appendChange(tx, { stationCode: intake.stationCode, entity: 'intakeDecision', entityId: intake.id, op: 'put', data: toIntakeDecision(intake) })
}

/**
 * `intake.submit` alone: records the mutation, stores the intake and publishes its
 * first decision record to the station, under one savepoint (see inMutationTransaction).
 */
export async function submitIntake(
  db: Executor,
  device: DeviceIdentity,
  mutation: MutationOf<'intake.submit'>,
  payloadHash: string,
  context: SubmitContext,
): Promise<'applied' | 'duplicate'> {
  const prepared = await prepareSubmit(device, { mutation, payloadHash }, context)
  return inMutationTransaction(db, device, prepared.stored, payloadHash, context.now, async (tx) => {
    if (prepared.refusal !== undefined) throw new AppError('rejected', prepared.refusal)
    const intake = await insertIntakeIfAbsent(tx, prepared.row)
    if (!intake) {
      const sameId = await findIntake(tx, prepared.row.id)
      throw new AppError(
        'conflict',
        sameId ? '该办件已由另一条变更提交，本条未被采用；请在本站核对该办件' : `办件编号 ${prepared.row.intakeNo} 已被本站另一件办件使用，请核对编号`,
      )
    }
    await publishSubmitted(tx, intake)
  })
}

/** Thrown inside the set-based savepoint to roll it back and judge the run one by one. */
class OneByOne extends Error {}

const hasRepeats = (values: readonly string[]) => new Set(values).size !== values.length

/**
 * A run of consecutive `intake.submit`s, set-based: one statement inserts the mutation
 * ids (the idempotency guard) and the intakes of those recorded, one lookup finds the
 * hashes of those already recorded (duplicate or conflict, as PROTOCOL.md says), their
 * changes are queued in order. This is the common case of a push. Anything it cannot
 * judge as a set (a refused submit, an intake id or number already taken, a repeat
 * inside the run) rolls its savepoint back and answers undefined: the caller then
 * applies the run one mutation at a time, each under its own savepoint, exactly as before.
 */
export async function submitIntakes(
  tx: Transaction,
  device: DeviceIdentity,
  run: readonly ReceivedSubmit[],
  context: SubmitContext,
): Promise<MutationResult[] | undefined> {
  const prepared = await Promise.all(run.map((received) => prepareSubmit(device, received, context)))
  if (prepared.some((submit) => submit.refusal !== undefined)) return undefined
  const rows = prepared.map((submit) => submit.row!)
  if (hasRepeats(prepared.map((submit) => submit.stored.id)) || hasRepeats(rows.map((row) => row.id)) || hasRepeats(rows.map((row) => row.intakeNo))) {
    return undefined
  }
  try {
    return await inChangeTransaction(tx, async (savepoint) => {
      const { recorded, stored } = await insertSubmissionsIfAbsent(
        savepoint,
        prepared.map(({ stored: mutation, payloadHash, row }) => {
          const { payload, ...intake } = row!
          return {
            mutation: {
              stationCode: device.stationCode,
              id: mutation.id,
              deviceId: device.deviceId,
              type: mutation.type,
              entityId: mutation.entityId,
              payloadHash,
              createdAt: mutation.createdAt,
              receivedAt: context.now,
            },
            intake,
            payload,
          }
        }),
      )
      // A mutation recorded here whose intake id or number was already taken: judged one by one.
      if (stored.size !== recorded.size) throw new OneByOne()
      const seen = prepared.filter((submit) => !recorded.has(submit.stored.id)).map((submit) => submit.stored.id)
      const firstHashes = new Map((await findMutationHashes(savepoint, device.stationCode, seen)).map((row) => [row.id, row.payloadHash]))
      for (const submit of prepared) {
        // The decision columns of a new intake are all unset: the row as inserted makes its decision.
        if (recorded.has(submit.stored.id)) await publishSubmitted(savepoint, submit.row!)
      }
      return prepared.map(({ stored: mutation, payloadHash }): MutationResult => {
        if (recorded.has(mutation.id)) return { id: mutation.id, status: 'applied' }
        if (firstHashes.get(mutation.id) === payloadHash) return { id: mutation.id, status: 'duplicate' }
        return { id: mutation.id, status: 'rejected', error: { code: 'conflict', message: reusedMutationIdMessage(mutation.type) } }
      })
    })
  } catch (error) {
    if (error instanceof OneByOne) return undefined
    throw error
  }
}
