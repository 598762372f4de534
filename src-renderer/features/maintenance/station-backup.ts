import { DATA_KEY_META_PREFIX } from '../../../shared/station-at-rest'
import {
  DAILY_BACKUP_KEY_META_KEY,
  LAST_DAILY_BACKUP_META_KEY,
  STATION_BACKUP_FORMAT,
  stationBackupContentSchema,
  stationBackupEnvelopeSchema,
  type StationBackupContent,
  type DailyBackupKey,
  type StationBackupEnvelope,
} from '../../../shared/station-backup'
import { pbkdf2Sha256 } from '../../../shared/sha256'
import { STAFF_HASH_ITERATIONS } from '../../../shared/staff-password'
import { chinaDate } from '../../../shared/working-days'
import { DataKeyLockedError } from '../../db/data-key-vault'
import { readMeta } from '../../db/meta'
import { openBytes, randomSalt, sealBytes } from '../../db/sealing'
import { fromBase64, toBase64 } from '../../lib/base64'
import type { StationDb } from '../../db/station-db'
import { sha256Hex } from '../../../shared/sha256'
import { UserError } from '../../lib/user-error'

export const BACKUP_PASSWORD_MIN_LENGTH = 8
export const BACKUP_WRONG_PASSWORD_MESSAGE = '备份密码不正确，或备份文件已损坏：请核对备份密码（区分大小写）后重试，本机数据没有改动'
export const BACKUP_INVALID_MESSAGE = '所选文件不是有效的本机备份文件（.bmbak）或已损坏：请选择“本机维护 → 备份本机数据”生成的文件，本机数据没有改动'
const BACKUP_NOT_EMPTY_MESSAGE = '本设备已有注册信息或办件，不能从备份恢复：恢复只能在新设备（尚未注册）上进行'

type Row = Record<string, unknown>

/**
 * Rows that belong to this device only: the wrapped data keys (a restored device makes its own)
 * and the daily backup settings (its clerk sets them up again, with a password of their choice).
 */
const deviceOnly = (table: string, row: Row) =>
  table === 'meta' &&
  typeof row.key === 'string' &&
  (row.key.startsWith(DATA_KEY_META_PREFIX) || row.key === DAILY_BACKUP_KEY_META_KEY || row.key === LAST_DAILY_BACKUP_META_KEY)

/**
 * Writes the whole station database (every table, every file) into one backup file sealed under
 * the backup password. Rows are read through the at-rest middleware, so the file holds them open
 * inside its own encryption and restores on a device with another data key.
 */
export async function createStationBackup(
  db: StationDb,
  secret: string | DailyBackupKey,
  now: Date = new Date(),
): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
  // Locked rows read without their sealed fields: a backup of them would lose the personal data.
  if (db.dataKeys.state === 'locked') throw new DataKeyLockedError()
  const backupKey = typeof secret === 'string' ? await deriveBackupKey(secret) : secret
  const files: string[] = []
  const fileHashes: StationBackupContent['manifest']['files'] = []
  const tables: StationBackupContent['tables'] = {}
  const tableHashes: StationBackupContent['manifest']['tables'] = {}
  // One read transaction: the backup is one consistent moment of the database.
  const snapshot = await db.transaction('r', db.tables, async () =>
    Promise.all(db.tables.map(async (table) => [table.name, (await table.toArray()) as Row[]] as const)),
  )
  for (const [name, rows] of snapshot) {
    const stored: Row[] = []
    for (const row of rows) {
      if (deviceOnly(name, row)) continue
      const copy: Row = {}
      for (const [field, value] of Object.entries(row)) {
        // Keyed under this device's data key: the restoring device computes its own.
        if (name === 'intakes' && field === 'idNumberHashes') continue
        if (value instanceof Blob) {
          const bytes = new Uint8Array(await value.arrayBuffer())
          fileHashes.push({ sha256: await sha256Hex(bytes), size: bytes.length })
          files.push(toBase64(bytes))
          copy[field] = { $file: files.length - 1, type: value.type }
        } else copy[field] = value
      }
      stored.push(copy)
    }
    tables[name] = stored
    tableHashes[name] = { rows: stored.length, sha256: await sha256Hex(new TextEncoder().encode(JSON.stringify(stored))) }
  }
  const content: StationBackupContent = { tables, files, manifest: { tables: tableHashes, files: fileHashes } }
  const stationCode = (await readMeta(db, 'station'))?.code ?? 'UNENROLLED'
  const envelope: StationBackupEnvelope = {
    format: STATION_BACKUP_FORMAT,
    version: 1,
    createdAt: now.toISOString(),
    stationCode,
    kdf: { name: 'PBKDF2-SHA256', salt: backupKey.salt, iterations: backupKey.iterations },
    cipher: 'AES-256-GCM',
    sealed: toBase64(sealBytes(fromBase64(backupKey.key), new TextEncoder().encode(JSON.stringify(content)))),
  }
  const day = chinaDate(now).replaceAll('-', '')
  return { fileName: `本机备份-${stationCode}-${day}.bmbak`, bytes: new TextEncoder().encode(JSON.stringify(envelope)) }
}

/**
 * Rebuilds a fresh device's database from a backup file: the same rows in every table (intakes,
 * outbox, pull cursor, device token…) and byte-identical files. Everything is opened, parsed and
 * checked against the manifest first, then written in one transaction: a wrong password, a
 * damaged file or a device that already holds data writes nothing.
 *
 * Throws UserError `backup_password`, `backup_wrong_password`, `backup_invalid` or `backup_not_empty`.
 */
export async function restoreStationBackup(
  db: StationDb,
  file: Uint8Array,
  password: string,
): Promise<{ stationCode: string; intakes: number; files: number }> {
  checkPassword(password)
  const envelope = parseJson(stationBackupEnvelopeSchema, new TextDecoder().decode(file))
  const key = await pbkdf2Sha256(password, fromBase64(envelope.kdf.salt), envelope.kdf.iterations, 32)
  let opened: Uint8Array
  try {
    opened = openBytes(key, fromBase64(envelope.sealed))
  } catch {
    throw new UserError('backup_wrong_password', BACKUP_WRONG_PASSWORD_MESSAGE, [{ path: ['password'], message: BACKUP_WRONG_PASSWORD_MESSAGE }])
  }
  const content = parseJson(stationBackupContentSchema, new TextDecoder().decode(opened))
  const blobs = await checkManifest(content)
  const known = new Set(db.tables.map((table) => table.name))
  if (Object.keys(content.tables).some((name) => !known.has(name))) throw invalid()

  if ((await db.intakes.count()) > 0 || (await db.meta.get('deviceToken')) !== undefined) {
    throw new UserError('backup_not_empty', BACKUP_NOT_EMPTY_MESSAGE)
  }
  const tables = Object.keys(content.tables).map((name) => db.table(name))
  await db.transaction('rw', tables, async () => {
    for (const table of tables) {
      const rows = content.tables[table.name]!.map((row) => restoreFiles(row, blobs))
      if (rows.length > 0) await table.bulkPut(rows)
    }
  })
  return { stationCode: envelope.stationCode, intakes: content.tables.intakes?.length ?? 0, files: blobs.length }
}

/** The key a backup password gives (PBKDF2-SHA256 with a fresh salt); the daily backup keeps it instead of the password. */
export async function deriveBackupKey(password: string): Promise<DailyBackupKey> {
  checkPassword(password)
  const salt = randomSalt()
  const key = await pbkdf2Sha256(password, salt, STAFF_HASH_ITERATIONS, 32)
  return { salt: toBase64(salt), iterations: STAFF_HASH_ITERATIONS, key: toBase64(key) }
}

function checkPassword(password: string): void {
  if (password.length < BACKUP_PASSWORD_MIN_LENGTH) {
    const message = `备份密码至少 ${BACKUP_PASSWORD_MIN_LENGTH} 位：请输入更长的备份密码`
    throw new UserError('backup_password', message, [{ path: ['password'], message }])
  }
}

function invalid(): UserError {
  return new UserError('backup_invalid', BACKUP_INVALID_MESSAGE)
}

function parseJson<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, text: string): T {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw invalid()
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw invalid()
  return parsed.data
}

/** Every table and file must hash to what the manifest says; the files come back as bytes. */
async function checkManifest(content: StationBackupContent): Promise<Uint8Array<ArrayBuffer>[]> {
  const { manifest } = content
  if (Object.keys(manifest.tables).length !== Object.keys(content.tables).length || manifest.files.length !== content.files.length) throw invalid()
  for (const [name, rows] of Object.entries(content.tables)) {
    const expected = manifest.tables[name]
    if (expected === undefined || expected.rows !== rows.length) throw invalid()
    if ((await sha256Hex(new TextEncoder().encode(JSON.stringify(rows)))) !== expected.sha256) throw invalid()
  }
  const blobs: Uint8Array<ArrayBuffer>[] = []
  for (const [index, encoded] of content.files.entries()) {
    const bytes = fromBase64(encoded) as Uint8Array<ArrayBuffer>
    if (bytes.length !== manifest.files[index]!.size || (await sha256Hex(bytes)) !== manifest.files[index]!.sha256) throw invalid()
    blobs.push(bytes)
  }
  return blobs
}

function restoreFiles(row: Row, blobs: Uint8Array<ArrayBuffer>[]): Row {
  const restored: Row = {}
  for (const [field, value] of Object.entries(row)) {
    const ref = value as { $file?: unknown; type?: unknown } | null
    if (ref !== null && typeof ref === 'object' && typeof ref.$file === 'number' && typeof ref.type === 'string' && Object.keys(ref).length === 2) {
      const bytes = blobs[ref.$file]
      if (bytes === undefined) throw invalid()
      restored[field] = new Blob([bytes], { type: ref.type })
    } else restored[field] = value
  }
  return restored
}
