import type { Executor } from '../db/database'
import type { CountyKeys } from './county-data-key'

/**
 * How repository functions reach the county data key without a new parameter on each of
 * them: the key is registered for a database when it is opened, under the object every
 * executor of that database shares. A drizzle transaction (and a savepoint inside it) is a
 * new object but keeps its database's dialect instance, so the dialect is that object.
 */
const keysByDatabase = new WeakMap<object, CountyKeys>()

function identityOf(db: Executor): object {
  const dialect = (db as unknown as { dialect?: unknown }).dialect
  if (dialect === null || typeof dialect !== 'object') throw new Error('not a drizzle database: no dialect to register the county data key under')
  return dialect
}

export function registerCountyKeys(db: Executor, keys: CountyKeys): void {
  keysByDatabase.set(identityOf(db), keys)
}

/** The data key of the database `db` belongs to; a database opened without one is a programming error. */
export function countyKeysOf(db: Executor): CountyKeys {
  const keys = keysByDatabase.get(identityOf(db))
  if (!keys) throw new Error('no county data key registered for this database (open it through startCountyServer)')
  return keys
}
