import { SEALED_ALL_META_KEY } from '../../shared/station-at-rest'
import { SEALED_TABLES } from './at-rest-middleware'
import type { StationDb } from './station-db'

/**
 * Seals every row written before the data key existed (a station upgraded from a version
 * without encryption, or a browser station's rows from enrollment to its first sign-in), and
 * gives each intake its ID-number hashes. Writing a row back through the middleware is what
 * seals it; rows already sealed are sealed again, so an interrupted run is simply repeated.
 * One transaction for all tables: the flag is set only together with the last sealed row.
 */
export async function sealExistingRows(db: StationDb): Promise<void> {
  const tables = SEALED_TABLES.map((name) => db.table(name))
  await db.transaction('rw', tables, async () => {
    for (const table of tables) {
      const rows = await table.toArray()
      if (rows.length > 0) await table.bulkPut(rows)
    }
    await db.meta.put({ key: SEALED_ALL_META_KEY, value: true })
  })
}

export async function allRowsSealed(db: StationDb): Promise<boolean> {
  return (await db.meta.get(SEALED_ALL_META_KEY))?.value === true
}
