import type { Mutation, MutationType } from '../../../shared/protocol'
import { AppError } from '../../app-error'
import type { Executor, Transaction } from '../../db/database'
import { findMutationHash, insertMutationIfAbsent } from '../../repositories/mutation-repository'
import { inChangeTransaction } from './change-transaction'
import type { DeviceIdentity } from '../stations/device-auth-service'

/** What the clerk should look up at the station when a mutation id was reused. */
const SUBJECT: Record<MutationType, string> = {
  'intake.submit': '该办件',
  'intake.supplement': '该办件的补交材料',
  'intake.withdraw': '该办件的撤回',
  'intake.completeOnSite': '该办件的当场办结',
  'intake.handOver': '该办件的出件登记',
  'evaluation.record': '该评价',
  'report.record': '该反映',
  'audit.append': '该批日志',
}

/** The `conflict` reason when a mutation id arrives again with a different payload hash. */
export function reusedMutationIdMessage(type: MutationType): string {
  return `同一变更编号已收到过不同的内容，以先收到的为准；请在本站核对${SUBJECT[type]}`
}

/**
 * Runs one station mutation in its own transaction (a savepoint inside a push's
 * transaction, see push-service.ts), behind the idempotency guard
 * every type shares. The mutation row goes in first: its unique index on
 * (station, id) is what makes a second delivery a no-op, even when two deliveries
 * race. A rule that throws rolls the row back too, so a rejected mutation is
 * judged afresh if the station sends it again.
 */
export async function inMutationTransaction(
  db: Executor,
  device: DeviceIdentity,
  mutation: Mutation,
  payloadHash: string,
  now: Date,
  apply: (tx: Transaction) => Promise<void>,
): Promise<'applied' | 'duplicate'> {
  return inChangeTransaction(db, async (tx) => {
    const recorded = await insertMutationIfAbsent(tx, {
      stationCode: device.stationCode,
      id: mutation.id,
      deviceId: device.deviceId,
      type: mutation.type,
      entityId: mutation.entityId,
      payloadHash,
      payload: mutation.payload,
      createdAt: mutation.createdAt,
      receivedAt: now,
    })
    if (!recorded) {
      const firstHash = await findMutationHash(tx, device.stationCode, mutation.id)
      if (firstHash === payloadHash) return 'duplicate'
      throw new AppError('conflict', reusedMutationIdMessage(mutation.type))
    }
    await apply(tx)
    return 'applied'
  })
}
