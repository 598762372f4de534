import { calendarVersion } from '../../../shared/calendar'
import type { CountyConfig } from '../../config'
import type { Database } from '../../db/database'
import { insertCalendarIfAbsent } from '../../repositories/calendar-repository'
import { findCatalogItem } from '../../repositories/catalog-repository'
import { appendChange } from '../../repositories/change-repository'
import { insertLifeEventIfAbsent } from '../../repositories/life-event-repository'
import { loadCalendarSeeds, loadLifeEventsSeed } from '../../seed/load-reference-seed'
import { inChangeTransaction } from '../sync/change-transaction'

type ReferenceSeedLog = { info(details: object, message: string): void; warn(details: object, message: string): void }

/**
 * The working-day calendars and the 一件事一次办 bundles from the resource files, published to
 * every station. Idempotent, like the catalog seed: a year or bundle the county already holds is
 * left as it is (the county's copy is the truth once published), a new one is stored and gets its
 * change in the same transaction.
 */
export async function seedReferenceData(db: Database, config: Pick<CountyConfig, 'calendarDir' | 'lifeEventsPath'>, log: ReferenceSeedLog): Promise<void> {
  await seedCalendars(db, config.calendarDir, log)
  await seedLifeEvents(db, config.lifeEventsPath, log)
}

async function seedCalendars(db: Database, dir: string, log: ReferenceSeedLog): Promise<void> {
  const calendars = loadCalendarSeeds(dir)
  if (calendars.length === 0) {
    log.warn({ calendarDir: dir }, '未找到工作日历文件，办理时限将只按周末计算')
    return
  }
  const added = await inChangeTransaction(db, async (tx) => {
    const years: number[] = []
    for (const calendar of calendars) {
      if (!(await insertCalendarIfAbsent(tx, calendar))) continue
      // Published as the year's first version (a file carries none); an administrator replaces it with the next.
      const data = { ...calendar, version: calendarVersion(calendar) }
      await appendChange(tx, { stationCode: null, entity: 'calendar', entityId: String(calendar.year), op: 'put', data })
      years.push(calendar.year)
    }
    return years
  })
  if (added.length > 0) log.info({ years: added }, 'working-day calendars published')
}

async function seedLifeEvents(db: Database, path: string, log: ReferenceSeedLog): Promise<void> {
  const bundles = loadLifeEventsSeed(path)
  if (!bundles) {
    log.warn({ lifeEventsPath: path }, '未找到一件事一次办文件，本次启动不导入')
    return
  }
  const added = await inChangeTransaction(db, async (tx) => {
    const ids: string[] = []
    for (const bundle of bundles) {
      // A bundle naming an item the catalog lacks would send stations to a dead end: skip it and say so.
      const missing: string[] = []
      for (const itemId of bundle.itemIds) if (!(await findCatalogItem(tx, itemId))) missing.push(itemId)
      if (missing.length > 0) {
        log.warn({ lifeEvent: bundle.id, missing }, '一件事一次办包含目录中没有的事项，未发布')
        continue
      }
      if (!(await insertLifeEventIfAbsent(tx, bundle))) continue
      await appendChange(tx, { stationCode: null, entity: 'lifeEvent', entityId: bundle.id, op: 'put', data: bundle })
      ids.push(bundle.id)
    }
    return ids
  })
  if (added.length > 0) log.info({ lifeEvents: added }, 'life-event bundles published')
}
