import { idCardDataSchema, idCardFailure, nationName, type IdCardReadResult } from '../../shared/id-card'

/**
 * The standard SDK's base message (SDT_ReadBaseMsg): 256 bytes of fixed-width UCS-2LE text,
 * widths in bytes in this order (shared/docs/ID-CARD-READERS.md; check a vendor's header
 * before relying on a new SDK). The reserved tail is not read.
 */
const BASE_MESSAGE_FIELDS = [
  ['name', 30],
  ['sex', 2],
  ['nation', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['issuedBy', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['reserved', 36],
] as const

export const BASE_MESSAGE_LENGTH = BASE_MESSAGE_FIELDS.reduce((sum, [, width]) => sum + width, 0)

type FieldName = (typeof BASE_MESSAGE_FIELDS)[number][0]

const decoder = new TextDecoder('utf-16le')

/** Splits the message into its trimmed text fields (trailing spaces and NULs are padding). */
function splitBaseMessage(bytes: Uint8Array): Record<FieldName, string> {
  const fields = {} as Record<FieldName, string>
  let offset = 0
  for (const [name, width] of BASE_MESSAGE_FIELDS) {
    // Some SDKs pad with NUL instead of spaces: both are padding, never text.
    fields[name] = decoder
      .decode(bytes.subarray(offset, offset + width))
      .replaceAll('\u0000', ' ')
      .trimEnd()
    offset += width
  }
  return fields
}

/** YYYYMMDD → YYYY-MM-DD, or null when it is not eight digits. */
function cardDate(text: string): string | null {
  return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null
}

/**
 * Parses a base message into the card's data, or says why it cannot (badAnswer with the field):
 * a message of the wrong length, an unknown sex or nation code, a date that is not YYYYMMDD.
 * Pure, so it is tested on bytes built in the test; the ID number's check is the form's job.
 */
export function parseBaseMessage(bytes: Uint8Array): IdCardReadResult {
  if (bytes.length < BASE_MESSAGE_LENGTH) return idCardFailure('badAnswer', `基本信息长度为${bytes.length}字节，应为${BASE_MESSAGE_LENGTH}字节`)
  const fields = splitBaseMessage(bytes)
  const sex = fields.sex === '1' ? 'male' : fields.sex === '2' ? 'female' : null
  if (sex === null) return idCardFailure('badAnswer', `性别代码“${fields.sex}”无法识别`)
  const nation = nationName(fields.nation)
  if (nation === null) return idCardFailure('badAnswer', `民族代码“${fields.nation}”无法识别`)
  const birthDate = cardDate(fields.birthDate)
  const validFrom = cardDate(fields.validFrom)
  const validTo = fields.validTo === '长期' ? 'long' : cardDate(fields.validTo)
  if (birthDate === null || validFrom === null || validTo === null) return idCardFailure('badAnswer', '卡内日期格式不正确')
  const card = idCardDataSchema.safeParse({
    name: fields.name,
    sex,
    nation,
    birthDate,
    address: fields.address,
    idNumber: fields.idNumber,
    issuedBy: fields.issuedBy || undefined,
    validFrom,
    validTo,
  })
  if (!card.success) return idCardFailure('badAnswer', card.error.issues[0]?.message)
  return { ok: true, card: card.data }
}
