import type { DBCore, DBCoreMutateRequest, Dexie, EntityTable, Middleware } from 'dexie'
import type { WorkingDayCalendarFile } from '../../shared/calendar'
import type { IntakeRecord } from '../../shared/station-records'
import type { WorkingDayCalendar } from '../../shared/working-days'
import { SEALED_FIELD } from './at-rest-middleware'
import { bundledCalendars, mergeCalendars, parseCalendars } from './calendar-files'
import { intakeQueueFields, type IntakeQueueFields } from './intake-queue-fields'

type QueueTables = {
  intakes: EntityTable<IntakeRecord, 'id'>
  calendar: EntityTable<WorkingDayCalendarFile, 'year'>
}

export type IntakeQueueHooks = {
  /** Calendar rows as stored, for a write that bypasses the calendar hooks (a version upgrade). */
  setPulledCalendars: (files: readonly unknown[]) => void
  queueFieldsOf: (intake: IntakeRecord) => IntakeQueueFields
}

/**
 * Keeps each intake's queue fields (intake-queue-fields.ts) right on every write, whoever
 * writes it: submitting, a pulled decision or another device's intake, 当场办结, a rating.
 * The fields are set inside the writing transaction, so they and the record are stored
 * together; no write path (the sync engine's included) has to remember them.
 *
 * Intakes get them from a DBCore middleware, not from Dexie's creating/updating hooks: any hook
 * on a table makes Dexie read (and here open, i.e. decrypt) every stored row a put replaces, only
 * to hand it to the hook, and the sync engine puts intakes by the hundred. The fields follow from
 * the record being written alone, so nothing needs reading. Like the hook it replaces, it sets
 * them on the very object written. A row still sealed (read while the key was locked) shows no
 * decision or materials to reckon from, so its fields are left as they are.
 *
 * The working-day calendar is held in memory, since the fields are set synchronously: the
 * bundled years plus the county's copies, read when the database opens and kept current by a
 * hook on the calendar table. (The county's decision carries its own 办结期限; the calendar only
 * serves intakes the station accepts itself, 收件即受理 and 即办件, until that decision arrives.)
 */
export function installIntakeQueueHooks(db: Dexie & QueueTables): IntakeQueueHooks {
  const bundled = bundledCalendars()
  const pulled = new Map<number, WorkingDayCalendarFile>()
  let calendar: WorkingDayCalendar = mergeCalendars(bundled, [])
  const setPulledCalendars = (files: readonly unknown[]) => {
    for (const file of parseCalendars(files)) pulled.set(file.year, file)
    calendar = mergeCalendars(bundled, [...pulled.values()])
  }

  db.use(intakeQueueMiddleware(() => calendar))
  // Installed when the database is ready, not in the constructor: every version().stores() call
  // makes new Table objects and drops their hooks, and versions may be declared after this call.
  let installed = false
  db.on('ready', async () => {
    if (!installed) {
      installed = true
      installHooks()
    }
    setPulledCalendars(await db.calendar.toArray())
  })
  const installHooks = () => {
    db.calendar.hook('creating', (_key, file) => {
      setPulledCalendars([file])
    })
    db.calendar.hook('updating', (modifications, _key, file) => {
      setPulledCalendars([{ ...file, ...modifications }])
    })
  }
  return { setPulledCalendars, queueFieldsOf: (intake) => intakeQueueFields(intake, calendar) }
}

const QUEUE_FIELDS = ['openDueDate', 'residentDueDate'] as const

/**
 * Sets the queue fields on each intake an add or put writes. Level 2, above the at-rest
 * middleware (level 1), so it sees intakes in plain text.
 */
function intakeQueueMiddleware(currentCalendar: () => WorkingDayCalendar): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'IntakeQueueFields',
    level: 2,
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName)
        if (tableName !== 'intakes') return table
        return {
          ...table,
          mutate(request: DBCoreMutateRequest) {
            if (request.type === 'add' || request.type === 'put') {
              const calendar = currentCalendar()
              for (const value of request.values) {
                const intake = value as IntakeRecord & { [SEALED_FIELD]?: unknown }
                if (intake === null || typeof intake !== 'object' || SEALED_FIELD in intake) continue
                const fields = intakeQueueFields(intake, calendar)
                // Touched only where they change: an unchanged record is written as it came.
                for (const key of QUEUE_FIELDS) {
                  if (intake[key] === fields[key]) continue
                  if (fields[key] === undefined) delete intake[key]
                  else intake[key] = fields[key]
                }
              }
            }
            return table.mutate(request)
          },
        }
      },
    }),
  }
}
