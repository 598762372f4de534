import type { StaffActor } from '../../db/staff-permissions'

/** The screen locks after this long without a key press, click or touch. */
export const IDLE_LOCK_MS = 10 * 60 * 1000
/** Activity is written to storage at most this often (a key press must stay cheap). */
const TOUCH_WRITE_INTERVAL_MS = 5_000

export type StaffSessionState =
  { status: 'signedOut' } | { status: 'active'; staff: StaffActor; lastActivityAt: number } | { status: 'locked'; staff: StaffActor; lastActivityAt: number }

/** sessionStorage in the app; a Map-backed stand-in in unit tests. */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

type StaffSessionOptions = { storage: SessionStorageLike; storageKey: string; now?: () => number; idleMs?: number }

type Stored = { staff: StaffActor; lastActivityAt: number; locked: boolean }

/**
 * Who is signed in at this window. Kept in sessionStorage: it survives a reload of the page
 * (a clerk's F5 does not sign them out) but not a restart of the app or browser, so nobody is
 * "still signed in" the next morning. Idle time locks the screen; unlocking takes the password
 * again (checked by the caller, see sign-in.ts). Pure logic with an injected clock.
 */
export class StaffSession {
  private state: StaffSessionState
  private readonly listeners = new Set<() => void>()
  private readonly now: () => number
  private readonly idleMs: number
  private lastWrite = 0

  constructor(private readonly options: StaffSessionOptions) {
    this.now = options.now ?? Date.now
    this.idleMs = options.idleMs ?? IDLE_LOCK_MS
    this.state = this.restore()
    this.checkIdle()
  }

  getState = (): StaffSessionState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  signIn(staff: StaffActor): void {
    this.set({ status: 'active', staff, lastActivityAt: this.now() })
  }

  signOut(): void {
    this.set({ status: 'signedOut' })
  }

  /** A key press or click: the idle clock starts again (a locked screen stays locked). */
  touch(): void {
    if (this.state.status !== 'active') return
    const now = this.now()
    this.state = { ...this.state, lastActivityAt: now }
    if (now - this.lastWrite >= TOUCH_WRITE_INTERVAL_MS) this.write()
  }

  /** Locks when the idle time has passed; called on a timer and at start. */
  checkIdle(): void {
    if (this.state.status === 'active' && this.now() - this.state.lastActivityAt >= this.idleMs) this.lock()
  }

  lock(): void {
    if (this.state.status !== 'active') return
    this.set({ ...this.state, status: 'locked' })
  }

  /** After the caller checked the password of the locked account (or of the account as updated since). */
  unlock(staff: StaffActor): void {
    if (this.state.status === 'signedOut') return
    this.set({ status: 'active', staff, lastActivityAt: this.now() })
  }

  private set(state: StaffSessionState): void {
    this.state = state
    this.write()
    for (const listener of this.listeners) listener()
  }

  private write(): void {
    this.lastWrite = this.now()
    if (this.state.status === 'signedOut') {
      this.options.storage.removeItem(this.options.storageKey)
      return
    }
    const stored: Stored = { staff: this.state.staff, lastActivityAt: this.state.lastActivityAt, locked: this.state.status === 'locked' }
    this.options.storage.setItem(this.options.storageKey, JSON.stringify(stored))
  }

  private restore(): StaffSessionState {
    try {
      const text = this.options.storage.getItem(this.options.storageKey)
      if (text === null) return { status: 'signedOut' }
      const stored = JSON.parse(text) as Stored
      if (typeof stored.staff?.id !== 'string' || typeof stored.lastActivityAt !== 'number') return { status: 'signedOut' }
      return { status: stored.locked ? 'locked' : 'active', staff: stored.staff, lastActivityAt: stored.lastActivityAt }
    } catch {
      return { status: 'signedOut' }
    }
  }
}
