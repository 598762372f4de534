import type { Mutation, MutationResult, PushResponse } from '../../../shared/protocol'
import { AppError, isAppError } from '../../app-error'
import type { Database, Transaction } from '../../db/database'
import { findIntakeStations } from '../../repositories/intake-repository'
import { countyPayloadHash } from './payload-hash'
import { appendAuditLog } from '../stations/audit-log-service'
import type { DeviceIdentity } from '../stations/device-auth-service'
import { recordEvaluation } from '../feedback/evaluation-service'
import { completeIntakeOnSite, handOverIntake, supplementIntake, withdrawIntake } from '../intake/intake-action-service'
import { inChangeTransaction } from './change-transaction'
import { loadSubmitContext, submitIntake, submitIntakes, type ReceivedSubmit, type SubmitContext } from '../intake/intake-submit-service'
import { scopeOf } from './mutation-scope'
import { recordReport } from '../feedback/report-service'

/** A validated mutation together with the payload exactly as the station sent it (what it hashed). */
type ReceivedMutation = { mutation: Mutation; rawPayload: unknown }

type PushLog = { warn(details: object, message: string): void }

/** Failures with a user reason that reject one mutation; anything else is a server fault. */
const REJECTING_CODES = new Set(['conflict', 'rejected', 'not_found', 'forbidden'])

/**
 * Applies a batch in order, in one transaction: each mutation under its own
 * savepoint, so one rejected mutation rolls back only itself and never blocks the
 * rest; a run of `intake.submit`s is applied as a set (submitIntakes). The station
 * check runs over the whole batch first: a device writing for another station, or
 * about another station's intake, gets 403 and nothing is stored. A server fault
 * rolls the whole batch back (500); the station sends it again.
 */
export async function pushMutations(db: Database, device: DeviceIdentity, received: ReceivedMutation[], log: PushLog): Promise<PushResponse> {
  await checkBatch(db, device, received, log)
  const hashed = received.map(({ mutation, rawPayload }) => ({ mutation, payloadHash: countyPayloadHash(rawPayload) }))
  return inChangeTransaction(db, async (tx) => {
    const submits = hashed.filter((entry): entry is ReceivedSubmit => entry.mutation.type === 'intake.submit')
    const context = await loadSubmitContext(tx, device, submits, new Date())
    const results: MutationResult[] = []
    for (let start = 0; start < hashed.length;) {
      let end = start
      while (end < hashed.length && hashed[end]!.mutation.type === 'intake.submit') end++
      const run = hashed.slice(start, end) as ReceivedSubmit[]
      const asSet = run.length > 1 ? await submitIntakes(tx, device, run, context) : undefined
      if (asSet) {
        results.push(...asSet)
        start = end
        continue
      }
      // One by one: a lone mutation of any type, or a run of submits the set could not judge.
      for (const { mutation, payloadHash } of end > start ? run : [hashed[start]!]) {
        results.push(await applyMutation(tx, device, mutation, payloadHash, context, log))
      }
      start = Math.max(end, start + 1)
    }
    return { results }
  })
}

async function checkBatch(db: Database, device: DeviceIdentity, received: ReceivedMutation[], log: PushLog): Promise<void> {
  const scopes = received.map(({ mutation }) => scopeOf(mutation))
  // An intake the county does not hold yet may be submitted earlier in this batch; applying decides then.
  const intakeStations = await findIntakeStations(db, [...new Set(scopes.flatMap((scope) => (scope.intakeId ? [scope.intakeId] : [])))])
  received.forEach(({ mutation }, index) => {
    const scope = scopes[index]!
    const named = scope.stationCode
    const held = scope.intakeId === undefined ? undefined : intakeStations.get(scope.intakeId)
    const otherStation = named ?? held
    if (otherStation !== undefined && otherStation !== device.stationCode) {
      log.warn(
        { deviceId: device.deviceId, deviceStation: device.stationCode, payloadStation: otherStation, mutationId: mutation.id, type: mutation.type },
        'cross-station push refused',
      )
      const [message, path] =
        named !== undefined
          ? [`本设备属于站点 ${device.stationCode}，不能提交站点 ${named} 的数据`, 'stationCode']
          : [`本设备属于站点 ${device.stationCode}，不能处理站点 ${otherStation} 的办件`, 'intakeId']
      throw new AppError('forbidden', message, { path: `mutations.${index}.payload.${path}` })
    }
    if (mutation.entityId !== scope.entityValue) {
      const target = scope.entityField === 'intakeId' || mutation.type === 'intake.submit' ? '办件 id' : `载荷中的 ${scope.entityField}`
      throw new AppError('bad_request', `变更的 entityId 应与${target}一致`, { path: `mutations.${index}.entityId` })
    }
  })
}

async function applyMutation(
  tx: Transaction,
  device: DeviceIdentity,
  mutation: Mutation,
  payloadHash: string,
  context: SubmitContext,
  log: PushLog,
): Promise<MutationResult> {
  try {
    const status = await dispatch(tx, device, mutation, payloadHash, context)
    return { id: mutation.id, status }
  } catch (error) {
    if (isAppError(error) && REJECTING_CODES.has(error.code)) {
      // The batch check passed but the intake turned out foreign inside the transaction (it
      // arrived meanwhile): refused for this mutation only, and logged like a 403.
      if (error.code === 'forbidden') {
        log.warn({ deviceId: device.deviceId, deviceStation: device.stationCode, mutationId: mutation.id, type: mutation.type }, 'cross-station push refused')
      }
      return { id: mutation.id, status: 'rejected', error: { code: error.code, message: error.message } }
    }
    throw error
  }
}

function dispatch(db: Transaction, device: DeviceIdentity, mutation: Mutation, payloadHash: string, context: SubmitContext): Promise<'applied' | 'duplicate'> {
  switch (mutation.type) {
    case 'intake.submit':
      return submitIntake(db, device, mutation, payloadHash, context)
    case 'intake.supplement':
      return supplementIntake(db, device, mutation, payloadHash)
    case 'intake.withdraw':
      return withdrawIntake(db, device, mutation, payloadHash)
    case 'intake.completeOnSite':
      return completeIntakeOnSite(db, device, mutation, payloadHash)
    case 'intake.handOver':
      return handOverIntake(db, device, mutation, payloadHash)
    case 'evaluation.record':
      return recordEvaluation(db, device, mutation, payloadHash)
    case 'report.record':
      return recordReport(db, device, mutation, payloadHash)
    case 'audit.append':
      return appendAuditLog(db, device, mutation, payloadHash)
  }
}
