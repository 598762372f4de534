import type { WorkingDayCalendar } from '../../shared/working-days'
import { bundledCalendars, mergeCalendars, parseCalendars } from './calendar-files'
import type { StationDb } from './station-db'

/**
 * The station's working-day calendar: the county's pulled copy (Dexie table `calendar`, one
 * row per year) over the bundled files. The only place the renderer gets a calendar from.
 */
export async function loadCalendar(db: StationDb): Promise<WorkingDayCalendar> {
  return mergeCalendars(bundledCalendars(), parseCalendars(await db.calendar.toArray()))
}
