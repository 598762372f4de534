import type { ShippedVersion } from './shipped-version'

/**
 * Files added to an unfinished form are kept with its draft (a reload used to lose them). A new,
 * empty table: before this version such files lived only in memory, so there is nothing to convert.
 */
export const v9: ShippedVersion = { version: 9, stores: { draftFiles: 'id, draftId' } }
