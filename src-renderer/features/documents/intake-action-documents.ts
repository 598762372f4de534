import type { StationSupplement } from '../../../shared/station-records'
import {
  applicantFields,
  contactParagraph,
  deviceDate,
  documentNo,
  documentQrText,
  formatChineseDate,
  itemLabel,
  receivedText,
  type DocumentContext,
  type StationDocument,
} from './document-model'

/** The last materials brought, the ones the resident's 补正材料收据 is for. */
export function latestSupplement(context: DocumentContext): StationSupplement | undefined {
  return context.intake.supplements?.at(-1)
}

/**
 * 补正材料收据: what the resident brought later (补正 or 容缺后补), how it was taken and how many
 * copies, so the resident holds proof of having supplied it and by when.
 */
export function supplementReceiptDocument(context: DocumentContext, supplement: StationSupplement): StationDocument {
  const { intake, station } = context
  const answered = supplement.answersCorrectionAt !== undefined
  return {
    kind: 'supplementReceipt',
    title: '补正材料收据',
    documentNo: documentNo('supplementReceipt', intake.intakeNo),
    intakeNo: intake.intakeNo,
    qrText: documentQrText(context),
    issuer: station.name,
    date: deviceDate(supplement.createdAt),
    sections: [
      {
        fields: [
          { label: '办件编号', value: intake.intakeNo },
          ...applicantFields(intake.applicant),
          { label: '办理事项', value: itemLabel(intake) },
          { label: '补交原因', value: answered ? '按县级补正通知补正材料' : '容缺受理后补交材料' },
          { label: '收取日期', value: formatChineseDate(deviceDate(supplement.createdAt)) },
          { label: '经办人', value: supplement.staffName },
        ],
      },
      {
        heading: '本次收取的材料',
        table: {
          columns: ['序号', '材料名称', '收取情况', '附件'],
          rows: supplement.materials.map((material, index) => [
            String(index + 1),
            material.name,
            receivedText(material),
            material.attachments.length > 0 ? `${material.attachments.length}个文件` : '—',
          ]),
        },
        paragraphs: supplement.note ? [`备注：${supplement.note}`] : [],
      },
      {
        paragraphs: [
          answered
            ? '以上材料已收取，将报送县级部门重新审查；审查结果请凭办件编号或扫描二维码查询。'
            : '以上容缺材料已按期补交。请妥善保管本收据，凭办件编号或扫描二维码查询办理进度。',
          ...contactParagraph(context),
        ],
        signatures: ['经办人（签字）', '申请人（签字）', '收件单位（盖章）'],
      },
    ],
  }
}

/** 撤回申请: the applicant's written withdrawal with its reason, signed by the applicant. */
export function withdrawalRequestDocument(context: DocumentContext): StationDocument {
  const { intake, station } = context
  const withdrawal = intake.withdrawal!
  return {
    kind: 'withdrawalRequest',
    title: '撤回申请',
    documentNo: documentNo('withdrawalRequest', intake.intakeNo),
    intakeNo: intake.intakeNo,
    qrText: documentQrText(context),
    issuer: station.name,
    date: deviceDate(withdrawal.createdAt),
    sections: [
      { fields: [{ label: '办件编号', value: intake.intakeNo }, ...applicantFields(intake.applicant), { label: '办理事项', value: itemLabel(intake) }] },
      {
        paragraphs: [
          `${station.name}：`,
          `本人（单位）于${formatChineseDate(deviceDate(intake.createdAt))}申请办理的“${intake.item.name}”（办件编号 ${intake.intakeNo}），现自愿申请撤回。`,
          `撤回原因：${withdrawal.reason}`,
          '本人（单位）知悉：撤回后本次申请终止办理；如需再次办理，须重新提出申请。',
        ],
        signatures: ['申请人（签字/盖章）', `日期：${formatChineseDate(deviceDate(withdrawal.createdAt))}`, `经办人：${withdrawal.staffName}（签字）`],
      },
    ],
  }
}

/**
 * 送达回证: who received the result at the station, their ID number (masked on paper like the
 * applicant's), relationship when not the applicant, and when; signed by the recipient.
 */
export function deliveryReceiptDocument(context: DocumentContext): StationDocument {
  const { intake, station } = context
  const handOver = intake.handOver ?? intake.decision?.handOver
  if (handOver === undefined) throw new Error('deliveryReceiptDocument needs a hand-over')
  const decision = intake.decision
  const result = decision?.result ?? intake.onSiteCompletion?.result
  const masked = `${handOver.recipientIdNumber.slice(0, 6)}${'*'.repeat(8)}${handOver.recipientIdNumber.slice(-4)}`
  return {
    kind: 'deliveryReceipt',
    title: '送达回证',
    documentNo: documentNo('deliveryReceipt', intake.intakeNo),
    intakeNo: intake.intakeNo,
    qrText: documentQrText(context),
    issuer: station.name,
    date: deviceDate(handOver.handedOverAt),
    sections: [
      {
        fields: [
          { label: '办件编号', value: intake.intakeNo },
          { label: '申请人', value: intake.applicant.name },
          { label: '办理事项', value: itemLabel(intake) },
          { label: '送达文书', value: `“${intake.item.name}”办理结果${result ? `（${result === 'approved' ? '准予' : '不予'}）` : ''}` },
          { label: '送达方式', value: '站点领取' },
          { label: '送达地点', value: station.name },
          { label: '领取人', value: handOver.recipientName },
          { label: '领取人公民身份号码', value: masked },
          { label: '与申请人关系', value: handOver.recipientIsApplicant ? '申请人本人' : (handOver.relationship ?? '') },
          {
            label: '领取时间',
            value: `${formatChineseDate(deviceDate(handOver.handedOverAt))} ${new Date(handOver.handedOverAt).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' })}`,
          },
          { label: '送达人', value: handOver.staffName },
        ],
      },
      {
        paragraphs: ['领取人已当面核对身份证件，确认收到上述办理结果。', ...(handOver.note ? [`备注：${handOver.note}`] : [])],
        signatures: ['领取人（签字）', '送达人（签字）', '送达单位（盖章）'],
      },
    ],
  }
}
