import { DELIVERY_METHOD_LABELS, RESULT_LABELS } from '../../../shared/decision'
import type { IntakeStatus } from '../../../shared/intake-status'
import { chinaDate } from '../../../shared/working-days'
import {
  applicantFields,
  contactParagraph,
  deviceDate,
  documentNo,
  documentQrText,
  formatChineseDate,
  itemLabel,
  type DocumentContext,
  type DocumentKind,
  type StationDocument,
} from './document-model'

/** The county's decision documents, by the status that calls for one. */
const DECISION_DOCUMENTS: Partial<Record<IntakeStatus, DocumentKind>> = {
  refused: 'refusalDecision',
  completed: 'completionNotice',
  delivered: 'completionNotice',
  terminated: 'terminationNotice',
}

/** The written notice the county's last decision owes the resident (DOMAIN.md), if any. */
export function decisionDocumentKind(context: DocumentContext): DocumentKind | undefined {
  const status = context.intake.decision?.status
  return status === undefined ? undefined : DECISION_DOCUMENTS[status]
}

/** China date of the county's event that set `status` (the county's clock), else of the intake. */
function decidedOn(context: DocumentContext, status: IntakeStatus): string {
  const event = context.intake.decision?.history.findLast((entry) => entry.status === status)
  return event ? chinaDate(new Date(event.at)) : deviceDate(context.intake.createdAt)
}

function header(context: DocumentContext, kind: DocumentKind, title: string, date: string): Omit<StationDocument, 'sections'> {
  const { intake } = context
  // Decided by the county department; the station prints it for the resident and hands it over.
  return {
    kind,
    title,
    documentNo: documentNo(kind, intake.intakeNo),
    intakeNo: intake.intakeNo,
    qrText: documentQrText(context),
    issuer: intake.item.department,
    date,
  }
}

/** 不予受理决定书: the reason, and the remedies: apply again, 行政复议 (60 days) or 行政诉讼 (6 months). */
export function refusalDecisionDocument(context: DocumentContext): StationDocument {
  const { intake, station } = context
  const date = decidedOn(context, 'refused')
  return {
    ...header(context, 'refusalDecision', '不予受理决定书', date),
    sections: [
      { fields: [{ label: '办件编号', value: intake.intakeNo }, ...applicantFields(intake.applicant), { label: '申请事项', value: itemLabel(intake) }] },
      {
        paragraphs: [
          `${intake.applicant.name}：`,
          `你（单位）于${formatChineseDate(deviceDate(intake.createdAt))}在${station.name}提出的“${intake.item.name}”申请，经审查，决定不予受理。`,
          `理由：${intake.decision?.refusalReason ?? '见县级审查意见'}`,
          '你（单位）可以在补齐条件或材料后重新提出申请。',
          `如对本决定不服，可以自收到本决定书之日起六十日内向${station.countyName}人民政府申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。`,
          ...contactParagraph(context),
        ],
        signatures: ['申请人签收（签字）', `签收日期：`, `${intake.item.department}（盖章）`],
      },
    ],
  }
}

/** 办结通知: the result (准予/不予) and how it reaches the resident. */
export function completionNoticeDocument(context: DocumentContext): StationDocument {
  const { intake } = context
  const decision = intake.decision
  const date = decision?.completedAt ? chinaDate(new Date(decision.completedAt)) : decidedOn(context, 'completed')
  const method = decision?.deliveryMethod
  const delivery =
    method === 'station'
      ? `请申请人本人携带身份证件到本站领取办理结果；委托他人领取的，领取人须携带本人身份证件。`
      : method !== undefined
        ? `办理结果将以“${DELIVERY_METHOD_LABELS[method]}”方式送达。`
        : '办理结果的送达方式请向办理部门咨询。'
  return {
    ...header(context, 'completionNotice', '办结通知', date),
    sections: [
      {
        fields: [
          { label: '办件编号', value: intake.intakeNo },
          ...applicantFields(intake.applicant),
          { label: '办理事项', value: itemLabel(intake) },
          { label: '办结日期', value: formatChineseDate(date) },
          { label: '办理结果', value: decision?.result ? RESULT_LABELS[decision.result] : '见办理结果文书' },
          ...(decision?.resultNote ? [{ label: '结果说明', value: decision.resultNote }] : []),
          ...(method ? [{ label: '送达方式', value: DELIVERY_METHOD_LABELS[method] }] : []),
        ],
      },
      {
        paragraphs: [
          `${intake.applicant.name}：`,
          `您申请办理的“${intake.item.name}”已办结。${delivery}`,
          ...(decision?.result === 'denied' ? ['如对办理结果不服，可以依法申请行政复议或者提起行政诉讼。'] : []),
          ...contactParagraph(context),
        ],
        signatures: [`${intake.item.department}（盖章）`],
      },
    ],
  }
}

/** 终止办理通知书: the 容缺 material not supplied by its 补交期限, and the county's reason. */
export function terminationNoticeDocument(context: DocumentContext): StationDocument {
  const { intake } = context
  const date = decidedOn(context, 'terminated')
  const overdue = intake.materials.filter((material) => material.status === 'deferred' && material.dueDate !== undefined && material.dueDate < date)
  return {
    ...header(context, 'terminationNotice', '终止办理通知书', date),
    sections: [
      { fields: [{ label: '办件编号', value: intake.intakeNo }, ...applicantFields(intake.applicant), { label: '办理事项', value: itemLabel(intake) }] },
      {
        paragraphs: [
          `${intake.applicant.name}：`,
          `您于${formatChineseDate(deviceDate(intake.createdAt))}申请办理的“${intake.item.name}”，经容缺受理后，下列材料未在承诺的补交期限内补齐。根据容缺受理制度和您签署的容缺受理承诺书，本次办理终止。`,
        ],
        table:
          overdue.length > 0
            ? {
                columns: ['序号', '未补齐的材料', '补交期限'],
                rows: overdue.map((material, index) => [String(index + 1), material.name, formatChineseDate(material.dueDate!)]),
              }
            : undefined,
      },
      {
        paragraphs: [
          `终止理由：${intake.decision?.terminationReason ?? '容缺材料逾期未补齐'}`,
          '如需继续办理，请备齐全部材料后重新提出申请。',
          ...contactParagraph(context),
        ],
        signatures: ['申请人签收（签字）', '签收日期：', `${intake.item.department}（盖章）`],
      },
    ],
  }
}
