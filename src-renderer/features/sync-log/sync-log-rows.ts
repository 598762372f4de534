import { SYNC_ROUND_OUTCOME_LABELS, type SyncLogEntry, type SyncRoundOutcome } from '../../../shared/sync-records'

type SyncLogRow = {
  key: number
  startedAt: string
  endedAt: string
  outcome: SyncRoundOutcome
  outcomeLabel: string
  confirmed: number
  rejected: number
  pulled: number
  clockOffset: string
  error: string
}

/** "慢 3 秒" / "快 12 分钟": how the device clock stands against the county's. */
export function describeClockOffset(offsetMs: number | undefined): string {
  if (offsetMs === undefined) return '—'
  const seconds = Math.round(Math.abs(offsetMs) / 1000)
  if (seconds === 0) return '一致'
  const amount = seconds < 120 ? `${seconds} 秒` : `${Math.round(seconds / 60)} 分钟`
  return `本机${offsetMs > 0 ? '慢' : '快'} ${amount}`
}

export function syncLogRows(entries: readonly SyncLogEntry[], formatTime: (iso: string) => string): SyncLogRow[] {
  return entries.map((entry) => ({
    key: entry.seq ?? 0,
    startedAt: formatTime(entry.startedAt),
    endedAt: formatTime(entry.endedAt),
    outcome: entry.outcome,
    outcomeLabel: SYNC_ROUND_OUTCOME_LABELS[entry.outcome],
    confirmed: entry.confirmed,
    rejected: entry.rejected,
    pulled: entry.pulled,
    clockOffset: describeClockOffset(entry.clockOffsetMs),
    error: entry.error ?? '',
  }))
}
