import { intakeNoSchema } from '../../../shared/intake'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StationDb } from '../../db/station-db'

/** What the clerk typed into 查找群众, as the kind of key it is. */
type ResidentQuery =
  { kind: 'idNumber'; idNumber: string } | { kind: 'intakeNo'; intakeNo: string } | { kind: 'phone'; phone: string } | { kind: 'name'; name: string }

/** Enough for a screen of results: a returning resident has a handful of intakes, not hundreds. */
export const RESIDENT_SEARCH_LIMIT = 50

/**
 * Reads the search box: an 18-character ID number, an intake number, a phone number (digits,
 * spaces, dashes, +86), or else a name. Null for an empty box.
 */
export function parseResidentQuery(text: string): ResidentQuery | null {
  const value = text.trim()
  if (value === '') return null
  if (/^\d{17}[\dXx]$/.test(value)) return { kind: 'idNumber', idNumber: value.toUpperCase() }
  if (intakeNoSchema.safeParse(value).success) return { kind: 'intakeNo', intakeNo: value }
  const digits = value.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '')
  if (/^\d{7,12}$/.test(digits)) return { kind: 'phone', phone: digits }
  return { kind: 'name', name: value }
}

/**
 * This station's intakes for a returning resident, newest first: by ID number (exact), intake
 * number (exact, on its unique index), phone (exact, ignoring spaces and dashes) or name (part of
 * it). THE one place the station searches applicants: personal fields carry no index (they are to
 * be sealed at rest, see /work/issues/contract-atrest.md), so the other keys walk the createdAt
 * index newest first and stop at the limit; the ID number's branch is where a keyed-hash index
 * takes over.
 */
export async function findResidentIntakes(db: StationDb, query: ResidentQuery, limit = RESIDENT_SEARCH_LIMIT): Promise<IntakeRecord[]> {
  if (query.kind === 'intakeNo') {
    const intake = await db.intakes.where('intakeNo').equals(query.intakeNo).first()
    return intake ? [intake] : []
  }
  const matches = (intake: IntakeRecord): boolean => {
    const { applicant } = intake
    switch (query.kind) {
      case 'idNumber':
        return applicant.kind === 'person' && applicant.idNumber === query.idNumber
      case 'phone':
        return applicant.phone.replace(/[\s-]/g, '') === query.phone
      case 'name':
        return applicant.name.includes(query.name) || (applicant.kind === 'organisation' && applicant.legalRepresentative.includes(query.name))
    }
  }
  return db.intakes.orderBy('createdAt').reverse().filter(matches).limit(limit).toArray()
}

/** The resident's last intake by ID number (for 新建办件 to fill the applicant from), or null. */
export async function lastIntakeOfResident(db: StationDb, idNumber: string): Promise<IntakeRecord | null> {
  const [last] = await findResidentIntakes(db, { kind: 'idNumber', idNumber: idNumber.trim().toUpperCase() }, 1)
  return last ?? null
}
