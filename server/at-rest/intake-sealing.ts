import type { IntakeRow } from '../db/schema'
import type { CountyKeys } from './county-data-key'
import { idNumberLookupHash, openPersonalFields, phoneLookupHash, sealPersonalFields } from './personal-fields'

/** The keyed-hash columns of an intake (migration 0016). */
type IntakeLookupHashes = Pick<IntakeRow, 'applicantIdHash' | 'applicantPhoneHash' | 'agentIdHash' | 'agentPhoneHash'>

type PersonFields = { idNumber?: unknown; phone?: unknown }

function personOf(value: unknown): PersonFields {
  return value !== null && typeof value === 'object' ? (value as PersonFields) : {}
}

/** The lookup hashes of an intake's plain payload: its applicant's and its 代办人's ID number and phone. */
export function intakeLookupHashes(keys: CountyKeys, payload: unknown): IntakeLookupHashes {
  const { applicant, agent } = (payload ?? {}) as { applicant?: unknown; agent?: unknown }
  const hash = (value: unknown, of: (keys: CountyKeys, text: string) => string) => (typeof value === 'string' && value !== '' ? of(keys, value) : null)
  return {
    applicantIdHash: hash(personOf(applicant).idNumber, idNumberLookupHash),
    applicantPhoneHash: hash(personOf(applicant).phone, phoneLookupHash),
    agentIdHash: hash(personOf(agent).idNumber, idNumberLookupHash),
    agentPhoneHash: hash(personOf(agent).phone, phoneLookupHash),
  }
}

/**
 * What is written of an intake: the payload and the 送达回证 with their personal fields
 * sealed and, when the payload is written, its lookup hashes (computed from the plain text).
 */
export function sealIntakeValues<T extends { payload?: unknown; handOver?: unknown }>(keys: CountyKeys, values: T): T & Partial<IntakeLookupHashes> {
  const sealed: T & Partial<IntakeLookupHashes> = { ...values }
  if (values.payload !== undefined) Object.assign(sealed, intakeLookupHashes(keys, values.payload), { payload: sealPersonalFields(keys, values.payload) })
  if (values.handOver !== undefined && values.handOver !== null) sealed.handOver = sealPersonalFields(keys, values.handOver)
  return sealed
}

/** An intake row as services see it: personal fields in plain text again. */
export function openIntakeRow<T extends Partial<Pick<IntakeRow, 'payload' | 'handOver'>>>(keys: CountyKeys, row: T): T {
  const opened = { ...row }
  if (row.payload !== undefined) opened.payload = openPersonalFields(keys, row.payload)
  if (row.handOver !== undefined && row.handOver !== null) opened.handOver = openPersonalFields(keys, row.handOver)
  return opened
}
