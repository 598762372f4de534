import type { ShippedVersion } from './shipped-version'

/**
 * Attachments (the files themselves, by SHA-256, with their tus upload state). A new, empty
 * table: intakes of version 4 carry no attachments, so nothing to convert.
 */
export const v5: ShippedVersion = { version: 5, stores: { attachments: 'id, sha256, intakeId, state' } }
