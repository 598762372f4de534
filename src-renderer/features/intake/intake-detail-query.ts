import type { ServiceItem } from '../../../shared/catalog'
import type { Station } from '../../../shared/station'
import type { IntakeRecord } from '../../../shared/station-records'
import type { WorkingDayCalendar } from '../../../shared/working-days'
import { readMeta } from '../../db/meta'
import type { StationDb } from '../../db/station-db'
import { loadCalendar } from '../../db/load-calendar'

/** What the 办件详情 page shows and its documents are built from. */
export type IntakeDetail = {
  intake: IntakeRecord
  /** The catalog's current copy of the item (for material requirements, where and when); absent if withdrawn from the station's copy. */
  item?: ServiceItem
  station: Station
  calendar: WorkingDayCalendar
  countyUrl?: string
}

/** One intake with what its page needs; null when there is no such intake (or the device is not enrolled). */
export async function loadIntakeDetail(db: StationDb, intakeId: string): Promise<IntakeDetail | null> {
  const [intake, station, calendar, countyUrl] = await Promise.all([
    db.intakes.get(intakeId),
    readMeta(db, 'station'),
    loadCalendar(db),
    readMeta(db, 'countyUrl'),
  ])
  if (intake === undefined || station === undefined) return null
  const item = await db.catalogItems.get(intake.item.id)
  return { intake, item, station, calendar, countyUrl }
}
