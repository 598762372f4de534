import type { LifeEvent } from '../../shared/life-event'
import type { Executor } from '../db/database'
import { lifeEvents } from '../db/schema'

/** Inserts the bundle unless its id is already held; answers whether it was new. */
export async function insertLifeEventIfAbsent(db: Executor, lifeEvent: LifeEvent): Promise<boolean> {
  const inserted = await db
    .insert(lifeEvents)
    .values({ id: lifeEvent.id, name: lifeEvent.name, data: lifeEvent })
    .onConflictDoNothing()
    .returning({ id: lifeEvents.id })
  return inserted.length === 1
}
