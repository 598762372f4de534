import type { Transaction } from 'dexie'
import type { IntakeQueueHooks } from '../intake-queue-hooks'

/** What an upgrade function may use besides its transaction: the open database's queue hooks. */
type UpgradeContext = { queueHooks: IntakeQueueHooks }

/**
 * One version of the station's IndexedDB as it shipped: the tables it adds or changes, in
 * Dexie's `stores()` form, and the upgrade that converts the rows of the version before.
 * StationDb declares its versions from these, and the migration tests open old databases
 * from them, so both use the one definition. A shipped version is never edited: a change
 * is a new version (shipped-versions.test.ts holds each one's fingerprint).
 */
export type ShippedVersion = {
  version: number
  stores: Record<string, string | null>
  upgrade?: (transaction: Transaction, context: UpgradeContext) => Promise<void>
}
