import {
  applicantIdLabel,
  applicantIdValue,
  deviceDate,
  documentNo,
  formatChineseDate,
  guideMaterial,
  type DocumentContext,
  type StationDocument,
  documentQrText,
} from './document-model'

function committedMaterials(context: DocumentContext) {
  return context.intake.materials.filter((material) => material.status === 'commitment')
}

export function needsCommitment(context: DocumentContext): boolean {
  return committedMaterials(context).length > 0
}

/**
 * 告知承诺书 (DOMAIN.md 告知承诺制): the administration tells the applicant which proofs a
 * written commitment replaces, the conditions and what breaking the commitment costs; the
 * applicant commits in writing. One sheet each side signs.
 */
export function commitmentDocument(context: DocumentContext): StationDocument {
  const { intake, station } = context
  const committed = committedMaterials(context)
  const applicant = intake.applicant
  const conditions = context.item?.conditions ?? []

  return {
    kind: 'commitment',
    title: '告知承诺书',
    documentNo: documentNo('commitment', intake.intakeNo),
    intakeNo: intake.intakeNo,
    qrText: documentQrText(context),
    issuer: station.name,
    date: deviceDate(intake.createdAt),
    sections: [
      {
        heading: '一、行政机关告知',
        paragraphs: [
          `申请人${applicant.name}申请办理“${intake.item.name}”（办件编号 ${intake.intakeNo}，实施部门 ${intake.item.department}）。按照证明事项告知承诺制，下列证明材料可由申请人书面承诺替代，不再提交：`,
        ],
        table: {
          columns: ['序号', '以承诺替代的证明材料', '原出具单位'],
          rows: committed.map((material, index) => [String(index + 1), material.name, guideMaterial(context, material)?.issuedBy ?? '—']),
        },
      },
      {
        paragraphs: [
          ...(conditions.length > 0 ? [`办理条件：${conditions.join('；')}`] : []),
          '行政机关将对承诺内容进行核查。申请人作出不实承诺的，将依法撤销据此作出的决定，记入信用记录，并依法追究相应法律责任。',
        ],
      },
      {
        heading: '二、申请人承诺',
        paragraphs: [
          `本人（单位）${applicant.name}，${applicantIdLabel(applicant)} ${applicantIdValue(applicant)}，已知晓上述告知内容，郑重承诺：`,
          '1. 本人（单位）符合上述办理条件，以承诺替代的证明材料所证明的事项真实、准确；',
          '2. 愿意接受行政机关的核查，如承诺不实，愿意承担相应的法律责任。',
        ],
        signatures: ['申请人（签字/盖章）', `日期：${formatChineseDate(deviceDate(intake.createdAt))}`, '经办人（签字）', '行政机关（盖章）'],
      },
    ],
  }
}
