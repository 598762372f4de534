import {
  applicantIdLabel,
  applicantIdValue,
  contactParagraph,
  deviceDate,
  documentNo,
  formatChineseDate,
  guideMaterial,
  itemLabel,
  requirementText,
  type DocumentContext,
  type StationDocument,
  documentQrText,
} from './document-model'

function deferredMaterials(context: DocumentContext) {
  return context.intake.materials.filter((material) => material.status === 'deferred')
}

export function needsDeficiencyNotice(context: DocumentContext): boolean {
  return deferredMaterials(context).length > 0
}

/**
 * 容缺受理通知书 with the applicant's 容缺受理承诺书 on its own sheet (DOMAIN.md 容缺受理):
 * the non-key materials accepted as missing and the date each is due, no later than the
 * promised limit; if they are not supplied by then, the case ends.
 */
export function deficiencyNoticeDocument(context: DocumentContext): StationDocument {
  const { intake, station } = context
  const deferred = deferredMaterials(context)
  const rows = deferred.map((material, index) => [
    String(index + 1),
    material.name,
    requirementText(guideMaterial(context, material)),
    material.dueDate ? formatChineseDate(material.dueDate) : '按通知期限',
  ])
  const table = { columns: ['序号', '容缺材料', '提交要求', '补交期限'], rows }
  const applicant = intake.applicant

  return {
    kind: 'deficiencyNotice',
    title: '容缺受理通知书',
    documentNo: documentNo('deficiencyNotice', intake.intakeNo),
    intakeNo: intake.intakeNo,
    qrText: documentQrText(context),
    issuer: station.name,
    date: deviceDate(intake.createdAt),
    sections: [
      {
        paragraphs: [
          `${applicant.name}：`,
          `您申请办理的“${itemLabel(intake)}”（办件编号 ${intake.intakeNo}），主要申请材料齐全、符合法定形式，但下列非关键材料暂缺。根据容缺受理制度，本单位对您的申请予以容缺受理。请您在补交期限内补齐下列材料：`,
        ],
        table,
      },
      {
        paragraphs: ['逾期未补齐的，本次办理终止。补齐材料时请携带本通知书。', ...contactParagraph(context)],
        signatures: ['经办人（签字）', '受理单位（盖章）'],
      },
      {
        newPage: { title: '容缺受理承诺书' },
        paragraphs: [
          `本人（单位）${applicant.name}，${applicantIdLabel(applicant)} ${applicantIdValue(applicant)}，联系电话 ${applicant.phone}，申请办理“${intake.item.name}”（办件编号 ${intake.intakeNo}），自愿申请容缺受理，并郑重承诺：`,
          '一、已提交的申请材料真实、合法、有效；',
          '二、在下列补交期限内补齐所缺材料：',
        ],
        table,
      },
      {
        paragraphs: ['三、如未按期补齐，同意终止本次办理，由此产生的一切后果由本人（单位）承担。'],
        signatures: ['承诺人（签字/盖章）', `日期：${formatChineseDate(deviceDate(intake.createdAt))}`],
      },
    ],
  }
}
