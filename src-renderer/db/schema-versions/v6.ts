import type { ShippedVersion } from './shipped-version'

/**
 * What the county confirmed (a mutation leaves the outbox then, so 日终对账 lists the day from
 * here) and one row per sync round. New, empty tables: mutations confirmed before this version
 * are not in the log, so they are simply not listed at reconciliation.
 */
export const v6: ShippedVersion = { version: 6, stores: { sentMutations: 'id, day, entityId', syncLog: '++seq' } }
