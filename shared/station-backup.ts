import { z } from './zod'

/**
 * A station backup file (本机备份): every table and every file of the station database,
 * sealed (AES-256-GCM) under a key derived (PBKDF2-SHA256) from a backup password the clerk
 * types, so it restores on a fresh device. The outer envelope is JSON; `sealed` opens to the
 * JSON of `stationBackupContentSchema`.
 */
export const STATION_BACKUP_FORMAT = 'bianmin-station-backup'

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)

export const stationBackupEnvelopeSchema = z.object({
  format: z.literal(STATION_BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.iso.datetime({ offset: true }),
  stationCode: z.string().min(1).max(20),
  kdf: z.object({ name: z.literal('PBKDF2-SHA256'), salt: base64.max(100), iterations: z.number().int().min(100_000).max(5_000_000) }),
  cipher: z.literal('AES-256-GCM'),
  sealed: base64,
})
export type StationBackupEnvelope = z.infer<typeof stationBackupEnvelopeSchema>

export const stationBackupContentSchema = z.object({
  /** Table name → its rows as stored (Blob fields replaced by a file reference). */
  tables: z.record(z.string().min(1).max(64), z.array(z.record(z.string(), z.unknown()))),
  files: z.array(base64),
  /** SHA-256 of each table's rows (JSON) and of each file's bytes, checked before anything is written. */
  manifest: z.object({
    tables: z.record(z.string().min(1).max(64), z.object({ rows: z.number().int().min(0), sha256: sha256Hex })),
    files: z.array(z.object({ sha256: sha256Hex, size: z.number().int().min(0) })),
  }),
})
export type StationBackupContent = z.infer<typeof stationBackupContentSchema>

/** `本机备份-<station code>-<yyyymmdd>.bmbak`, as the station names its backup files. */
export const STATION_BACKUP_FILE_NAME = /^本机备份-[0-9A-Za-z]{1,20}-\d{8}\.bmbak$/

/** The desktop app's daily backup folder, kept by main in its data folder (an absolute path). */
export const backupFolderSettingsSchema = z.object({
  folder: z
    .string()
    .min(1)
    .max(1000)
    .regex(/^(?:\/|[A-Za-z]:[\\/]|\\\\)/, '须为完整路径'),
})

/**
 * The desktop's daily backup key (meta row `dailyBackupKey`, sealed at rest): derived once from
 * the backup password the clerk typed, so the daily run needs no password and stores none.
 */
export const dailyBackupKeySchema = z.object({ salt: base64.max(100), iterations: z.number().int().min(100_000).max(5_000_000), key: base64.max(100) })
export type DailyBackupKey = z.infer<typeof dailyBackupKeySchema>
export const DAILY_BACKUP_KEY_META_KEY = 'dailyBackupKey'
/** yyyy-mm-dd (station day) of the last daily backup written. */
export const LAST_DAILY_BACKUP_META_KEY = 'lastDailyBackupDay'
