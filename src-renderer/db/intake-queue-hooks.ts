import { Dexie, type EntityTable } from 'dexie'
import type { WorkingDayCalendarFile } from '../../shared/calendar'
import type { IntakeRecord } from '../../shared/station-records'
import type { WorkingDayCalendar } from '../../shared/working-days'
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
 * Dexie hooks run inside the writing transaction, so the fields and the record are stored
 * together; no write path (the sync engine's included) has to remember them.
 *
 * Hooks are synchronous, so the working-day calendar is held in memory: the bundled years
 * plus the county's copies, read when the database opens and kept current by a hook on the
 * calendar table. (The county's decision carries its own 办结期限; the calendar only serves
 * intakes the station accepts itself, 收件即受理 and 即办件, until that decision arrives.)
 */
export function installIntakeQueueHooks(db: Dexie & QueueTables): IntakeQueueHooks {
  const bundled = bundledCalendars()
  const pulled = new Map<number, WorkingDayCalendarFile>()
  let calendar: WorkingDayCalendar = mergeCalendars(bundled, [])
  const setPulledCalendars = (files: readonly unknown[]) => {
    for (const file of parseCalendars(files)) pulled.set(file.year, file)
    calendar = mergeCalendars(bundled, [...pulled.values()])
  }

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
    db.intakes.hook('creating', (_key, intake) => {
      const fields = intakeQueueFields(intake, calendar)
      delete intake.openDueDate
      delete intake.residentDueDate
      Object.assign(intake, fields)
    })
    db.intakes.hook('updating', (modifications, _key, intake) => {
      const next = applyModifications(intake, modifications as Record<string, unknown>)
      const fields = intakeQueueFields(next, calendar)
      const changes: Partial<Record<keyof IntakeQueueFields, string | undefined>> = {}
      for (const key of ['openDueDate', 'residentDueDate'] as const) {
        // `undefined` in a hook's answer deletes the field, which takes the record out of that index.
        if (next[key] !== fields[key]) changes[key] = fields[key]
      }
      return Object.keys(changes).length > 0 ? changes : undefined
    })
  }
  return { setPulledCalendars, queueFieldsOf: (intake) => intakeQueueFields(intake, calendar) }
}

/** The record as it will be after Dexie applies the modifications (key paths, `undefined` deleting). */
function applyModifications(intake: IntakeRecord, modifications: Record<string, unknown>): IntakeRecord {
  const nested = Object.keys(modifications).some((path) => path.includes('.'))
  const next = (nested ? structuredClone(intake) : { ...intake }) as Record<string, unknown>
  for (const [path, value] of Object.entries(modifications)) Dexie.setByKeyPath(next, path, value)
  return next as IntakeRecord
}
