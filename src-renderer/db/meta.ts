import { intakeSequenceKey, intakeSequenceValueSchema, metaValueSchemas, type MetaKey, type MetaValue } from '../../shared/station-records'
import type { Station } from '../../shared/station'
import type { StationDb } from './station-db'

/** Reads one setting; a stored value that no longer matches its schema reads as absent. */
export async function readMeta<K extends MetaKey>(db: StationDb, key: K): Promise<MetaValue<K> | undefined> {
  const record = await db.meta.get(key)
  if (record === undefined) return undefined
  const parsed = metaValueSchemas[key].safeParse(record.value)
  return parsed.success ? (parsed.data as MetaValue<K>) : undefined
}

/** Writes one setting after validating it; call inside a transaction to make it part of a larger write. */
export async function writeMeta<K extends MetaKey>(db: StationDb, key: K, value: MetaValue<K>): Promise<void> {
  await db.meta.put({ key, value: metaValueSchemas[key].parse(value) })
}

/** The last intake sequence number handed out on a day (0 if none). */
export async function readIntakeSequence(db: StationDb, yyyymmdd: string): Promise<number> {
  const record = await db.meta.get(intakeSequenceKey(yyyymmdd))
  return record === undefined ? 0 : intakeSequenceValueSchema.parse(record.value)
}

export async function writeIntakeSequence(db: StationDb, yyyymmdd: string, sequence: number): Promise<void> {
  await db.meta.put({ key: intakeSequenceKey(yyyymmdd), value: intakeSequenceValueSchema.parse(sequence) })
}

/**
 * What the device holds after enrollment; absent until then. `deviceToken` is null while the
 * data key is locked (the token is sealed at rest; db/at-rest-middleware.ts).
 */
export type Enrollment = { countyUrl: string; deviceToken: string | null; deviceId: string; station: Station }

export async function readEnrollment(db: StationDb): Promise<Enrollment | null> {
  const [countyUrl, deviceToken, deviceId, station, tokenRow] = await Promise.all([
    readMeta(db, 'countyUrl'),
    readMeta(db, 'deviceToken'),
    readMeta(db, 'deviceId'),
    readMeta(db, 'station'),
    db.meta.get('deviceToken'),
  ])
  if (!countyUrl || !deviceId || !station || tokenRow === undefined) return null
  if (deviceToken === undefined && db.dataKeys.state !== 'locked') return null
  return { countyUrl, deviceToken: deviceToken ?? null, deviceId, station }
}
