import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { addWorkingDays } from '../../../shared/working-days'
import { StationDb } from '../../../src-renderer/db/station-db'
import { countIntakeQueues, listIntakeQueuePage, queueClock } from '../../../src-renderer/features/intake/intake-queues'
import { bundledCalendars, mergeCalendars } from '../../../src-renderer/db/calendar-files'
import { decision, intakeRecord } from './intake-record-fixture'
import { createShippedDatabase } from './support/shipped-database'

describe('StationDb version 8', () => {
  it('opens a version-4 database: stored intakes get their queue fields, with the pulled calendar', async () => {
    // The county's 2026 calendar says 2026-10-09 is a holiday too (not in the bundled copy).
    const bundled2026 = bundledCalendars().find((file) => file.year === 2026)!
    // Accepted on receipt 2026-09-30, a 容缺 material due 10-09; and one the county completed.
    const open = intakeRecord()
    const completedBase = intakeRecord({ id: '7d444840-9dc0-41ff-9d4c-0b2c7f3c5b12', intakeNo: 'MHMZ01-20260930-ASC0002', syncState: 'synced' })
    const county = decision(completedBase, [{ status: 'completed', at: '2026-10-08T02:00:00.000Z', by: '县政务服务中心' }], { dueDate: '2026-10-09' })
    const { openDueDate: _a, residentDueDate: _b, ...openAsStored } = open
    const { openDueDate: _c, residentDueDate: _d, ...completedAsStored } = { ...completedBase, decision: county, status: county.status }
    const name = await createShippedDatabase(4, async (old) => {
      await old.table('calendar').put({ ...bundled2026, holidays: [...bundled2026.holidays, '2026-10-09'] })
      await old.table('intakes').bulkAdd([openAsStored, completedAsStored])
    })

    const db = new StationDb(name)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(8)
    const migrated = (await db.intakes.get(open.id))!
    // 5 working days from 09-30 by the county's calendar, one day later than by the bundled one.
    const pulled = mergeCalendars(bundledCalendars(), [{ ...bundled2026, holidays: [...bundled2026.holidays, '2026-10-09'] }])
    expect(migrated.openDueDate).toBe(addWorkingDays('2026-09-30', 5, pulled))
    expect(migrated.openDueDate).not.toBe(addWorkingDays('2026-09-30', 5, mergeCalendars(bundledCalendars(), [])))
    expect(migrated.residentDueDate).toBe('2026-10-09')
    const completed = (await db.intakes.get(completedBase.id))!
    expect(completed.openDueDate).toBeUndefined()
    expect(completed.applicant).toEqual(completedBase.applicant)

    const clock = queueClock(new Date('2026-10-12T02:00:00.000Z'), mergeCalendars(bundledCalendars(), []))
    expect(await countIntakeQueues(db, clock)).toMatchObject({ waiting: 1, dueSoon: 1, overdue: 0, toDeliver: 1, unsent: 1, all: 2 })
    expect((await listIntakeQueuePage(db, 'toDeliver', clock, { offset: 0, limit: 10 })).map((record) => record.id)).toEqual([completedBase.id])
    db.close()
  })
})
