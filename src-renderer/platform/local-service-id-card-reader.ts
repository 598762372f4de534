import { idCardDataSchema, idCardFailure, nationName, type IdCardFieldMapping, type IdCardReadResult } from '../../shared/id-card'
import type { IdCardReader } from './id-card-reader'

/**
 * Field names seen in public examples of vendors' local services (ID-CARD-READERS.md §2). No
 * vendor documents exactly this; it is the starting point the clerk's settings adjust.
 */
export const GENERIC_LOCAL_SERVICE_MAPPING: IdCardFieldMapping = {
  name: 'name',
  sex: 'sex',
  nation: 'nation',
  birthDate: 'birthday',
  address: 'address',
  idNumber: 'idCode',
  issuedBy: 'department',
  validFrom: 'startDate',
  validTo: 'endDate',
}

/** A read takes about a second; a service silent for longer than this is stuck or absent. */
const LOCAL_SERVICE_TIMEOUT_MS = 8000

type LocalServiceOptions = {
  address: string
  mapping: IdCardFieldMapping
  timeoutMs?: number
  fetch?: typeof fetch
}

/**
 * A vendor's local read service over HTTP (browser mode, any OS): GET the address, map the JSON
 * answer by the settings' field names. Whatever goes wrong (nothing listening, no answer in
 * time, not JSON, fields missing) ends as a failure with a Chinese message, never a throw.
 */
export function createLocalServiceIdCardReader(options: LocalServiceOptions): IdCardReader {
  const timeoutMs = options.timeoutMs ?? LOCAL_SERVICE_TIMEOUT_MS
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init))
  return {
    kind: 'localService',
    read: async () => {
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), timeoutMs)
      let body: string
      try {
        const response = await fetchImpl(options.address, { signal: controller.signal, cache: 'no-store' })
        if (!response.ok) return idCardFailure('badAnswer', `HTTP ${response.status}`)
        body = await response.text()
      } catch {
        return controller.signal.aborted ? idCardFailure('timeout') : idCardFailure('unreachable')
      } finally {
        clearTimeout(timer)
      }
      return parseLocalServiceAnswer(body, options.mapping)
    },
  }
}

/** The vendor's answer (JSON text) as a card, by the mapping; pure, so each vendor's quirks are unit-tested. */
export function parseLocalServiceAnswer(body: string, mapping: IdCardFieldMapping): IdCardReadResult {
  let answer: unknown
  try {
    answer = JSON.parse(body)
  } catch {
    return idCardFailure('badAnswer', '不是JSON')
  }
  const text = (path: string | undefined) => {
    if (path === undefined) return undefined
    const value = path
      .split('.')
      .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), answer)
    return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined
  }
  const idNumber = text(mapping.idNumber)
  const name = text(mapping.name)
  // Services answer "no card" with the fields empty (and their own flag, which differs by vendor).
  if (!idNumber && !name) return idCardFailure('noCard')
  const sex = sexOf(text(mapping.sex))
  const nation = nationOf(text(mapping.nation))
  const birthDate = dateOf(text(mapping.birthDate))
  const validFrom = dateOf(text(mapping.validFrom))
  const validToText = text(mapping.validTo)
  const validTo = validToText === '长期' ? 'long' : dateOf(validToText)
  const missing = [
    sex === null && '性别',
    nation === null && '民族',
    birthDate === null && '出生日期',
    validFrom === null && '有效期起',
    validTo === null && '有效期止',
  ].filter(Boolean)
  if (missing.length > 0) return idCardFailure('badAnswer', `无法识别${missing.join('、')}`)
  const card = idCardDataSchema.safeParse({
    name,
    sex,
    nation,
    birthDate,
    address: text(mapping.address),
    idNumber,
    issuedBy: text(mapping.issuedBy) || undefined,
    validFrom,
    validTo,
  })
  if (!card.success) return idCardFailure('badAnswer', card.error.issues[0]?.message)
  return { ok: true, card: card.data }
}

function sexOf(value: string | undefined): 'male' | 'female' | null {
  if (value === '男' || value === '1') return 'male'
  if (value === '女' || value === '2') return 'female'
  return null
}

/** A GB 3304 code (01, 18) or a name with or without 族 (傣, 傣族). */
function nationOf(value: string | undefined): string | null {
  if (value === undefined || value === '') return null
  if (/^\d{1,2}$/.test(value)) return nationName(value)
  return value.endsWith('族') || value === '其他' || value === '外国血统中国籍人士' ? value : `${value}族`
}

/** YYYYMMDD, YYYY-MM-DD or YYYY.MM.DD as YYYY-MM-DD. */
function dateOf(value: string | undefined): string | null {
  const match = value === undefined ? null : /^(\d{4})[-.]?(\d{2})[-.]?(\d{2})$/.exec(value)
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null
}
