import { intakeDueDate } from '../../db/intake-due-date'
import {
  applicantFields,
  contactParagraph,
  deviceDate,
  documentNo,
  formatChineseDate,
  itemLabel,
  receivedText,
  serviceModeLabel,
  type DocumentContext,
  type StationDocument,
  documentQrText,
} from './document-model'

/** Received here: taken in hand, checked as an e-licence, or replaced by a signed commitment. */
const RECEIVED = new Set(['provided', 'eLicence', 'commitment'])
/** Still owed by the applicant: listed too, so the slip shows the whole picture. */
const OWED = new Set(['deferred', 'missing'])

/**
 * 受理凭证 / 收件回执 (DOMAIN.md): document number, applicant, contact, item, date, acceptance
 * unit and clerk, promised completion date, materials received. It is a 受理凭证 when the
 * station's receipt is the acceptance (收件即受理, 即办件) or the county has accepted; until then
 * a 收件回执, whose limit starts when the county accepts.
 */
export function receiptDocument(context: DocumentContext): StationDocument {
  const { intake, station, calendar } = context
  const due = intakeDueDate(intake, calendar)
  const accepted = due.kind === 'due'
  const received = intake.materials.filter((material) => RECEIVED.has(material.status))
  const owed = intake.materials.filter((material) => OWED.has(material.status))
  const intakeDate = deviceDate(intake.createdAt)

  // A 即办件 has no limit to print ("0个工作日"), and is not 办结 until it is.
  const onTheSpot = intake.item.handling === '1'
  const completedHere = intake.onSiteCompletion !== undefined ? deviceDate(intake.onSiteCompletion.createdAt) : undefined
  const promised = onTheSpot
    ? completedHere !== undefined
      ? `已于${formatChineseDate(completedHere)}当场办结`
      : due.kind === 'due'
        ? `受理当日（${formatChineseDate(due.acceptedOn)}）办结`
        : '县级受理当日办结'
    : due.kind === 'due'
      ? `${formatChineseDate(due.date)}前（${due.basis}）`
      : `自县级受理之日起${due.limitLabel}内（受理后另行告知办结日期）`

  return {
    kind: 'receipt',
    title: accepted ? '受理凭证' : '收件回执',
    documentNo: documentNo('receipt', intake.intakeNo),
    intakeNo: intake.intakeNo,
    qrText: documentQrText(context),
    issuer: station.name,
    date: intakeDate,
    sections: [
      {
        fields: [
          { label: '办件编号', value: intake.intakeNo },
          ...applicantFields(intake.applicant),
          { label: '办理事项', value: itemLabel(intake) },
          // Taken with the bundle's other items: the resident holds one slip per intake, each naming the sitting.
          ...(intake.lifeEvent ? [{ label: '一件事一次办', value: `${intake.lifeEvent.name}，同批受理 ${intake.lifeEvent.itemCount} 件` }] : []),
          { label: '实施部门', value: intake.item.department },
          { label: '办理方式', value: serviceModeLabel(intake) },
          { label: '收件日期', value: formatChineseDate(intakeDate) },
          ...(due.kind === 'due' ? [{ label: '受理日期', value: formatChineseDate(due.acceptedOn) }] : []),
          { label: '受理单位', value: `${station.name}（${station.countyName}${station.township}）` },
          { label: '经办人', value: intake.staffName },
          { label: '承诺办结时限', value: onTheSpot ? '即办件（材料齐全的，受理当日办结）' : due.limitLabel },
          { label: '承诺办结日期', value: promised },
        ],
      },
      {
        heading: '已收取材料',
        table: {
          columns: ['序号', '材料名称', '收取情况'],
          rows: received.map((material, index) => [String(index + 1), material.name, receivedText(material)]),
        },
        paragraphs: received.length === 0 ? ['（无）'] : [],
      },
      ...(owed.length > 0
        ? [
            {
              heading: '尚需补交的材料',
              table: {
                columns: ['序号', '材料名称', '说明'],
                rows: owed.map((material, index) => [String(index + 1), material.name, receivedText(material)]),
              },
            },
          ]
        : []),
      {
        paragraphs: [
          accepted
            ? '您的申请已受理，本单位将在承诺办结日期前办结。请妥善保管本凭证，凭办件编号或扫描二维码查询办理进度。'
            : '您的申请材料已收到，将报送县级部门受理；受理后办结期限开始计算。请妥善保管本回执，凭办件编号或扫描二维码查询办理进度。',
          ...contactParagraph(context),
        ],
        signatures: ['经办人（签字）', '申请人（签字）', '受理单位（盖章）'],
      },
    ],
  }
}
