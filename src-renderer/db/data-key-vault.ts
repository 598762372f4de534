import { deriveSubkey } from './sealing'
import { keyedHmacSha256, toHex, type KeyedHmac } from '../../shared/sha256'

const encoder = new TextEncoder()

/**
 * Where the device data key lives while the station works: only here, in memory.
 * - `off`: at-rest encryption not set up on this database (no key was ever made; unit tests
 *   of other features, and a browser station before its first sign-in). Rows pass through plain.
 * - `locked`: a key exists (wrapped in `meta`) but is not in memory: nobody signed in. Sealed
 *   rows read without their sealed fields and writing personal data throws DataKeyLockedError.
 * - `unlocked`: rows are sealed on write and opened on read.
 */
type DataKeyState = 'off' | 'locked' | 'unlocked'

export const DATA_KEY_LOCKED_MESSAGE = '本机数据已加密，请工作人员登录后再操作'

export class DataKeyLockedError extends Error {
  readonly code = 'data_locked'
  constructor() {
    super(DATA_KEY_LOCKED_MESSAGE)
    this.name = 'DataKeyLockedError'
  }
}

/** What guards the key at rest: nothing yet, each staff password (browser mode), or the OS key store (desktop). */
type DataKeyProtection = 'none' | 'staffPassword' | 'osKeyStore'

export class DataKeyVault {
  /** Set once at start (db/data-key-access.ts); `none` leaves at-rest encryption off. */
  protection: DataKeyProtection = 'none'
  private stateValue: DataKeyState = 'off'
  private key: Uint8Array | null = null
  private searchKey: Uint8Array | null = null
  /** HMAC under searchKey with its pads hashed once (keyedHmacSha256). */
  private searchHmac: KeyedHmac | null = null
  private readonly listeners = new Set<() => void>()

  get state(): DataKeyState {
    return this.stateValue
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A key exists on this device but is not in memory. */
  markLocked(): void {
    this.forget()
    this.set('locked')
  }

  unlock(key: Uint8Array): void {
    this.forget()
    this.key = key.slice()
    this.searchKey = deriveSubkey(this.key, 'id-number-search')
    this.searchHmac = keyedHmacSha256(this.searchKey)
    this.set('unlocked')
  }

  /** Drops the key from memory (sign-out, idle lock); a database without a key stays `off`. */
  lock(): void {
    if (this.stateValue === 'off') return
    this.markLocked()
  }

  /** The key for sealing and opening; throws DataKeyLockedError unless unlocked. */
  dataKey(): Uint8Array {
    if (this.key === null) throw new DataKeyLockedError()
    return this.key
  }

  /** Keyed hash of a normalised ID number (hex), for the `idNumberHashes` index. */
  idNumberHash(normalisedIdNumber: string): string {
    if (this.searchHmac === null) throw new DataKeyLockedError()
    return toHex(this.searchHmac.digest(encoder.encode(normalisedIdNumber)))
  }

  private forget(): void {
    // Overwrite before dropping: the bytes do not linger in a buffer the GC has not reclaimed yet.
    this.key?.fill(0)
    this.searchKey?.fill(0)
    this.key = null
    this.searchKey = null
  }

  private set(state: DataKeyState): void {
    this.stateValue = state
    for (const listener of this.listeners) listener()
  }
}

/** "110101199003071234" and " 11010119900307123x " are the same ID number. */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase()
}
