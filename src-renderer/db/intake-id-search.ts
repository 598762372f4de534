import type { IntakeRecord } from '../../shared/station-records'
import { DataKeyLockedError, normaliseIdNumber } from './data-key-vault'
import type { StationDb } from './station-db'

/**
 * Intakes whose applicant ID number equals `idNumber` (lower-case x normalised). With at-rest
 * encryption on, ID numbers are ciphertext, so the lookup goes through the keyed hash each
 * intake carries in the `idNumberHashes` index (HMAC-SHA-256 under a key derived from the data
 * key: equal numbers give equal hashes, and the hash alone tells nothing without the key).
 * Without a key (encryption never set up on this database) it scans.
 */
export async function findIntakesByIdNumber(db: StationDb, idNumber: string): Promise<IntakeRecord[]> {
  const wanted = normaliseIdNumber(idNumber)
  if (wanted === '') return []
  switch (db.dataKeys.state) {
    case 'unlocked':
      return db.intakes.where('idNumberHashes').equals(db.dataKeys.idNumberHash(wanted)).toArray()
    case 'locked':
      throw new DataKeyLockedError()
    case 'off':
      return db.intakes.filter((intake) => intake.applicant.kind === 'person' && normaliseIdNumber(intake.applicant.idNumber) === wanted).toArray()
  }
}
