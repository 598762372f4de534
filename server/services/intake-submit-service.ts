import type { IntakeDecision } from '../../shared/decision'
import type { MutationOf } from '../../shared/protocol'
import { countyDueDate } from './county-calendar'
import { AppError } from '../app-error'
import type { Database } from '../db/database'
import { findCatalogItem } from '../repositories/catalog-repository'
import { appendChange } from '../repositories/change-repository'
import { findIntake, insertIntakeIfAbsent } from '../repositories/intake-repository'
import type { DeviceIdentity } from './device-auth-service'
import { toIntakeDecision } from './intake-decision-record'
import { inMutationTransaction } from './mutation-transaction'

/**
 * `intake.submit`: records the mutation, stores the intake and publishes its first
 * decision record to the station, all in one transaction (see inMutationTransaction).
 */
export async function submitIntake(
  db: Database,
  device: DeviceIdentity,
  mutation: MutationOf<'intake.submit'>,
  payloadHash: string,
  now: Date = new Date(),
): Promise<'applied' | 'duplicate'> {
  const { payload } = mutation
  return inMutationTransaction(db, device, mutation, payloadHash, now, async (tx) => {
    // The county owns the catalog: whether an item is accepted on receipt, and its limit, come from here.
    const item = await findCatalogItem(tx, payload.item.id)
    if (!item) {
      throw new AppError('rejected', `事项“${payload.item.name}”（${payload.item.id}）不在本县事项目录中，请同步事项目录后重新办理`)
    }
    const at = now.toISOString()
    const history: IntakeDecision['history'] = [{ status: 'submitted', at, by: payload.staffName }]
    if (item.acceptOnReceipt) history.push({ status: 'accepted', at, by: payload.staffName, note: '收件即受理' })

    const intake = await insertIntakeIfAbsent(tx, {
      id: payload.id,
      stationCode: device.stationCode,
      intakeNo: payload.intakeNo,
      mutationId: mutation.id,
      itemId: payload.item.id,
      itemVersion: payload.item.version,
      promisedLimitDays: item.promisedLimitDays,
      payload,
      status: item.acceptOnReceipt ? 'accepted' : 'submitted',
      receivedAt: now,
      acceptedAt: item.acceptOnReceipt ? now : null,
      dueDate: item.acceptOnReceipt ? await countyDueDate(tx, now, item.promisedLimitDays) : null,
      history,
      updatedAt: now,
    })
    if (!intake) {
      const sameId = await findIntake(tx, payload.id)
      throw new AppError(
        'conflict',
        sameId ? '该办件已由另一条变更提交，本条未被采用；请在本站核对该办件' : `办件编号 ${payload.intakeNo} 已被本站另一件办件使用，请核对编号`,
      )
    }
    // The intake itself first, then its decision: another device of the station pulls
    // the record before the decision that updates it.
    await appendChange(tx, { stationCode: device.stationCode, entity: 'intake', entityId: intake.id, op: 'put', data: payload })
    await appendChange(tx, {
      stationCode: device.stationCode,
      entity: 'intakeDecision',
      entityId: intake.id,
      op: 'put',
      data: toIntakeDecision(intake),
    })
  })
}
