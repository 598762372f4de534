import { liveQuery } from 'dexie'
import { PROTOCOL_VERSION, PULL_MAX_LIMIT } from '../../shared/protocol'
import { readMeta, writeMeta } from '../db/meta'
import type { StationDb } from '../db/station-db'
import { applyPullPage, type IntakeStatusChange } from './apply-pull-page'
import { backoffDelayMs } from './backoff'
import { CountyError, UNREACHABLE_MESSAGE, type CountyClient } from './county-client'
import { pushOutbox } from './push-outbox'
import { NO_FILES, watchFileBacklog, type FileProgress, type FileUploader } from './upload-files'
import { appendSyncLog, clockOffsetMs } from './sync-log'

export type SyncStatus = {
  /** null until the first probe has answered (or failed). */
  reachable: boolean | null
  /** Device clock of the last round that finished without error, ISO; shown, never compared. */
  lastSuccessAt: string | null
  /** Mutations still in the outbox. */
  pendingCount: number
  running: boolean
  /** Chinese message of the last round's failure; null after a good round. */
  lastError: string | null
  /** Attachments: files waiting and the bytes of the batch being sent; absent when the engine sends no files. */
  files?: FileProgress
  /** Server clock minus device clock (ms) at the last answered probe; null before one. */
  clockOffsetMs: number | null
  /** Why rounds are skipped for now (the data key is locked: nobody signed in); absent while syncing. */
  paused?: string
}

export type SyncRoundResult =
  { ok: true; confirmed: number; rejected: number; pulled: number } | { ok: false; error: string; kind: CountyError['kind'] | 'local' }

export type SyncEngine = {
  /** Starts the timer and the wake-ups, and runs a round now. Calling it twice is harmless. */
  start(): void
  /** Stops the timer and wake-ups; a round already under way finishes. */
  stop(): void
  /** Runs a round now, or if one is running, one more right after it; resolves with the last. */
  syncNow(): Promise<SyncRoundResult>
  getStatus(): SyncStatus
  subscribe(listener: (status: SyncStatus) => void): () => void
  /** Called after each round that pulled county status changes of this station's intakes. */
  onStatusChanges(listener: (changes: IntakeStatusChange[]) => void): () => void
}

/** Registers callbacks that should trigger a round (network back, window focused); returns a detach function. */
type WakeUpSource = (wake: () => void) => () => void

/** The clock the engine waits on; tests substitute their own. */
type EngineTimers = {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

type SyncEngineOptions = {
  db: StationDb
  client: CountyClient
  /** Between rounds while the county answers. */
  intervalMs?: number
  /** Between rounds while it does not. */
  unreachableIntervalMs?: number
  pushBatchSize?: number
  /** Changes per pull page; the county's largest by default, so a new device's first sync takes fewer round trips. */
  pullLimit?: number
  /** Defaults to the browser's `online` and window `focus` events when there is a window, else none. */
  wakeUps?: WakeUpSource
  now?: () => Date
  /** The wait after the first failed round (network or county fault), doubling per failure; default 2 s. */
  retryBaseMs?: number
  /** For the retry jitter; defaults to Math.random. */
  random?: () => number
  timers?: EngineTimers
  /** The files step (attachments over tus) between push and pull. */
  files?: FileUploader
  /**
   * A reason to skip rounds for now, or null. While the data key is locked nothing personal can
   * be read to push or sealed to store a pull, so the engine waits rather than fail every round.
   */
  pausedReason?: () => string | null
}

const DEFAULT_SYNC_INTERVAL_MS = 15_000
const DEFAULT_UNREACHABLE_INTERVAL_MS = 30_000
const DEFAULT_RETRY_BASE_MS = 2_000
/** A faulty county (5xx, 429) is retried with doubling delays, up to this many unreachable intervals. */
const MAX_BACKOFF_FACTOR = 8

const globalTimers: EngineTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** In a browser or Electron window: sync when the network comes back or the clerk returns to the window. */
const browserWakeUps: WakeUpSource = (wake) => {
  if (typeof window === 'undefined') return () => undefined
  window.addEventListener('online', wake)
  window.addEventListener('focus', wake)
  return () => {
    window.removeEventListener('online', wake)
    window.removeEventListener('focus', wake)
  }
}

/**
 * The station's sync loop (PROTOCOL.md): probe /health → push the outbox → pull until
 * `more` is false. Plain TypeScript, no React; runs in a window and in Node alike.
 * Rounds never overlap: a request during a round is served by one more round after it.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, client } = options
  const intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS
  const unreachableIntervalMs = options.unreachableIntervalMs ?? DEFAULT_UNREACHABLE_INTERVAL_MS
  const wakeUps = options.wakeUps ?? browserWakeUps
  const now = options.now ?? (() => new Date())
  const timers = options.timers ?? globalTimers
  const random = options.random ?? Math.random
  const retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS

  let status: SyncStatus = { reachable: null, lastSuccessAt: null, pendingCount: 0, running: false, lastError: null, clockOffsetMs: null }
  const listeners = new Set<(status: SyncStatus) => void>()
  const statusChangeListeners = new Set<(changes: IntakeStatusChange[]) => void>()
  /** What the round under way has seen so far, for its sync-log row. */
  let round = { startedAt: new Date(0), clockOffsetMs: undefined as number | undefined }
  let started = false
  let timer: unknown
  let current: Promise<SyncRoundResult> | null = null
  let again = false
  /** Failed rounds in a row that a retry may cure (network, 5xx, 429): the backoff's exponent. */
  let consecutiveFaults = 0
  let nextDelayMs = intervalMs
  let detachWakeUps: (() => void) | undefined
  let pendingSubscription: { unsubscribe(): void } | undefined
  let stopFileWatch: (() => void) | undefined

  // A new object on every change, so React's useSyncExternalStore sees the change.
  function update(patch: Partial<SyncStatus>): void {
    status = { ...status, ...patch }
    for (const listener of listeners) listener(status)
  }

  async function refreshPendingCount(): Promise<void> {
    update({ pendingCount: await db.outbox.count() })
  }

  async function runRound(): Promise<SyncRoundResult> {
    const pausedReason = options.pausedReason?.() ?? null
    if (pausedReason !== null) {
      update({ paused: pausedReason })
      return { ok: false, error: pausedReason, kind: 'local' }
    }
    if (status.paused !== undefined) update({ paused: undefined })
    update({ running: true })
    round = { startedAt: now(), clockOffsetMs: undefined }
    try {
      const result = await runSteps()
      await logRound(result).catch(() => undefined)
      return result
    } finally {
      await refreshPendingCount().catch(() => undefined)
      update({ running: false })
    }
  }

  /** One row per round in the sync log; the log is a diagnosis aid, so failing to write it fails nothing. */
  async function logRound(result: SyncRoundResult): Promise<void> {
    await appendSyncLog(db, {
      startedAt: round.startedAt.toISOString(),
      endedAt: now().toISOString(),
      outcome: result.ok ? 'ok' : result.kind === 'network' ? 'unreachable' : 'failed',
      confirmed: result.ok ? result.confirmed : 0,
      rejected: result.ok ? result.rejected : 0,
      pulled: result.ok ? result.pulled : 0,
      error: result.ok ? undefined : result.error,
      clockOffsetMs: round.clockOffsetMs,
    })
  }

  async function runSteps(): Promise<SyncRoundResult> {
    try {
      try {
        const sentAt = now()
        const health = await client.health()
        round.clockOffsetMs = clockOffsetMs(health.serverTime, sentAt, now())
        update({ clockOffsetMs: round.clockOffsetMs })
        if (health.protocolVersion !== PROTOCOL_VERSION) {
          throw new CountyError(
            'protocol',
            `县级服务器的协议版本（${health.protocolVersion}）与本机（${PROTOCOL_VERSION}）不一致，请升级本机程序或联系县政务服务管理局`,
          )
        }
      } catch (error) {
        // Any failed probe means we cannot talk to the county now, whatever the cause.
        if (error instanceof CountyError && error.kind === 'protocol') throw error
        throw new CountyError('network', UNREACHABLE_MESSAGE)
      }
      update({ reachable: true })
      const pushed = await pushOutbox(db, client, { batchSize: options.pushBatchSize, now })
      if (options.files) await options.files.uploadPending(db, (files) => update({ files }))
      const pulled = await pullAll()
      const at = now().toISOString()
      await db.transaction('rw', db.meta, async () => {
        await writeMeta(db, 'lastSyncAt', at)
        await writeMeta(db, 'lastSyncResult', { ok: true, at })
      })
      consecutiveFaults = 0
      nextDelayMs = intervalMs
      update({ lastSuccessAt: at, lastError: null })
      return { ok: true, confirmed: pushed.confirmed, rejected: pushed.rejected, pulled }
    } catch (error) {
      return failRound(error)
    }
  }

  /**
   * Pulls page after page. The next page is asked for as soon as this one has arrived, and
   * travels (the county reads it, the network carries it, the client parses it) while this one
   * is applied: a new device's first sync of 20-odd pages then waits on the county only once.
   * Nothing changes in what is stored: pages are still applied one by one, in order, each with
   * its cursor; if applying one fails, the page asked for ahead is dropped unread, and the next
   * round asks again from the cursor stored last.
   */
  async function pullAll(): Promise<number> {
    const limit = options.pullLimit ?? PULL_MAX_LIMIT
    let pulled = 0
    let cursor = (await readMeta(db, 'pullCursor')) ?? ''
    let next = client.pull(cursor, limit)
    for (;;) {
      const page = await next
      const ahead = page.more && page.cursor !== cursor ? client.pull(page.cursor, limit) : undefined
      // Awaited on the next turn; until then (or if this page fails) its failure is not unhandled.
      void ahead?.catch(() => undefined)
      const summary = await applyPullPage(db, page)
      pulled += summary.catalogItems + summary.decisions + summary.stations
      if (summary.statusChanges.length > 0) {
        for (const listener of statusChangeListeners) listener(summary.statusChanges)
      }
      if (ahead === undefined) {
        if (!page.more) return pulled
        throw new CountyError('protocol', '县级服务器的同步位置没有前进，已停止本轮接收，请联系县政务服务管理局')
      }
      cursor = page.cursor
      next = ahead
    }
  }

  async function failRound(error: unknown): Promise<SyncRoundResult> {
    const county = error instanceof CountyError ? error : null
    const message = county ? county.message : '同步时本机出错，数据未丢失，将在下一轮重试'
    if (county?.kind === 'network') {
      // Unreachable: retry soon, then less often, probing at least every unreachable interval.
      consecutiveFaults++
      update({ reachable: false })
      nextDelayMs = backoffDelayMs(consecutiveFaults, { baseMs: retryBaseMs, maxMs: unreachableIntervalMs, random })
    } else if (county?.retryable) {
      // The county answers but is failing or overloaded: back off further, and never sooner than it asked.
      consecutiveFaults++
      const backoff = backoffDelayMs(consecutiveFaults, { baseMs: retryBaseMs, maxMs: unreachableIntervalMs * MAX_BACKOFF_FACTOR, random })
      nextDelayMs = Math.max(backoff, county.retryAfterMs ?? 0)
    } else {
      nextDelayMs = unreachableIntervalMs
    }
    update({ lastError: message })
    await writeMeta(db, 'lastSyncResult', { ok: false, at: now().toISOString(), message }).catch(() => undefined)
    return { ok: false, error: message, kind: county?.kind ?? 'local' }
  }

  async function drive(): Promise<SyncRoundResult> {
    let result: SyncRoundResult
    do {
      again = false
      result = await runRound()
    } while (again)
    return result
  }

  function schedule(): void {
    cancelTimer()
    if (started) timer = timers.setTimeout(() => void trigger(), nextDelayMs)
  }

  function cancelTimer(): void {
    if (timer !== undefined) timers.clearTimeout(timer)
    timer = undefined
  }

  /** A round unless one is running (timer and wake-ups do not queue extra rounds). */
  function trigger(): Promise<SyncRoundResult> {
    if (current) return current
    cancelTimer()
    current = drive().finally(() => {
      current = null
      schedule()
    })
    return current
  }

  async function loadLastSuccess(): Promise<void> {
    const lastSyncAt = await readMeta(db, 'lastSyncAt')
    if (lastSyncAt && status.lastSuccessAt === null) update({ lastSuccessAt: lastSyncAt })
  }

  return {
    start() {
      if (started) return
      started = true
      detachWakeUps = wakeUps(() => void trigger())
      // Keeps 未发送 current the moment a clerk saves an intake, not only after a round.
      pendingSubscription = liveQuery(() => db.outbox.count()).subscribe({
        next: (pendingCount) => update({ pendingCount }),
        error: () => undefined,
      })
      void loadLastSuccess().catch(() => undefined)
      if (options.files) stopFileWatch = watchFileBacklog(db, (waiting) => update({ files: { ...(status.files ?? NO_FILES), waiting } }))
      void trigger()
    },
    stop() {
      started = false
      cancelTimer()
      detachWakeUps?.()
      detachWakeUps = undefined
      pendingSubscription?.unsubscribe()
      pendingSubscription = undefined
      stopFileWatch?.()
      stopFileWatch = undefined
    },
    syncNow() {
      if (current) {
        again = true
        return current
      }
      return trigger()
    },
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onStatusChanges(listener) {
      statusChangeListeners.add(listener)
      return () => statusChangeListeners.delete(listener)
    },
  }
}
