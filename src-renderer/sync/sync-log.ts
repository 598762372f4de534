import { syncLogEntrySchema, type SyncLogEntry } from '../../shared/sync-records'
import type { StationDb } from '../db/station-db'

/** Beyond this the clerk is told to set the device clock (dates on receipts come from it). */
const CLOCK_WARNING_MS = 5 * 60_000

/** The log keeps this many rounds; older rows go as new ones come (a round every 15 s adds up). */
const SYNC_LOG_LIMIT = 2000

/**
 * Server clock minus device clock, in whole ms. The server read its clock somewhere between
 * our sending the probe and receiving its answer, so it is compared with the midpoint.
 */
export function clockOffsetMs(serverTime: string, sentAt: Date, receivedAt: Date): number {
  const midpoint = (sentAt.getTime() + receivedAt.getTime()) / 2
  return Math.round(Date.parse(serverTime) - midpoint)
}

/** The clerk's warning for a clock this far off, or null when it is close enough. */
export function clockWarning(offsetMs: number | null): string | null {
  if (offsetMs === null || Math.abs(offsetMs) <= CLOCK_WARNING_MS) return null
  const minutes = Math.round(Math.abs(offsetMs) / 60_000)
  const direction = offsetMs > 0 ? '慢' : '快'
  return `本机时钟比县级服务器${direction}约 ${minutes} 分钟，请校准本机时间（办件日期以本机时间记录）`
}

/**
 * The latest offset each database's log holds, once read or written here: every save asks for
 * it (lastClockOffsetMs), and walking the log for it each time cost a transaction of its own.
 */
const latestOffsets = new WeakMap<StationDb, number>()

/** Appends one round and drops the oldest rows beyond the limit, in one transaction. */
export async function appendSyncLog(db: StationDb, entry: SyncLogEntry, limit = SYNC_LOG_LIMIT): Promise<void> {
  const row = syncLogEntrySchema.parse(entry)
  await db.transaction('rw', db.syncLog, async () => {
    const seq = await db.syncLog.add(row)
    if (typeof seq === 'number' && seq > limit)
      await db.syncLog
        .where('seq')
        .belowOrEqual(seq - limit)
        .delete()
  })
  if (row.clockOffsetMs !== undefined) latestOffsets.set(db, row.clockOffsetMs)
}

/** The latest rounds, newest first (by local sequence, not by the device clock). */
export async function readSyncLog(db: StationDb, count = 200): Promise<SyncLogEntry[]> {
  return db.syncLog.orderBy('seq').reverse().limit(count).toArray()
}

/**
 * The offset (server − device, ms) measured in the latest round that reached /health, or undefined
 * when this device never reached the county. New intakes carry it so the county (and the station)
 * put a 收件即受理 intake's acceptance on the county's clock (shared/acceptance-time.ts).
 */
export async function lastClockOffsetMs(db: StationDb): Promise<number | undefined> {
  const remembered = latestOffsets.get(db)
  if (remembered !== undefined) return remembered
  const measured = await db.syncLog
    .orderBy('seq')
    .reverse()
    .filter((entry) => entry.clockOffsetMs !== undefined)
    .first()
  if (measured?.clockOffsetMs !== undefined) latestOffsets.set(db, measured.clockOffsetMs)
  return measured?.clockOffsetMs
}
