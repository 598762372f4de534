import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { payloadHash } from '../../../shared/canonical-json'
import type { ReconcileRequest, ReconcileResponse } from '../../../shared/protocol'
import type { SentMutation } from '../../../shared/sync-records'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { buildEndOfDayReport } from '../../../src-renderer/features/end-of-day/end-of-day-report'
import { recentStationDays } from '../../../src-renderer/features/end-of-day/end-of-day-view'
import { resendLacking } from '../../../src-renderer/features/end-of-day/resend-lacking'
import { filesPendingOf } from '../../../src-renderer/features/end-of-day/run-end-of-day'
import { putReport } from '../../../src-renderer/db/report-store'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import type { ReconcileCall } from '../../../src-renderer/sync/county-client'
import { pushOutbox } from '../../../src-renderer/sync/push-outbox'
import { FakeCountyClient } from './fake-county-client'
import { clerk, draft, lead, freshDb, MONDAY, seedStation, TUESDAY } from './fixtures'

let db: StationDb

afterEach(async () => {
  vi.unstubAllGlobals()
  await db?.delete()
})

/** A county holding exactly the given (id → hash) pairs for the day. */
function countyHolding(held: Map<string, string>): ReconcileCall & { requests: ReconcileRequest[] } {
  const requests: ReconcileRequest[] = []
  const call = async (request: ReconcileRequest): Promise<ReconcileResponse> => {
    requests.push(request)
    const listed = new Set(request.mutations.map((entry) => entry.id))
    return {
      day: request.day,
      lacking: request.mutations.filter((entry) => !held.has(entry.id)).map((entry) => entry.id),
      differing: request.mutations
        .filter((entry) => held.has(entry.id) && held.get(entry.id) !== entry.payloadHash)
        .map((entry) => ({ id: entry.id, stationHash: entry.payloadHash, countyHash: held.get(entry.id)! })),
      held: { count: held.size, digest: 'county-digest', unlisted: [...held.keys()].filter((id) => !listed.has(id)) },
      files: { held: [] },
    }
  }
  return Object.assign(call, { requests })
}

async function stationWithTwoConfirmedIntakes() {
  db = freshDb()
  await seedStation(db)
  const first = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
  const second = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
  const client = new FakeCountyClient()
  await pushOutbox(db, client, { now: () => TUESDAY })
  const sent = await db.sentMutations.toArray()
  return { first, second, client, sent }
}

describe('the sent log', () => {
  it('keeps each confirmed mutation with its payload hash and day, written as it leaves the outbox', async () => {
    const { first, client, sent } = await stationWithTwoConfirmedIntakes()
    expect(await db.outbox.count()).toBe(0)
    expect(sent).toHaveLength(2)
    const pushed = client.pushedBatches.flat().find((mutation) => mutation.entityId === first.id)!
    expect(sent.find((row) => row.id === pushed.id)).toEqual({
      id: pushed.id,
      type: 'intake.submit',
      entityId: first.id,
      payloadHash: await payloadHash(pushed.payload),
      createdAt: MONDAY.toISOString(),
      confirmedAt: TUESDAY.toISOString(),
      day: '2025-03-03',
    })
  })

  it('takes a confirmed mutation out of the outbox on a page without crypto.subtle (plain http on the extranet)', async () => {
    db = freshDb()
    await seedStation(db)
    const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) })
    expect(globalThis.crypto.subtle).toBeUndefined()
    expect(await pushOutbox(db, new FakeCountyClient(), { now: () => TUESDAY })).toMatchObject({ confirmed: 1 })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.intakes.get(intake.id)).toMatchObject({ syncState: 'synced' })
    expect(await db.sentMutations.count()).toBe(1)
  })

  it('keeps nothing for a rejected mutation (it stays in the outbox)', async () => {
    db = freshDb()
    await seedStation(db)
    await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const client = new FakeCountyClient()
    client.answerPush = (mutations) =>
      mutations.map((mutation) => ({ id: mutation.id, status: 'rejected' as const, error: { code: 'rejected' as const, message: '不收' } }))
    await pushOutbox(db, client)
    expect(await db.sentMutations.count()).toBe(0)
    expect(await db.outbox.count()).toBe(1)
  })
})

describe('the end-of-day report', () => {
  it('is all clear when the county holds the day as sent', async () => {
    const { sent } = await stationWithTwoConfirmedIntakes()
    const county = countyHolding(new Map(sent.map((row) => [row.id, row.payloadHash])))
    const report = await buildEndOfDayReport(db, { day: '2025-03-03', reconcile: county, filesPending: 0, now: () => TUESDAY })
    expect(report).toMatchObject({ day: '2025-03-03', lacking: [], differing: [], unsent: [], countyError: null, allClear: true })
    expect(report.confirmed.map((line) => line.intakeNo)).toEqual((await db.intakes.orderBy('intakeNo').toArray()).map((intake) => intake.intakeNo))
    expect(county.requests[0]).toMatchObject({ day: '2025-03-03', utcOffsetMinutes: 480 })
    expect(county.requests[0]?.mutations).toHaveLength(2)
  })

  it('names what the county lacks or holds differently, what is unsent, and files still waiting', async () => {
    const { first, second, sent } = await stationWithTwoConfirmedIntakes()
    const third = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const lost = sent.find((row) => row.entityId === first.id)!
    const changed = sent.find((row) => row.entityId === second.id)!
    const county = countyHolding(
      new Map([
        [changed.id, 'f'.repeat(64)],
        ['00000000-0000-4000-8000-000000000001', 'a'.repeat(64)],
      ]),
    )
    const report = await buildEndOfDayReport(db, { day: '2025-03-03', reconcile: county, filesPending: 2 })
    expect(report.allClear).toBe(false)
    expect(report.lacking.map((line) => [line.id, line.intakeNo])).toEqual([[lost.id, first.intakeNo]])
    expect(report.differing.map((line) => line.id)).toEqual([changed.id])
    expect(report.unsent.map((line) => line.intakeNo)).toEqual([third.intakeNo])
    expect(report.confirmed).toEqual([])
    expect(report.county).toEqual({ heldCount: 2, otherDevicesCount: 1, digestMatches: false })
    expect(report.filesPending).toBe(2)
  })

  it('still shows the station side when the county cannot be asked', async () => {
    await stationWithTwoConfirmedIntakes()
    const report = await buildEndOfDayReport(db, { day: '2025-03-03', reconcile: () => Promise.reject(new Error('无法连接县级服务器')) })
    expect(report).toMatchObject({ county: null, countyError: '无法连接县级服务器', allClear: false, lacking: [] })
    expect(report.confirmed).toHaveLength(2)
  })

  it('lists only the asked day', async () => {
    await stationWithTwoConfirmedIntakes()
    const county = countyHolding(new Map())
    const report = await buildEndOfDayReport(db, { day: '2025-03-04', reconcile: county })
    expect(report).toMatchObject({ confirmed: [], lacking: [], unsent: [], allClear: true })
    expect(county.requests[0]?.mutations).toEqual([])
  })
})

describe('sending again what the county lacks', () => {
  it('re-queues the same id and payload from the station record and marks the intake unsent', async () => {
    const { first, client, sent } = await stationWithTwoConfirmedIntakes()
    const lost = sent.find((row) => row.entityId === first.id)!
    const original = client.pushedBatches.flat().find((mutation) => mutation.id === lost.id)!

    expect(await resendLacking(db, [lost.id], lead)).toEqual({ requeued: [lost.id], notResendable: [] })
    const [queued] = await db.outbox.toArray()
    expect(queued).toMatchObject({ id: lost.id, type: 'intake.submit', entityId: first.id, createdAt: original.createdAt, attempts: 0 })
    expect(await payloadHash(queued!.payload)).toBe(lost.payloadHash)
    expect(await db.sentMutations.get(lost.id)).toBeUndefined()
    expect(await db.intakes.get(first.id)).toMatchObject({ syncState: 'pending' })

    // The next push sends exactly what was first sent, and the log has it again.
    await pushOutbox(db, client)
    expect(client.pushedBatches.at(-1)).toEqual([original])
    expect(await db.sentMutations.get(lost.id)).toMatchObject({ payloadHash: lost.payloadHash })
    expect(await db.intakes.get(first.id)).toMatchObject({ syncState: 'synced' })
  })

  it('refuses what it cannot rebuild as it was: unknown id, a changed record, one already queued', async () => {
    const { first, second, sent } = await stationWithTwoConfirmedIntakes()
    const ofFirst = sent.find((row) => row.entityId === first.id)!
    const ofSecond = sent.find((row) => row.entityId === second.id)!
    await db.intakes.update(first.id, { note: '发送后改过' })
    expect(await resendLacking(db, [ofSecond.id], lead)).toMatchObject({ requeued: [ofSecond.id] })

    const outcome = await resendLacking(db, ['00000000-0000-4000-8000-000000000009', ofFirst.id, ofSecond.id], lead)
    expect(outcome.requeued).toEqual([])
    expect(outcome.notResendable.map((entry) => entry.id)).toEqual(['00000000-0000-4000-8000-000000000009', ofFirst.id, ofSecond.id])
    expect(await db.outbox.count()).toBe(1)
  })
})

describe('sending again a rating, a report and an on-the-spot completion', () => {
  /** Logs a confirmed mutation of `type` for `entityId` whose payload is `payload`, as the push would have. */
  const logged = async (id: string, type: SentMutation['type'], entityId: string, payload: unknown): Promise<SentMutation> => {
    const row: SentMutation = {
      id,
      type,
      entityId,
      payloadHash: await payloadHash(payload),
      createdAt: MONDAY.toISOString(),
      confirmedAt: TUESDAY.toISOString(),
      day: '2025-03-03',
    }
    await db.sentMutations.put(row)
    return row
  }

  it('rebuilds each payload from the record that holds it', async () => {
    const { first } = await stationWithTwoConfirmedIntakes()
    const evaluation = {
      id: '00000000-0000-4000-8000-0000000000e1',
      intakeId: first.id,
      rating: 5,
      source: 'residentOnScreen' as const,
      createdAt: MONDAY.toISOString(),
    }
    const completion = { intakeId: first.id, result: 'approved' as const, leadName: '岩罕', createdAt: MONDAY.toISOString() }
    await db.intakes.update(first.id, { evaluation, onSiteCompletion: completion })
    const report = {
      id: '00000000-0000-4000-8000-0000000000f1',
      stationCode: first.stationCode,
      residentName: '玉香',
      residentPhone: '0691-5123456',
      description: '想办的事本站办不了',
      staffName: '岩温',
      createdAt: MONDAY.toISOString(),
    }
    await putReport(db, report)
    const rows = [
      await logged('00000000-0000-4000-8000-0000000000a1', 'evaluation.record', evaluation.id, evaluation),
      await logged('00000000-0000-4000-8000-0000000000a2', 'intake.completeOnSite', first.id, completion),
      await logged('00000000-0000-4000-8000-0000000000a3', 'report.record', report.id, report),
    ]

    const outcome = await resendLacking(
      db,
      rows.map((row) => row.id),
      lead,
    )
    expect(outcome).toEqual({ requeued: rows.map((row) => row.id), notResendable: [] })
    const queued = await db.outbox.toArray()
    expect(queued.map((entry) => [entry.type, entry.entityId])).toEqual(rows.map((row) => [row.type, row.entityId]))
    expect(queued.map((entry) => entry.payload)).toEqual([evaluation, completion, report])
  })
})

describe('the days offered for reconciliation', () => {
  it('are today and the six days before, in China time', () => {
    // 2025-03-03 17:00 UTC is already the 4th in China.
    const days = recentStationDays(new Date('2025-03-03T17:00:00.000Z'))
    expect(days).toHaveLength(7)
    expect(days.slice(0, 3)).toEqual([
      { value: '2025-03-04', label: '2025-03-04（今天）' },
      { value: '2025-03-03', label: '2025-03-03（昨天）' },
      { value: '2025-03-02', label: '2025-03-02' },
    ])
  })
})

describe('files pending from the engine status', () => {
  it('reads a count when the engine reports one, else null', () => {
    expect(filesPendingOf({ files: { waiting: 3, bytesSent: 0, bytesTotal: 0, current: null } })).toBe(3)
    expect(filesPendingOf({})).toBeNull()
  })
})
