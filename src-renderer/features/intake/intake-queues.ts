import { Dexie } from 'dexie'
import type { IntakeRecord } from '../../../shared/station-records'
import { addWorkingDays, chinaDate, type WorkingDayCalendar } from '../../../shared/working-days'
import type { StationDb } from '../../db/station-db'
import { loadCalendar } from '../../db/load-calendar'
import { owedMaterials } from '../../db/owed-materials'

/** The list's queues (DOMAIN.md: what a clerk works through in a day), in the order they are shown. */
export const INTAKE_QUEUES = ['today', 'unsent', 'waiting', 'deferredDue', 'dueSoon', 'overdue', 'toDeliver', 'all'] as const
export type IntakeQueue = (typeof INTAKE_QUEUES)[number]

export const INTAKE_QUEUE_LABELS: Record<IntakeQueue, string> = {
  today: '今日办件',
  unsent: '未发送',
  waiting: '等待群众',
  deferredDue: '容缺待补交',
  dueSoon: '3个工作日内到期',
  overdue: '已超期',
  toDeliver: '办结待送达',
  all: '全部',
}

/** How many working days ahead "due soon" looks, today included. */
const DUE_SOON_WORKING_DAYS = 3

/** What "today" means for the queues: a China date, and the device-clock instants bounding it. */
export type QueueClock = { today: string; dueSoonUntil: string; dayStart: string; dayEnd: string }

export function queueClock(now: Date, calendar: WorkingDayCalendar): QueueClock {
  const today = chinaDate(now)
  const dayStart = new Date(`${today}T00:00:00+08:00`)
  const dayEnd = new Date(dayStart.getTime() + 24 * 60 * 60 * 1000)
  return { today, dueSoonUntil: addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar), dayStart: dayStart.toISOString(), dayEnd: dayEnd.toISOString() }
}

/** The clock for now, with the station's working-day calendar. */
export async function currentQueueClock(db: StationDb, now: Date = new Date()): Promise<QueueClock> {
  return queueClock(now, await loadCalendar(db))
}

type Source = () => ReturnType<StationDb['intakes']['toCollection']>

/**
 * Each queue as index ranges, read one after the other. Every range is a plain index range
 * (no filter function), so Dexie counts it with IDBIndex.count and pages it with cursor
 * advance: nothing loads the station's 100,000 intakes to count or show fifty.
 * Stored dates are ISO strings, and createdAt is always written by toISOString (UTC), so
 * string order is time order.
 */
function queueSources(db: StationDb, queue: IntakeQueue, clock: QueueClock): Source[] {
  const newestWith =
    (index: '[syncState+createdAt]' | '[status+createdAt]', value: string): Source =>
    () =>
      db.intakes.where(index).between([value, Dexie.minKey], [value, Dexie.maxKey]).reverse()
  switch (queue) {
    case 'today':
      return [() => db.intakes.where('createdAt').between(clock.dayStart, clock.dayEnd, true, false).reverse()]
    case 'unsent':
      // Those the county refused first: they need the clerk; the pending ones go on their own.
      return [newestWith('[syncState+createdAt]', 'rejected'), newestWith('[syncState+createdAt]', 'pending')]
    case 'waiting':
      return [() => db.intakes.orderBy('residentDueDate')]
    case 'deferredDue':
      // 容缺 materials due within 3 working days or overdue, most urgent first. residentDueDate is the
      // earliest date owed (a 补正 request's day included), so this range holds every such intake and
      // few others: the filter only drops those owing a 补正 but no 容缺 material that soon.
      return [
        () =>
          db.intakes
            .where('residentDueDate')
            .belowOrEqual(clock.dueSoonUntil)
            .filter((intake) => owesDeferredBy(intake, clock.dueSoonUntil)),
      ]
    case 'dueSoon':
      return [() => db.intakes.where('openDueDate').between(clock.today, clock.dueSoonUntil, true, true)]
    case 'overdue':
      return [() => db.intakes.where('openDueDate').below(clock.today)]
    case 'toDeliver':
      return [newestWith('[status+createdAt]', 'completed')]
    case 'all':
      return [() => db.intakes.orderBy('createdAt').reverse()]
  }
}

/** Whether a 容缺 material not yet brought is due on or before `date` (overdue ones included). */
function owesDeferredBy(intake: IntakeRecord, date: string): boolean {
  return owedMaterials(intake).some((material) => material.kind === 'deferred' && material.dueDate !== undefined && material.dueDate <= date)
}

export async function countIntakeQueue(db: StationDb, queue: IntakeQueue, clock: QueueClock): Promise<number> {
  let total = 0
  for (const source of queueSources(db, queue, clock)) total += await source().count()
  return total
}

/** Every queue's count, for the tabs. */
export async function countIntakeQueues(db: StationDb, clock: QueueClock): Promise<Record<IntakeQueue, number>> {
  const counts = await Promise.all(INTAKE_QUEUES.map((queue) => countIntakeQueue(db, queue, clock)))
  return Object.fromEntries(INTAKE_QUEUES.map((queue, index) => [queue, counts[index]!])) as Record<IntakeQueue, number>
}

/** One page of a queue, in the queue's order (newest first, or most urgent first for dates). */
export async function listIntakeQueuePage(
  db: StationDb,
  queue: IntakeQueue,
  clock: QueueClock,
  page: { offset: number; limit: number },
): Promise<IntakeRecord[]> {
  const rows: IntakeRecord[] = []
  let skip = page.offset
  for (const source of queueSources(db, queue, clock)) {
    if (rows.length >= page.limit) break
    if (skip > 0) {
      const size = await source().count()
      if (skip >= size) {
        skip -= size
        continue
      }
    }
    rows.push(
      ...(await source()
        .offset(skip)
        .limit(page.limit - rows.length)
        .toArray()),
    )
    skip = 0
  }
  return rows
}
