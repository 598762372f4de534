import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import type { CountyKeys } from './county-data-key'

/**
 * Column-level sealing of residents' ID numbers and phone numbers in what the county stores
 * (intake payloads, the mutation log, the change log stations pull, reports). Pure functions:
 * repositories call them on the way in and out, so services only ever see plain text and the
 * database (and its WAL) only ever ciphertext. Each value is AES-256-GCM under the field key
 * with a fresh nonce, written as `enc1:<base64 of nonce ‖ ciphertext ‖ tag>`; the JSON around
 * it keeps its shape, so SQL that reads other fields (item name, bundle id) still works.
 */
export const SEALED_PREFIX = 'enc1:'
const NONCE_BYTES = 12
const TAG_BYTES = 16
/** Binds a sealed value to this use: a file segment or another system's ciphertext does not open here. */
const FIELD_AAD = Buffer.from('bianmin county field v1')

/** The keys under which the protocol carries a resident's ID number or phone, wherever they nest. */
const PERSONAL_FIELD_NAMES: ReadonlySet<string> = new Set(['idNumber', 'phone', 'recipientIdNumber', 'residentPhone'])

/** A wrong COUNTY_DATA_KEY or a damaged value: the data cannot be read, and the message says why. */
export class DataKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DataKeyError'
  }
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX)
}

/**
 * Nonces come from a pool of random bytes drawn 512 nonces at a time: a push seals thousands
 * of fields, and one CSPRNG call per field cost more than the encryption. Each nonce is
 * still random and used once (a fresh pool replaces a spent one, never refills it).
 */
const NONCE_POOL_BYTES = NONCE_BYTES * 512
let noncePool = Buffer.alloc(0)
let nonceAt = 0

function nextNonce(): Buffer {
  if (nonceAt + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_POOL_BYTES)
    nonceAt = 0
  }
  nonceAt += NONCE_BYTES
  return noncePool.subarray(nonceAt - NONCE_BYTES, nonceAt)
}

/** Seals one text; an already sealed one is left as it is, so sealing twice is harmless. */
export function sealText(keys: CountyKeys, text: string): string {
  if (isSealed(text)) return text
  const nonce = nextNonce()
  const cipher = createCipheriv('aes-256-gcm', keys.field, nonce)
  cipher.setAAD(FIELD_AAD)
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  return SEALED_PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64')
}

/** Opens a sealed text; plain text (a row from before sealing) passes through. */
export function openText(keys: CountyKeys, value: string): string {
  if (!isSealed(value)) return value
  const bytes = Buffer.from(value.slice(SEALED_PREFIX.length), 'base64')
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new DataKeyError('加密字段已损坏，无法读取')
  const decipher = createDecipheriv('aes-256-gcm', keys.field, bytes.subarray(0, NONCE_BYTES))
  decipher.setAAD(FIELD_AAD)
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
  try {
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8')
  } catch {
    throw new DataKeyError('加密字段无法解开：COUNTY_DATA_KEY 与加密这些数据时的密钥不同，或数据已损坏')
  }
}

/** A copy of `value` with every personal field (PERSONAL_FIELD_NAMES, at any depth) sealed. */
export function sealPersonalFields<T>(keys: CountyKeys, value: T): T {
  return mapPersonalFields(value, (text) => sealText(keys, text))
}

/** A copy of `value` with every sealed personal field opened again. */
export function openPersonalFields<T>(keys: CountyKeys, value: T): T {
  return mapPersonalFields(value, (text) => openText(keys, text))
}

/**
 * A personal field's name and string value in JSON text: the name's opening quote follows `{`
 * or `,` (and blanks), so it is a quote that opens a key (inside a string every quote follows a
 * backslash); the value is one JSON string literal, escapes included.
 */
const PERSONAL_FIELD_IN_JSON = /(?<=[{,]\s*)"(?:idNumber|phone|recipientIdNumber|residentPhone)"\s*:\s*("(?:[^"\\]|\\.)*")/g

/**
 * openPersonalFields on JSON text, answering JSON text: only the sealed values are replaced,
 * the rest of the text is kept as it is, so a pull page of megabytes is neither parsed nor
 * written again (10,000 intakes of a first sync had been a third of the county's own work of
 * the pull). The field names must be written out plainly, as PostgreSQL writes jsonb (it
 * escapes only quotes, backslashes and control characters).
 */
export function openPersonalFieldsInJson(keys: CountyKeys, json: string): string {
  return json.replace(PERSONAL_FIELD_IN_JSON, (field: string, literal: string) => {
    if (!literal.startsWith(`"${SEALED_PREFIX}`)) return field
    const opened = JSON.stringify(openText(keys, JSON.parse(literal) as string))
    return field.slice(0, field.length - literal.length) + opened
  })
}

/** Whether any personal field of `value` is still plain text (the start's sealing pass). */
export function hasPlainPersonalField(value: unknown): boolean {
  let plain = false
  mapPersonalFields(value, (text) => {
    if (!isSealed(text)) plain = true
    return text
  })
  return plain
}

/**
 * Rebuilds the JSON value with `change` applied to the string values of personal fields.
 * Iterative (an explicit stack of source and copy), so no payload depth can overflow the call
 * stack. Keys are walked with Object.keys, not Object.entries: a push seals every field of
 * thousands of payloads, and a pair array per field was most of this walk's cost.
 */
function mapPersonalFields<T>(value: T, change: (text: string) => string): T {
  if (value === null || typeof value !== 'object') return value
  const copyOf = (source: object): object => (Array.isArray(source) ? [] : {})
  const root = copyOf(value)
  const stack: object[] = [value, root]
  while (stack.length > 0) {
    const target = stack.pop() as Record<string, unknown>
    const source = stack.pop() as Record<string, unknown>
    const isArray = Array.isArray(source)
    for (const key of Object.keys(source)) {
      const child = source[key]
      if (child !== null && typeof child === 'object') {
        const copy = copyOf(child)
        stack.push(child, copy)
        target[key] = copy
      } else if (typeof child === 'string' && !isArray && PERSONAL_FIELD_NAMES.has(key)) {
        target[key] = change(child)
      } else {
        target[key] = child
      }
    }
  }
  return root as T
}

/** The forms a person types an ID number in (lower-case x, spaces) hash alike. */
export function normaliseIdNumber(input: string): string {
  return input.replace(/\s/g, '').toUpperCase()
}

/** 139 0881 0001, +86 13908810001 and 0691-5123456 / 06915123456 hash alike: digits only, no country code. */
export function normalisePhone(input: string): string {
  return input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '')
}

/**
 * Keyed hashes (HMAC-SHA256 under the lookup subkey, hex) the county searches by, so it
 * finds an ID number or a phone exactly without ever scanning them in clear. The kind is
 * part of the message: an ID number and a phone never share a hash.
 */
export function idNumberLookupHash(keys: CountyKeys, idNumber: string): string {
  return createHmac('sha256', keys.lookup)
    .update(`id:${normaliseIdNumber(idNumber)}`, 'utf8')
    .digest('hex')
}

export function phoneLookupHash(keys: CountyKeys, phone: string): string {
  return createHmac('sha256', keys.lookup)
    .update(`phone:${normalisePhone(phone)}`, 'utf8')
    .digest('hex')
}
