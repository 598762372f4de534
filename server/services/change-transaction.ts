import type { Database, Transaction } from '../db/database'
import { lockChangeLog } from '../repositories/change-repository'

/**
 * A transaction that may append to `changes`. The change-log lock is taken first,
 * before any other row is touched, so writers queue on one lock and can never
 * deadlock against each other over it.
 */
export function inChangeTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await lockChangeLog(tx)
    return work(tx)
  })
}
