import type { Executor, Transaction } from '../../db/database'
import { appendChanges, changeQueueOf, openChangeQueue } from '../../repositories/change-repository'

/**
 * A transaction that may append to `changes` (appendChange). The changes are
 * queued and written together at the end, under the change-log lock taken shared
 * from that insert to commit: writers never wait for each other, and a puller
 * reads only up to a horizon no writer is still inside (gap-safe, see
 * change-repository.ts settledChangeHorizon). Called inside another
 * inChangeTransaction it is a savepoint: its changes join the enclosing queue if
 * it succeeds and vanish with it if it throws.
 */
export function inChangeTransaction<T>(db: Executor, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const enclosing = changeQueueOf(db)
  return db.transaction(async (tx) => {
    const queue = openChangeQueue(tx)
    const result = await work(tx)
    if (enclosing) {
      enclosing.push(...queue)
    } else if (queue.length > 0) {
      await appendChanges(tx, queue)
    }
    return result
  })
}
