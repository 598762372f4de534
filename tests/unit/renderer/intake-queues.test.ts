import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { IntakeDecision } from '../../../shared/decision'
import type { IntakeRecord } from '../../../shared/station-records'
import { addWorkingDays } from '../../../shared/working-days'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { bundledCalendars, mergeCalendars } from '../../../src-renderer/db/calendar-files'
import {
  countIntakeQueue,
  countIntakeQueues,
  INTAKE_QUEUES,
  listIntakeQueuePage,
  queueClock,
  type IntakeQueue,
  type QueueClock,
} from '../../../src-renderer/features/intake/intake-queues'
import { applyPullPage } from '../../../src-renderer/sync/apply-pull-page'
import { page } from './fake-county-client'
import { freshDb } from './fixtures'
import { BEFORE_NATIONAL_DAY, decision, intakeRecord } from './intake-record-fixture'

const calendar = mergeCalendars(bundledCalendars(), [])
// 2026-10-12, a Monday after the National Day holiday, 10:00 in China.
const NOW = new Date('2026-10-12T02:00:00.000Z')
const clock: QueueClock = queueClock(NOW, calendar)
let db: StationDb | undefined

afterEach(async () => {
  await db?.delete()
  db = undefined
})

let serial = 0
/** An intake of the fixture item with its own id and number; 承诺件 unless said otherwise. */
function intake(overrides: Partial<IntakeRecord> = {}): IntakeRecord {
  serial++
  const base = intakeRecord()
  return intakeRecord({
    id: `7d444840-9dc0-41ff-9d4c-${String(serial).padStart(12, '0')}`,
    intakeNo: `MHMZ01-20261012-ASC${String(serial).padStart(4, '0')}`,
    item: { ...base.item, acceptOnReceipt: false },
    materials: [base.materials[0]!],
    ...overrides,
  })
}

const at = (iso: string) => ({ at: iso, by: '县政务服务中心' })
function decided(record: IntakeRecord, history: IntakeDecision['history'], extra: Partial<IntakeDecision> = {}): IntakeRecord {
  const county = decision(record, history, extra)
  return { ...record, decision: county, status: county.status, syncState: 'synced' }
}

async function ids(queue: IntakeQueue, offset = 0, limit = 50): Promise<string[]> {
  return (await listIntakeQueuePage(db!, queue, clock, { offset, limit })).map((record) => record.intakeNo)
}

describe('queue fields kept on every write', () => {
  it('an intake accepted on receipt gets its 办结期限 from the calendar, and a 容缺 material its resident due date', async () => {
    db = freshDb()
    const record = intakeRecord()
    await db.intakes.add(record)
    const stored = (await db.intakes.get(record.id))!
    // 5 working days from 2026-09-30, across the National Day holiday.
    expect(stored.openDueDate).toBe(addWorkingDays('2026-09-30', 5, calendar))
    expect(stored.residentDueDate).toBe('2026-10-09')
  })

  it('a pulled decision sets the county due date, 补正 the day it was asked, and an end clears both', async () => {
    db = freshDb()
    const record = intake({ createdAt: BEFORE_NATIONAL_DAY, syncState: 'synced' })
    await db.intakes.add(record)
    expect((await db.intakes.get(record.id))!.openDueDate).toBeUndefined()

    const accepted = decision(
      record,
      [
        { status: 'submitted', ...at('2026-09-30T03:00:00.000Z') },
        { status: 'accepted', ...at('2026-10-08T01:00:00.000Z') },
      ],
      {
        acceptedAt: '2026-10-08T01:00:00.000Z',
        dueDate: '2026-10-15',
      },
    )
    await applyPullPage(db, page([{ seq: 1, entity: 'intakeDecision', op: 'put', id: record.id, data: accepted }], 'c1'))
    expect(await db.intakes.get(record.id)).toMatchObject({ openDueDate: '2026-10-15' })
    expect((await db.intakes.get(record.id))!.residentDueDate).toBeUndefined()

    const correction = {
      ...accepted,
      status: 'correctionRequested' as const,
      history: [...accepted.history, { status: 'correctionRequested' as const, ...at('2026-10-09T08:00:00.000Z') }],
    }
    await applyPullPage(db, page([{ seq: 2, entity: 'intakeDecision', op: 'put', id: record.id, data: correction }], 'c2'))
    expect(await db.intakes.get(record.id)).toMatchObject({ openDueDate: '2026-10-15', residentDueDate: '2026-10-09' })

    const completed = {
      ...accepted,
      status: 'completed' as const,
      history: [...correction.history, { status: 'completed' as const, ...at('2026-10-10T08:00:00.000Z') }],
    }
    await applyPullPage(db, page([{ seq: 3, entity: 'intakeDecision', op: 'put', id: record.id, data: completed }], 'c3'))
    const ended = (await db.intakes.get(record.id))!
    expect(ended.status).toBe('completed')
    expect(ended.openDueDate).toBeUndefined()
    expect(ended.residentDueDate).toBeUndefined()
  })

  it('completion on the spot takes the intake out of the deadline queues before the county confirms', async () => {
    db = freshDb()
    const record = intakeRecord()
    await db.intakes.add(record)
    await db.intakes.update(record.id, {
      onSiteCompletion: { intakeId: record.id, result: 'approved', leadName: '岩罕', createdAt: '2026-09-30T03:00:00.000Z' },
    })
    const stored = (await db.intakes.get(record.id))!
    expect(stored.openDueDate).toBeUndefined()
    expect(stored.residentDueDate).toBeUndefined()
  })
})

describe('the intake list queues', () => {
  it('each queue holds what it says, with counts from the indexes', async () => {
    db = freshDb()
    const today = '2026-10-12T01:00:00.000Z'
    const records = {
      // Made today, not sent yet; a 容缺 material owed by 10-16.
      madeToday: intake({
        createdAt: today,
        syncState: 'pending',
        materials: intakeRecord().materials.map((m) => (m.dueDate ? { ...m, dueDate: '2026-10-16' } : m)),
      }),
      // Made today too, but on the previous China day by the UTC date: 2026-10-11 23:30 in China is yesterday.
      yesterdayLate: intake({ createdAt: '2026-10-11T15:30:00.000Z', syncState: 'synced' }),
      rejected: intake({ createdAt: '2026-10-10T02:00:00.000Z', syncState: 'rejected', lastError: { code: 'invalid', message: '事项已取消' } }),
      correction: decided(intake({ createdAt: '2026-10-09T02:00:00.000Z' }), [
        { status: 'submitted', ...at('2026-10-09T02:10:00.000Z') },
        { status: 'correctionRequested', ...at('2026-10-09T06:00:00.000Z') },
      ]),
      overdue: decided(intake({ createdAt: '2026-09-20T02:00:00.000Z' }), [{ status: 'accepted', ...at('2026-09-21T02:00:00.000Z') }], {
        dueDate: '2026-10-09',
      }),
      dueSoon: decided(intake({ createdAt: '2026-09-29T02:00:00.000Z' }), [{ status: 'accepted', ...at('2026-09-29T03:00:00.000Z') }], {
        dueDate: '2026-10-14',
      }),
      // Due exactly 3 working days from today (10-12 Mon → 10-15 Thu): still "due soon"; 10-16 is not.
      dueIn3: decided(intake({ createdAt: '2026-09-28T02:00:00.000Z' }), [{ status: 'accepted', ...at('2026-09-28T03:00:00.000Z') }], {
        dueDate: '2026-10-15',
      }),
      dueLater: decided(intake({ createdAt: '2026-09-27T02:00:00.000Z' }), [{ status: 'accepted', ...at('2026-09-28T03:00:00.000Z') }], {
        dueDate: '2026-10-16',
      }),
      // Completed past its due date: waiting for delivery, never "overdue".
      completed: decided(intake({ createdAt: '2026-09-15T02:00:00.000Z' }), [{ status: 'completed', ...at('2026-10-08T03:00:00.000Z') }], {
        dueDate: '2026-10-01',
      }),
      delivered: decided(intake({ createdAt: '2026-09-14T02:00:00.000Z' }), [{ status: 'delivered', ...at('2026-10-08T03:00:00.000Z') }], {
        dueDate: '2026-10-01',
      }),
    }
    await db.intakes.bulkAdd(Object.values(records))
    const no = (key: keyof typeof records) => records[key].intakeNo

    expect(clock.today).toBe('2026-10-12')
    expect(clock.dueSoonUntil).toBe('2026-10-15')
    expect(await ids('today')).toEqual([no('madeToday')])
    // Refused by the county first (it needs the clerk), then the unsent, newest first.
    expect(await ids('unsent')).toEqual([no('rejected'), no('madeToday')])
    // The resident owes: 补正 asked 10-09, then the 容缺 material due 10-16.
    expect(await ids('waiting')).toEqual([no('correction'), no('madeToday')])
    // Its 容缺 material is due 10-16, after the 3 working days: not yet in 容缺待补交.
    expect(await ids('deferredDue')).toEqual([])
    expect(await ids('dueSoon')).toEqual([no('dueSoon'), no('dueIn3')])
    expect(await ids('overdue')).toEqual([no('overdue')])
    expect(await ids('toDeliver')).toEqual([no('completed')])
    expect(await ids('all')).toEqual(
      Object.values(records)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((record) => record.intakeNo),
    )

    const counts = await countIntakeQueues(db, clock)
    expect(counts).toEqual({ today: 1, unsent: 2, waiting: 2, deferredDue: 0, dueSoon: 2, overdue: 1, toDeliver: 1, all: 10 })
    for (const queue of INTAKE_QUEUES) expect(counts[queue]).toBe((await ids(queue, 0, 1000)).length)
  })

  it('pages across the parts of a queue without loading it whole', async () => {
    db = freshDb()
    const rejected = Array.from({ length: 3 }, (_, index) => intake({ createdAt: `2026-10-0${index + 1}T02:00:00.000Z`, syncState: 'rejected' }))
    const pending = Array.from({ length: 4 }, (_, index) => intake({ createdAt: `2026-10-0${index + 1}T03:00:00.000Z`, syncState: 'pending' }))
    await db.intakes.bulkAdd([...pending, ...rejected, intake({ syncState: 'synced' })])
    const newestFirst = (records: IntakeRecord[]) => [...records].reverse().map((record) => record.intakeNo)
    const all = [...newestFirst(rejected), ...newestFirst(pending)]
    expect(await countIntakeQueue(db, 'unsent', clock)).toBe(7)
    expect(await ids('unsent', 0, 2)).toEqual(all.slice(0, 2))
    expect(await ids('unsent', 2, 2)).toEqual(all.slice(2, 4))
    expect(await ids('unsent', 4, 2)).toEqual(all.slice(4, 6))
    expect(await ids('unsent', 6, 2)).toEqual(all.slice(6))
    expect(await ids('unsent', 8, 2)).toEqual([])
  })
})
