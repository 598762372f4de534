import { AppError } from '../../app-error'
import type { Transaction } from '../../db/database'
import type { IntakeRow } from '../../db/schema'
import { appendChange } from '../../repositories/change-repository'
import { findIntake } from '../../repositories/intake-repository'
import type { DeviceIdentity } from '../stations/device-auth-service'
import { toIntakeDecision } from './intake-decision-record'

const INTAKE_NOT_RECEIVED = '县级服务器没有这件办件：它可能尚未上报，或上报时被退回；请先同步该办件，成功后再提交本条'

/**
 * The intake a station mutation names, locked until the transaction ends so a
 * county decision cannot slip in between the check and the write. The push batch
 * check already refused a known foreign intake with 403; this guards one that
 * arrived in between.
 */
export async function lockOwnIntake(tx: Transaction, device: DeviceIdentity, intakeId: string): Promise<IntakeRow> {
  const intake = await findIntake(tx, intakeId, { forUpdate: true })
  if (!intake) throw new AppError('not_found', INTAKE_NOT_RECEIVED)
  if (intake.stationCode !== device.stationCode) throw new AppError('forbidden', `该办件不属于站点 ${device.stationCode}，本设备不能处理`)
  return intake
}

/** Publishes the intake's county-owned record to its station, as every decision does. */
export async function publishIntakeDecision(tx: Transaction, intake: IntakeRow): Promise<void> {
  await appendChange(tx, { stationCode: intake.stationCode, entity: 'intakeDecision', entityId: intake.id, op: 'put', data: toIntakeDecision(intake) })
}
