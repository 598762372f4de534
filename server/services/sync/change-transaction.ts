import type { Executor, Transaction } from '../../db/database'
import { appendChanges, changeQueueOf, lockChangeLog, openChangeQueue } from '../../repositories/change-repository'

/**
 * A transaction that may append to `changes` (appendChange). The changes are
 * queued and written together at the end, under the change-log lock held only
 * from that insert to commit: seq order is commit order (gap-safe for pullers)
 * while writers do all their other work in parallel. Called inside another
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
      await lockChangeLog(tx)
      await appendChanges(tx, queue)
    }
    return result
  })
}
