import type { ShippedVersion } from './shipped-version'

/**
 * 10 and 11 are other branches' numbers. Personal data is sealed at rest by the at-rest
 * middleware, and intakes are found by ID number through a keyed hash, the multi-entry index
 * `idNumberHashes`. No upgrade function: the hashes need the data key, which no upgrade
 * transaction has, so existing rows are sealed and hashed when the key is first created or
 * unlocked (db/seal-existing-rows.ts).
 */
export const v12: ShippedVersion = {
  version: 12,
  stores: {
    intakes: 'id, &intakeNo, createdAt, status, syncState, openDueDate, residentDueDate, [syncState+createdAt], [status+createdAt], *idNumberHashes',
  },
}
