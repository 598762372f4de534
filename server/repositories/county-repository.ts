import { counties } from '../db/schema'
import type { Executor } from '../db/database'

type County = { code: string; name: string }

export async function upsertCounty(db: Executor, county: County): Promise<void> {
  await db
    .insert(counties)
    .values(county)
    .onConflictDoUpdate({ target: counties.code, set: { name: county.name } })
}
