import type { CorrectionItem } from '../../../shared/decision'
import {
  applicantFields,
  contactParagraph,
  deviceDate,
  documentNo,
  guideMaterial,
  itemLabel,
  requirementText,
  type DocumentContext,
  type DocumentSection,
  type StationDocument,
  documentQrText,
} from './document-model'

/** The county's latest 补正 request, if it asked for one and it still stands. */
function correctionItems(context: DocumentContext): CorrectionItem[] {
  const decision = context.intake.decision
  return decision?.status === 'correctionRequested' ? (decision.correction ?? []) : []
}

/** The intake's materials recorded as missing at the window (not 容缺, not replaced). */
function missingMaterials(context: DocumentContext) {
  return context.intake.materials.filter((material) => material.status === 'missing')
}

export function needsOneTimeNotice(context: DocumentContext): boolean {
  return missingMaterials(context).length > 0 || correctionItems(context).length > 0
}

/**
 * 一次性告知书 (DOMAIN.md, 行政许可法 §32): every missing or wrong material at once, in writing:
 * those missing at the window and, after a county 补正, what it asked to correct. Dated the
 * day of the county's request when there is one, otherwise the day of the intake.
 */
export function oneTimeNoticeDocument(context: DocumentContext): StationDocument {
  const { intake, station } = context
  const missing = missingMaterials(context)
  const corrections = correctionItems(context)
  const correctionEvent = corrections.length > 0 ? intake.decision?.history.findLast((entry) => entry.status === 'correctionRequested') : undefined
  const date = deviceDate(correctionEvent?.at ?? intake.createdAt)

  const sections: DocumentSection[] = [
    { fields: [{ label: '办件编号', value: intake.intakeNo }, ...applicantFields(intake.applicant), { label: '办理事项', value: itemLabel(intake) }] },
    {
      paragraphs: [
        `${intake.applicant.name}：`,
        `您申请办理的“${intake.item.name}”，经审查，申请材料尚不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现将需要补齐、补正的全部材料一次性告知如下：`,
      ],
    },
  ]
  if (missing.length > 0) {
    sections.push({
      heading: '一、尚未提交的材料',
      table: {
        columns: ['序号', '材料名称', '提交要求'],
        rows: missing.map((material, index) => [String(index + 1), material.name, requirementText(guideMaterial(context, material))]),
      },
    })
  }
  if (corrections.length > 0) {
    sections.push({
      heading: `${missing.length > 0 ? '二' : '一'}、县级审核要求补正的材料`,
      table: {
        columns: ['序号', '材料名称', '需补正的内容'],
        rows: corrections.map((item, index) => [String(index + 1), item.name, item.problem]),
      },
      paragraphs: correctionEvent?.note ? [`县级审核意见：${correctionEvent.note}`] : [],
    })
  }
  sections.push({
    paragraphs: ['请您按上述要求一次性补齐、补正后，携带本告知书到本单位办理。除上述材料外，本单位不再要求您提交其他材料。', ...contactParagraph(context)],
    signatures: ['经办人（签字）', '申请人（签字）', '告知单位（盖章）'],
  })

  return {
    kind: 'oneTimeNotice',
    title: '一次性告知书',
    documentNo: documentNo('oneTimeNotice', intake.intakeNo),
    intakeNo: intake.intakeNo,
    qrText: documentQrText(context),
    issuer: station.name,
    date,
    sections,
  }
}
