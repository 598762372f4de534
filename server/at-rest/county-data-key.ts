import { createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The county data key (COUNTY_DATA_KEY): 32 random bytes, written as 64 hex digits or as
 * base64 (44 characters, e.g. `openssl rand -base64 32`). It seals residents' ID numbers and
 * phone numbers in the database and the attachments on disk. Without it a backup cannot be
 * read, so it is kept apart from the data and its backups (README "County data at rest").
 */
const DATA_KEY_BYTES = 32
/** Where demo mode (no COUNTY_DATA_KEY) keeps the key it generated, inside the data folder. */
export const DEMO_DATA_KEY_FILE = 'county-data.key'

export const DATA_KEY_FORMAT_MESSAGE = 'COUNTY_DATA_KEY 应为32字节的随机密钥：64位十六进制，或44位base64（可用 openssl rand -base64 32 生成）'

/** The purposes the data key serves, each under its own subkey (HKDF-SHA256), so one use never weakens another. */
export type CountyKeys = {
  /** AES-256-GCM key of sealed database fields (shared/…/personal-fields). */
  readonly field: Buffer
  /** HMAC-SHA256 key of the lookup hashes (ID number, phone). */
  readonly lookup: Buffer
  /** AES-256-GCM key from which each attachment's own key is derived. */
  readonly file: Buffer
  /** HMAC of a fixed text: what the database keeps to tell a wrong key at start, not the key. */
  readonly check: string
}

/** The 32 bytes of a COUNTY_DATA_KEY value, or undefined when it is not one. */
export function parseDataKey(text: string): Buffer | undefined {
  const value = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (bytes.length === DATA_KEY_BYTES) return bytes
  }
  return undefined
}

export function deriveCountyKeys(master: Uint8Array): CountyKeys {
  const subkey = (purpose: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `bianmin county ${purpose} v1`, DATA_KEY_BYTES))
  const check = createHmac('sha256', subkey('key check')).update('bianmin-county-data-key-check').digest('hex')
  return { field: subkey('field'), lookup: subkey('lookup'), file: subkey('file'), check }
}

type ResolvedDataKey = {
  keys: CountyKeys
  source: 'env' | 'demoFile' | 'ephemeral'
  /** For the start log: a demo or throw-away key is not for real residents' data. */
  warning?: string
}

/**
 * The key from COUNTY_DATA_KEY (config `dataKey`, already checked by the config schema);
 * without one, demo mode: a key generated once and kept in `<dataDir>/county-data.key`
 * (mode 0600), or, for an in-memory database, a key that lives as long as the process.
 */
export function resolveDataKey(config: { dataKey?: string; dataDir: string }): ResolvedDataKey {
  if (config.dataKey !== undefined) {
    const key = parseDataKey(config.dataKey)
    if (!key) throw new Error(DATA_KEY_FORMAT_MESSAGE)
    return { keys: deriveCountyKeys(key), source: 'env' }
  }
  if (config.dataDir.includes('://')) {
    return {
      keys: deriveCountyKeys(randomBytes(DATA_KEY_BYTES)),
      source: 'ephemeral',
      warning: '未设置 COUNTY_DATA_KEY：内存数据库使用临时数据密钥，仅供演示和测试；重启后无法读取加密的数据',
    }
  }
  const dir = resolve(config.dataDir)
  const path = join(dir, DEMO_DATA_KEY_FILE)
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true })
    // `wx`: two instances starting at once on one folder must not each write their own key.
    try {
      writeFileSync(path, `${randomBytes(DATA_KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  chmodSync(path, 0o600)
  const key = parseDataKey(readFileSync(path, 'utf8'))
  if (!key) throw new Error(`演示数据密钥文件 ${path} 已损坏：${DATA_KEY_FORMAT_MESSAGE}`)
  return {
    keys: deriveCountyKeys(key),
    source: 'demoFile',
    warning: `未设置 COUNTY_DATA_KEY：演示模式，数据密钥保存在 ${path}，与数据放在一起，仅供演示；正式使用请设置 COUNTY_DATA_KEY 并将密钥与数据、备份分开保管`,
  }
}
