import type { ShippedVersion } from './shipped-version'

/** Unfinished forms (drafts) survive a closed window or a reload. A new, empty table: nothing to convert. */
export const v3: ShippedVersion = { version: 3, stores: { drafts: 'id' } }
