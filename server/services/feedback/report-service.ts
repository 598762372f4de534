import type { MutationOf } from '../../../shared/protocol'
import { AppError } from '../../app-error'
import type { Executor } from '../../db/database'
import { insertReportIfAbsent } from '../../repositories/report-repository'
import type { DeviceIdentity } from '../stations/device-auth-service'
import { inMutationTransaction } from '../sync/mutation-transaction'

/** `report.record` (办不成事 反映): stored as 待处理 for the county to follow to a resolution. */
export async function recordReport(
  db: Executor,
  device: DeviceIdentity,
  mutation: MutationOf<'report.record'>,
  payloadHash: string,
  now = new Date(),
): Promise<'applied' | 'duplicate'> {
  const { payload } = mutation
  return inMutationTransaction(db, device, mutation, payloadHash, now, async (tx) => {
    const stored = await insertReportIfAbsent(tx, {
      id: payload.id,
      stationCode: device.stationCode,
      mutationId: mutation.id,
      residentName: payload.residentName,
      residentPhone: payload.residentPhone,
      itemId: payload.itemId ?? null,
      description: payload.description,
      staffName: payload.staffName,
      status: 'pending',
      createdAt: payload.createdAt,
      receivedAt: now,
      updatedAt: now,
    })
    if (!stored) throw new AppError('conflict', '该反映已由另一条变更上报，本条未被采用；请在本站核对该反映')
  })
}
