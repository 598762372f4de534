import { readIntakeSequence, writeIntakeSequence } from '../../db/meta'
import type { StationDb } from '../../db/station-db'

// Crockford's base 32: no I, L, O or U, so a tag read aloud or copied by hand is not misread.
const TAG_LETTERS = 'ABCDEFGHJKMNPQRSTVWXYZ'
const TAG_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A short, stable tag for this device within its station, derived from the device id the
 * county gave it at enrollment (a random UUID). Two devices of one station number their
 * intakes offline at the same time; the tag keeps their numbers apart without asking the
 * county. Three characters, a letter first so the tag reads apart from the sequence:
 * 22 × 32 × 32 = 22,528 tags, so two devices of a station share one with odds of about
 * 1 in 22,500. The county's unique (station, number) index still refuses such a clash,
 * and the clerk sees it on the record (PROTOCOL.md, `conflict`).
 */
export function deviceTag(deviceId: string): string {
  // FNV-1a over the id: every character counts, whatever UUID version the county uses.
  let hash = 0x811c9dc5
  for (const char of deviceId.toLowerCase()) {
    hash ^= char.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  const first = TAG_LETTERS[hash % TAG_LETTERS.length]!
  hash = Math.floor(hash / TAG_LETTERS.length)
  const second = TAG_CHARS[hash % 32]!
  const third = TAG_CHARS[Math.floor(hash / 32) % 32]!
  return `${first}${second}${third}`
}

/** 办件编号: `<station code>-<yyyymmdd>-<device tag><sequence, at least 4 digits>`, e.g. MHZMZ01-20261130-K3F0001. */
export function formatIntakeNo(stationCode: string, yyyymmdd: string, tag: string, sequence: number): string {
  return `${stationCode}-${yyyymmdd}-${tag}${String(sequence).padStart(4, '0')}`
}

/**
 * Takes the next intake number of the day for this device and advances the day's counter.
 * Must run inside the caller's Dexie transaction (tables `meta` and `intakes`): the counter
 * then moves only if the intake is saved, and a saved number is never handed out again,
 * whether a draft was discarded, an intake deleted, or the database closed and reopened.
 * The local intakes are checked too, so a counter lost or reset (a restored backup, a
 * clock set back) can still never repeat a number this station already holds.
 */
export async function takeIntakeNo(db: StationDb, stationCode: string, deviceId: string, yyyymmdd: string): Promise<string> {
  const tag = deviceTag(deviceId)
  const prefix = `${stationCode}-${yyyymmdd}-${tag}`
  const counted = await readIntakeSequence(db, yyyymmdd)
  const held = (await db.intakes.where('intakeNo').startsWith(prefix).keys()).map((key) => Number(String(key).slice(prefix.length)))
  const sequence = Math.max(counted, ...held.filter(Number.isSafeInteger)) + 1
  await writeIntakeSequence(db, yyyymmdd, sequence)
  return formatIntakeNo(stationCode, yyyymmdd, tag, sequence)
}
