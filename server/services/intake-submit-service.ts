import { createHash } from 'node:crypto'
import { stationAcceptanceTime } from '../../shared/acceptance-time'
import type { IntakeDecision } from '../../shared/decision'
import { proxyAgentIssue } from '../../shared/intake'
import { missingRequiredMaterials } from '../../shared/intake-materials'
import type { MutationOf } from '../../shared/protocol'
import { countyDueDate } from './county-calendar'
import { AppError } from '../app-error'
import type { Database } from '../db/database'
import { findCatalogItem } from '../repositories/catalog-repository'
import { appendChange } from '../repositories/change-repository'
import { findDevice } from '../repositories/device-repository'
import { findIntake, insertIntakeIfAbsent } from '../repositories/intake-repository'
import type { DeviceIdentity } from './device-auth-service'
import { toIntakeDecision } from './intake-decision-record'
import { inMutationTransaction } from './mutation-transaction'

/** The county keeps only this of the 进度查询码 (hex SHA-256), so a leaked database reveals no key. */
export function lookupKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

/**
 * `intake.submit`: records the mutation, stores the intake and publishes its first
 * decision record to the station, all in one transaction (see inMutationTransaction).
 *
 * 收件即受理 and 即办件 are accepted at the station's receipt (shared/acceptance-time.ts),
 * but only when no required material is 缺少: an incomplete application is received
 * (收件), never accepted, whatever the item (行政许可法 §32).
 */
export async function submitIntake(
  db: Database,
  device: DeviceIdentity,
  mutation: MutationOf<'intake.submit'>,
  payloadHash: string,
  now: Date = new Date(),
): Promise<'applied' | 'duplicate'> {
  // The 进度查询码 is kept only as its hash: the stored payload (intake, mutation log, the
  // `intake` change other devices pull) goes without it. `payloadHash` was taken over the
  // payload as sent, so duplicates and 日终对账 still match the station's own hash.
  const { lookupKey, ...payload } = mutation.payload
  const stored = { ...mutation, payload }
  return inMutationTransaction(db, device, stored, payloadHash, now, async (tx) => {
    // The county owns the catalog: whether an item is accepted on receipt, and its limit, come from here.
    const item = await findCatalogItem(tx, payload.item.id)
    if (!item) {
      throw new AppError('rejected', `事项“${payload.item.name}”（${payload.item.id}）不在本县事项目录中，请同步事项目录后重新办理`)
    }
    const agentIssue = proxyAgentIssue(payload)
    if (agentIssue) throw new AppError('rejected', agentIssue)

    const necessity = new Map(item.materials.map((material) => [material.id, material.necessity]))
    const missing = missingRequiredMaterials(payload.materials, (materialId) => necessity.get(materialId))
    const acceptsAtStation = (item.acceptOnReceipt || item.handling === '1') && missing.length === 0
    const hasReceipt = payload.receivedAt !== undefined || payload.clockOffsetMs !== undefined
    const enrolledAt = (await findDevice(tx, device.deviceId))?.createdAt
    const stationReceivedAt = hasReceipt ? stationAcceptanceTime(payload, { countyReceivedAt: now, enrolledAt }) : null
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

    const intake = await insertIntakeIfAbsent(tx, {
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
      dueDate: acceptedAt ? await countyDueDate(tx, acceptedAt, item.promisedLimitDays, item.limitUnit) : null,
      lookupKeyHash: lookupKey ? lookupKeyHash(lookupKey) : null,
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
