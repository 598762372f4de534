import type { ShippedVersion } from './shipped-version'

/**
 * The station's staff accounts as the county sends them (with their PBKDF2 hash, for signing in
 * offline). A new, empty table: an older station's pull refused pages holding `staff` changes
 * (cursor included), so its next pull from the stored cursor brings them.
 */
export const v7: ShippedVersion = { version: 7, stores: { staff: 'id, username' } }
