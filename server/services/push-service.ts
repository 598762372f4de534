import type { Mutation, MutationResult, PushResponse } from '../../shared/protocol'
import { AppError, isAppError } from '../app-error'
import type { Database } from '../db/database'
import { mutationPayloadHash } from '../secrets'
import type { DeviceIdentity } from './device-auth-service'
import { submitIntake } from './intake-submit-service'

/** A validated mutation together with the payload exactly as the station sent it (what it hashed). */
export type ReceivedMutation = { mutation: Mutation; rawPayload: unknown }

export type PushLog = { warn(details: object, message: string): void }

/**
 * Applies a batch in order, each mutation in its own transaction, so one rejected
 * mutation never blocks the rest. The station check runs over the whole batch
 * first: a device writing for another station gets 403 and nothing is stored.
 */
export async function pushMutations(db: Database, device: DeviceIdentity, received: ReceivedMutation[], log: PushLog): Promise<PushResponse> {
  checkBatch(device, received, log)
  const results: MutationResult[] = []
  for (const { mutation, rawPayload } of received) {
    results.push(await applyMutation(db, device, mutation, mutationPayloadHash(rawPayload)))
  }
  return { results }
}

function checkBatch(device: DeviceIdentity, received: ReceivedMutation[], log: PushLog): void {
  received.forEach(({ mutation }, index) => {
    if (mutation.payload.stationCode !== device.stationCode) {
      log.warn(
        { deviceId: device.deviceId, deviceStation: device.stationCode, payloadStation: mutation.payload.stationCode, mutationId: mutation.id },
        'cross-station push refused',
      )
      throw new AppError('forbidden', `本设备属于站点 ${device.stationCode}，不能提交站点 ${mutation.payload.stationCode} 的数据`, {
        path: `mutations.${index}.payload.stationCode`,
      })
    }
    if (mutation.entityId !== mutation.payload.id) {
      throw new AppError('bad_request', '变更的 entityId 应与办件 id 一致', { path: `mutations.${index}.entityId` })
    }
  })
}

async function applyMutation(db: Database, device: DeviceIdentity, mutation: Mutation, payloadHash: string): Promise<MutationResult> {
  try {
    const status = await submitIntake(db, device, mutation, payloadHash)
    return { id: mutation.id, status }
  } catch (error) {
    // A user-reason failure rejects this mutation only; anything else is a server fault.
    if (isAppError(error) && (error.code === 'conflict' || error.code === 'rejected')) {
      return { id: mutation.id, status: 'rejected', error: { code: error.code, message: error.message } }
    }
    throw error
  }
}
