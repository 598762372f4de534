import { ID_CARD_SEX_LABELS, isCardExpired, type IdCardData, type IntakeIdCardRead } from '../../../shared/id-card'
import { checkResidentId } from '../../../shared/validators'
import { chinaDate } from '../../../shared/working-days'
import type { IdCardFormRecord } from '../../db/intake-draft-record'

type IdCardFill = {
  /** The applicant fields the card fills (phone stays typed: the card has none). */
  person: { name: string; idNumber: string; address: string }
  record: IdCardFormRecord
  /** Why the card's number fails the same check as a typed one, or null. */
  idNumberProblem: string | null
  /** A card past its validity date is flagged, not refused: the clerk decides (e.g. a 换领 intake). */
  expiredNotice: string | null
}

/** A card read at `now`, as the 新建办件 form takes it. Pure: unit-tested on cards built in the test. */
export function idCardFill(card: IdCardData, now: Date): IdCardFill {
  const checked = checkResidentId(card.idNumber, now)
  const idNumber = checked.ok ? checked.value : card.idNumber
  const today = chinaDate(now)
  return {
    person: { name: card.name, idNumber, address: card.address },
    record: {
      readAt: now.toISOString(),
      sex: card.sex,
      nation: card.nation,
      birthDate: card.birthDate,
      validFrom: card.validFrom,
      validTo: card.validTo,
      idNumber,
    },
    idNumberProblem: checked.ok ? null : checked.message,
    expiredNotice: isCardExpired(card.validTo, today) ? `该身份证已过有效期（有效期至${card.validTo}），请提醒申请人换领；本次办理请核对其他有效证件` : null,
  }
}

/** 有效期限 as printed on the card: 2016.05.20-2036.05.20, or …-长期. */
function validityText(record: Pick<IntakeIdCardRead, 'validFrom' | 'validTo'>): string {
  const dotted = (iso: string) => iso.replaceAll('-', '.')
  return `${dotted(record.validFrom)}-${record.validTo === 'long' ? '长期' : dotted(record.validTo)}`
}

/** The card's line under the applicant fields: 性别 女 · 民族 傣族 · 出生 1985-03-14 · 有效期限 …. */
export function idCardSummary(record: IntakeIdCardRead): string {
  return `性别 ${ID_CARD_SEX_LABELS[record.sex]} · 民族 ${record.nation} · 出生 ${record.birthDate} · 有效期限 ${validityText(record)}`
}

/**
 * The read stays on the intake only while the typed number is the card's: a clerk who corrects
 * the number by hand has typed the identity, so the intake must not say it came from a card.
 */
export function idCardReadFor(record: IdCardFormRecord | undefined, typedIdNumber: string | undefined): IntakeIdCardRead | undefined {
  if (record === undefined || typedIdNumber === undefined) return undefined
  if (typedIdNumber.trim().toUpperCase() !== record.idNumber) return undefined
  const { idNumber: _idNumber, ...read } = record
  return read
}
