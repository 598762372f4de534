import type { MutationOf } from '../../../shared/protocol'
import { AppError } from '../../app-error'
import type { Executor } from '../../db/database'
import { insertAuditEntries } from '../../repositories/audit-entry-repository'
import type { DeviceIdentity } from './device-auth-service'
import { inMutationTransaction } from '../sync/mutation-transaction'

/** `audit.append`: the station's audit lines, kept as sent, under the device that sent them. */
export async function appendAuditLog(
  db: Executor,
  device: DeviceIdentity,
  mutation: MutationOf<'audit.append'>,
  payloadHash: string,
  now = new Date(),
): Promise<'applied' | 'duplicate'> {
  const { payload } = mutation
  return inMutationTransaction(db, device, mutation, payloadHash, now, async (tx) => {
    const rows = payload.entries.map((entry, position) => ({
      stationCode: device.stationCode,
      deviceId: device.deviceId,
      batchId: payload.id,
      position,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      entityId: entry.entityId ?? null,
      detail: entry.detail ?? null,
      receivedAt: now,
    }))
    const stored = await insertAuditEntries(tx, rows)
    if (stored !== rows.length) throw new AppError('conflict', '这批日志已由另一条变更上报，本条未被采用')
  })
}
