import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { IntakeStatus } from '../../../shared/intake-status'
import type { StationAttachment } from '../../../shared/station-attachment'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { purgeClosedIntakes } from '../../../src-renderer/features/maintenance/purge-closed-intakes'
import { formatBytes, readStorageStatus } from '../../../src-renderer/features/maintenance/storage-status'
import { decisionNotices } from '../../../src-renderer/features/notifications/decision-notices'
import { describeClockOffset, syncLogRows } from '../../../src-renderer/features/sync-log/sync-log-rows'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { clerk, draft, freshDb, MONDAY, seedStation } from './fixtures'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

const DAY_MS = 24 * 60 * 60 * 1000
/** A year and a bit after MONDAY: past the 180-day period for a case ended on MONDAY. */
const LATER = new Date(MONDAY.getTime() + 400 * DAY_MS)

/** An intake the county decided on MONDAY, with the given end state and sync state. */
async function closedIntake(status: IntakeStatus, syncState: IntakeRecord['syncState'] = 'synced', endedAt = MONDAY): Promise<IntakeRecord> {
  const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
  await db.outbox.where('entityId').equals(intake.id).delete()
  const decision = {
    intakeId: intake.id,
    intakeNo: intake.intakeNo,
    status,
    receivedAt: MONDAY.toISOString(),
    history: [{ status, at: endedAt.toISOString(), by: '县政务服务管理局' }],
  }
  await db.intakes.update(intake.id, { decision, status, syncState })
  return (await db.intakes.get(intake.id))!
}

function attachment(intakeId: string, state: StationAttachment['state'], n: number): StationAttachment {
  const sha256 = String(n).repeat(64).slice(0, 64)
  return {
    id: `${intakeId}:m1:${sha256}`,
    sha256,
    intakeId,
    materialId: 'm1',
    filename: `扫描件${n}.jpg`,
    mime: 'image/jpeg',
    size: 3,
    blob: new Blob(['abc']),
    state,
    bytesConfirmed: state === 'uploaded' ? 3 : 0,
    createdAt: MONDAY.toISOString(),
  }
}

describe('purging closed intakes', () => {
  it('removes synced, closed intakes past the period with their files, and nothing else', async () => {
    db = freshDb()
    await seedStation(db)
    const delivered = await closedIntake('delivered')
    const refused = await closedIntake('refused')
    const recent = await closedIntake('delivered', 'synced', new Date(LATER.getTime() - 10 * DAY_MS))
    const waitingForDelivery = await closedIntake('completed')
    const unsent = await closedIntake('withdrawn', 'pending')
    const fileNotUploaded = await closedIntake('delivered')
    const ratingQueued = await closedIntake('delivered')
    await db.attachments.bulkAdd([
      attachment(delivered.id, 'uploaded', 1),
      attachment(delivered.id, 'uploaded', 2),
      attachment(fileNotUploaded.id, 'uploading', 3),
    ])
    await db.outbox.add({
      id: '00000000-0000-4000-8000-00000000000a',
      type: 'audit.append',
      entityId: ratingQueued.id,
      payload: {} as never,
      createdAt: MONDAY.toISOString(),
      attempts: 0,
    })

    const sentLog = (id: string, day: string) => ({
      id,
      type: 'intake.submit' as const,
      entityId: delivered.id,
      payloadHash: 'a'.repeat(64),
      createdAt: MONDAY.toISOString(),
      confirmedAt: MONDAY.toISOString(),
      day,
    })
    await db.sentMutations.bulkAdd([
      sentLog('00000000-0000-4000-8000-0000000000b1', '2025-03-03'),
      sentLog('00000000-0000-4000-8000-0000000000b2', '2026-03-30'),
    ])

    const summary = await purgeClosedIntakes(db, { now: () => LATER })

    expect(summary).toEqual({ intakesRemoved: 2, filesRemoved: 2, keptUnsynced: 3, sentLogRemoved: 1 })
    expect((await db.sentMutations.toArray()).map((row) => row.day)).toEqual(['2026-03-30'])
    const left = new Set((await db.intakes.toArray()).map((intake) => intake.id))
    expect(left.has(delivered.id) || left.has(refused.id)).toBe(false)
    for (const kept of [recent, waitingForDelivery, unsent, fileNotUploaded, ratingQueued]) expect(left.has(kept.id)).toBe(true)
    expect((await db.attachments.toArray()).map((row) => row.intakeId)).toEqual([fileNotUploaded.id])
  })

  it('honours the period it is given', async () => {
    db = freshDb()
    await seedStation(db)
    await closedIntake('delivered')
    expect((await purgeClosedIntakes(db, { afterDays: 500, now: () => LATER })).intakesRemoved).toBe(0)
    expect((await purgeClosedIntakes(db, { afterDays: 30, now: () => LATER })).intakesRemoved).toBe(1)
  })
})

describe('storage status', () => {
  it('reads what the browser tells, and says unknown where it cannot', async () => {
    const storage = {
      persisted: async () => true,
      estimate: async () => ({ usage: 5 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 }),
    } as unknown as StorageManager
    expect(await readStorageStatus(storage)).toEqual({ persisted: true, usageBytes: 5 * 1024 * 1024, quotaBytes: 2 * 1024 * 1024 * 1024 })
    expect(await readStorageStatus(undefined)).toEqual({ persisted: null, usageBytes: null, quotaBytes: null })
    expect([formatBytes(null), formatBytes(2048), formatBytes(5 * 1024 * 1024), formatBytes(2 * 1024 ** 3)]).toEqual(['未知', '2 KB', '5.0 MB', '2.0 GB'])
  })
})

describe('decision notifications', () => {
  const change = (intakeId: string, status: IntakeStatus) => ({ intakeId, intakeNo: `NO-${intakeId}`, itemName: '城乡居民基本养老保险参保登记', status })

  it('tells the clerk of 补正, 不予受理 and 办结 waiting for delivery, once per intake with its last state', () => {
    const notices = decisionNotices([
      change('a', 'accepted'),
      change('a', 'correctionRequested'),
      change('b', 'refused'),
      change('c', 'completed'),
      change('d', 'accepted'),
      change('e', 'completed'),
      change('e', 'delivered'),
    ])
    expect(notices.map((notice) => [notice.title, notice.kind])).toEqual([
      ['县级要求补正：NO-a', 'warning'],
      ['县级不予受理：NO-b', 'error'],
      ['已办结，待送达：NO-c', 'success'],
    ])
    expect(notices[0]?.description).toBe('城乡居民基本养老保险参保登记。请通知申请人按一次性告知补齐材料')
  })
})

describe('sync log rows', () => {
  it('say how the device clock stands, in words', () => {
    expect([describeClockOffset(undefined), describeClockOffset(400), describeClockOffset(-12_000), describeClockOffset(11 * 60_000)]).toEqual([
      '—',
      '一致',
      '本机快 12 秒',
      '本机慢 11 分钟',
    ])
    const [row] = syncLogRows(
      [
        {
          seq: 7,
          startedAt: MONDAY.toISOString(),
          endedAt: MONDAY.toISOString(),
          outcome: 'unreachable',
          confirmed: 0,
          rejected: 0,
          pulled: 0,
          error: '无法连接',
        },
      ],
      () => '2025-03-03 10:00:00',
    )
    expect(row).toMatchObject({ key: 7, outcomeLabel: '无法连接', clockOffset: '—', error: '无法连接', startedAt: '2025-03-03 10:00:00' })
  })
})

describe('a full disk while saving an intake', () => {
  it('gives the clerk a clear message and leaves no half-written record', async () => {
    db = freshDb()
    await seedStation(db)
    // The disk fills up at the last write of the transaction (the outbox entry comes after the intake).
    db.outbox.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    await expect(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })).rejects.toMatchObject({
      code: 'storage_full',
      message: '本机存储空间不足，数据未保存。请清理磁盘空间后重试，或联系技术支持',
    })
    expect([await db.intakes.count(), await db.outbox.count(), await db.audit.count()]).toEqual([0, 0, 0])
  })
})
