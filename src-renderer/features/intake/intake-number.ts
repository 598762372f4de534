import { readIntakeSequence, writeIntakeSequence } from '../../db/meta'
import type { StationDb } from '../../db/station-db'

// Crockford's base 32: no I, L, O or U, so a tag read aloud or copied by hand is not misread.
const TAG_LETTERS = 'ABCDEFGHJKMNPQRSTVWXYZ'
const TAG_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * The tag of this device's intake numbers: `U` and its device number within the station
 * (given by the county at enrollment) in two base-32 characters, e.g. device 1 → U01,
 * device 37 → U15. Two devices of one station numbering offline at the same time then
 * never collide, and the county never hands a number out twice.
 */
export function numberedDeviceTag(deviceNumber: number): string {
  if (!Number.isInteger(deviceNumber) || deviceNumber < 1 || deviceNumber > 1023) throw new RangeError(`device number ${deviceNumber} is out of range`)
  return `U${TAG_CHARS[Math.floor(deviceNumber / 32)]!}${TAG_CHARS[deviceNumber % 32]!}`
}

/**
 * The tag of a device enrolled before the county numbered its devices: a short, stable
 * hash of its device id. Three characters, a letter first so the tag reads apart from the
 * sequence; two such devices of a station share one with odds of about 1 in 22,500, and
 * the county's unique (station, number) index refuses a clash (`conflict`). Hash tags never
 * start with U, so they never meet a numbered tag.
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

/** This device's tag: by its number when the county gave one, else (older enrollments) by its id. */
export function intakeNoTag(device: { deviceId: string; deviceNumber?: number }): string {
  return device.deviceNumber === undefined ? deviceTag(device.deviceId) : numberedDeviceTag(device.deviceNumber)
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
export async function takeIntakeNo(db: StationDb, stationCode: string, tag: string, yyyymmdd: string): Promise<string> {
  const prefix = `${stationCode}-${yyyymmdd}-${tag}`
  // Both reads at once (one wait, not two). Only the highest number held is read (one index
  // step, not every intake of the day, which made saving slow on a busy day). Sequences are
  // zero-padded to 4 digits, so the index order is numeric below 10,000 a device a day; beyond
  // that the day's counter alone decides.
  const [counted, [highest]] = await Promise.all([readIntakeSequence(db, yyyymmdd), db.intakes.where('intakeNo').startsWith(prefix).reverse().limit(1).keys()])
  const held = highest === undefined ? 0 : Number(String(highest).slice(prefix.length))
  const sequence = Math.max(counted, Number.isSafeInteger(held) ? held : 0) + 1
  await writeIntakeSequence(db, yyyymmdd, sequence)
  return formatIntakeNo(stationCode, yyyymmdd, tag, sequence)
}
