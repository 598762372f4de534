import { crossRegionSchema, handlingSchema, ITEM_CODE_MAX, limitUnitSchema, type ServiceItem } from './catalog'
import { intakeIdCardReadSchema } from './id-card'
import { checkCreditCode, checkPhone, checkResidentId, type CheckResult } from './validators'
import { z } from './zod'

/** Turns a validator into a zod refinement that keeps the normalised value. */
export function checked(check: (value: string) => CheckResult) {
  return z.string().transform((value, ctx) => {
    const result = check(value)
    if (result.ok) return result.value
    ctx.addIssue({ code: 'custom', message: result.message })
    return z.NEVER
  })
}

const text = (max: number, required = '此项为必填项') => z.string().trim().min(1, required).max(max, `不能超过${max}个字`)

export const personApplicantSchema = z.object({
  kind: z.literal('person'),
  name: text(50, '请填写申请人姓名'),
  idNumber: checked(checkResidentId),
  phone: checked(checkPhone),
  address: text(200, '请填写住址'),
})

export const organisationApplicantSchema = z.object({
  kind: z.literal('organisation'),
  name: text(100, '请填写单位名称'),
  creditCode: checked(checkCreditCode),
  legalRepresentative: text(50, '请填写法定代表人'),
  phone: checked(checkPhone),
  address: text(200, '请填写单位地址'),
})

const applicantSchema = z.discriminatedUnion('kind', [personApplicantSchema, organisationApplicantSchema])

/** 办理方式: the resident does it, staff help (帮办), or staff act for the resident (代办). */
export const serviceModeSchema = z.enum(['self', 'assisted', 'proxy'])
export const SERVICE_MODE_LABELS: Record<ServiceMode, string> = { self: '本人办理', assisted: '帮办', proxy: '代办' }

export const assistReasonSchema = z.enum(['elderly', 'disabled', 'ill', 'remote', 'other'])
export const ASSIST_REASON_LABELS: Record<AssistReason, string> = {
  elderly: '年老',
  disabled: '残疾',
  ill: '患病',
  remote: '居住偏远',
  other: '其他',
}

/** What the clerk recorded for each material of the item. */
export const materialStatusSchema = z.enum(['provided', 'deferred', 'commitment', 'eLicence', 'notApplicable', 'missing'])
export const MATERIAL_STATUS_LABELS: Record<MaterialStatus, string> = {
  provided: '已收取',
  deferred: '容缺后补',
  commitment: '告知承诺替代',
  eLicence: '电子证照替代',
  notApplicable: '不适用',
  missing: '缺少',
}

export const providedFormSchema = z.enum(['original', 'copy', 'electronic'])
export const PROVIDED_FORM_LABELS: Record<ProvidedForm, string> = { original: '原件', copy: '复印件', electronic: '电子件' }

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, '文件摘要应为64位十六进制SHA-256')

export const intakeMaterialSchema = z.object({
  materialId: z.string().min(1).max(32),
  name: text(200),
  status: materialStatusSchema,
  form: providedFormSchema.optional(),
  count: z.number().int().min(0).max(99).optional(),
  /** For 容缺后补: when the resident must bring it, no later than the promised limit. */
  dueDate: isoDate.optional(),
  attachments: z.array(sha256).max(20).default([]),
})

/** The item as it was when the intake was made, so later catalog changes never rewrite history. */
export const itemSnapshotSchema = z.object({
  id: z.string().min(1).max(ITEM_CODE_MAX),
  implCode: z.string().min(1).max(ITEM_CODE_MAX),
  name: text(200),
  version: z.number().int().min(1),
  department: text(100),
  handling: handlingSchema,
  promisedLimitDays: z.number().int().min(0).max(365),
  /** Absent from older stations: their limits were all working days. */
  limitUnit: limitUnitSchema.optional(),
  acceptOnReceipt: z.boolean(),
  crossRegion: crossRegionSchema.optional(),
})

/**
 * The snapshot an intake keeps of its item: the one place that says which of the item's fields
 * travel with an intake (the station's submit, and the scripts and tests that push like a station).
 */
export function itemSnapshotOf(item: ServiceItem): ItemSnapshot {
  return {
    id: item.id,
    implCode: item.implCode,
    name: item.name,
    version: item.version,
    department: item.department,
    handling: item.handling,
    promisedLimitDays: item.promisedLimitDays,
    // A station's catalog copy stored before limit units has none: its limits were working days.
    limitUnit: item.limitUnit ?? 'workingDays',
    acceptOnReceipt: item.acceptOnReceipt,
    crossRegion: item.crossRegion,
  }
}

/**
 * 办件编号: station code + date + the device's 3-character tag and its sequence, unique per
 * station even while its devices are offline (src-renderer/features/intake/intake-number.ts).
 * Numbers made before the tag (no tag) stay valid: they are already on stations and the county.
 */
export const intakeNoSchema = z.string().regex(/^[0-9A-Za-z]{1,20}-\d{8}-(?:[A-Z][0-9A-Z]{2})?\d{4,6}$/, '办件编号格式不正确')

/**
 * 一件事一次办: the bundle an intake was taken in. Each item of the bundle is its own intake
 * (each department decides its own), and every intake of one sitting carries the same
 * `bundleId`, so the county and the station can show them together.
 */
export const intakeLifeEventSchema = z.object({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/),
  name: text(100),
  /** The same uuid on every intake taken together for this resident. */
  bundleId: z.uuid(),
  /** How many intakes were taken together. */
  itemCount: z.number().int().min(2).max(50),
})

/** 代办人: who acts for the applicant, recorded in fields (required for 代办). */
export const intakeAgentSchema = z.object({
  name: text(50, '请填写代办人姓名'),
  idNumber: checked(checkResidentId),
  phone: checked(checkPhone),
  relationship: text(50, '请填写代办人与申请人的关系'),
})

/**
 * 进度查询码: a random key the station makes for each intake (at least 128 bits, base64url),
 * printed in the QR code of its documents. The county keeps only its SHA-256, so the key
 * cannot be read back nor guessed from the intake number.
 */
export const lookupKeySchema = z.string().regex(/^[A-Za-z0-9_-]{22,86}$/, '查询码应为22至86位base64url字符')

/** Server clock minus device clock, as measured from /health; a year either way at most. */
const clockOffsetMsSchema = z
  .number()
  .int()
  .min(-366 * 86_400_000)
  .max(366 * 86_400_000)

/** What the station collects and owns (PROTOCOL.md principle 3). */
export const intakeSubmitPayloadSchema = z
  .object({
    id: z.uuid(),
    intakeNo: intakeNoSchema,
    stationCode: z.string().min(1).max(20),
    item: itemSnapshotSchema,
    applicant: applicantSchema,
    serviceMode: serviceModeSchema,
    assistReason: assistReasonSchema.optional(),
    assistNote: z.string().trim().max(200).optional(),
    /** For 代办: the written authorization the resident gave. */
    proxyAuthorization: z.string().trim().max(200).optional(),
    /** For 代办: the agent (required for new intakes, see newIntakeSubmitPayloadSchema; absent in older ones). */
    agent: intakeAgentSchema.optional(),
    materials: z.array(intakeMaterialSchema).max(100),
    staffName: text(50, '请填写经办人'),
    note: z.string().trim().max(1000).optional(),
    /** Set when taken as part of a 一件事一次办 bundle. */
    lifeEvent: intakeLifeEventSchema.optional(),
    /** Set when the person applicant's identity was read from their ID card, not typed (never the photo). */
    idCardRead: intakeIdCardReadSchema.optional(),
    /** Device clock, kept as data only; never used for ordering. */
    createdAt: z.iso.datetime({ offset: true }),
    /**
     * Device clock when the window received the complete application; with `clockOffsetMs`
     * the county derives the acceptance time of 收件即受理 and 即办件 (shared/acceptance-time.ts).
     */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    /** The device's last measured offset (server − device, ms) when the intake was made. */
    clockOffsetMs: clockOffsetMsSchema.optional(),
    /** 进度查询码 (absent from older stations). */
    lookupKey: lookupKeySchema.optional(),
  })
  .superRefine((intake, ctx) => {
    if (intake.serviceMode !== 'self' && intake.assistReason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['assistReason'], message: '帮办或代办须选择原因（年老、残疾、患病、居住偏远或其他）' })
    }
    if (intake.idCardRead !== undefined && intake.applicant.kind !== 'person') {
      ctx.addIssue({ code: 'custom', path: ['idCardRead'], message: '读取身份证只适用于个人申请人' })
    }
    if (intake.serviceMode === 'proxy' && !intake.proxyAuthorization) {
      ctx.addIssue({ code: 'custom', path: ['proxyAuthorization'], message: '代办须记录申请人的授权（如授权委托书）' })
    }
    intake.materials.forEach((material, index) => {
      if (material.status === 'deferred' && material.dueDate === undefined) {
        ctx.addIssue({ code: 'custom', path: ['materials', index, 'dueDate'], message: `容缺后补的“${material.name}”须填写补交期限` })
      }
    })
  })

/** Why a new intake may not be taken as it is: 代办 without its agent; undefined when fine. */
export function proxyAgentIssue(intake: { serviceMode: ServiceMode; agent?: unknown }): string | undefined {
  return intake.serviceMode === 'proxy' && intake.agent === undefined ? '代办须登记代办人的姓名、身份证号、联系电话和与申请人的关系' : undefined
}

/**
 * What a new intake must satisfy: the wire schema above also holds intakes stored before
 * the agent fields existed, so the rule that 代办 names its agent applies here, to intakes
 * being made (the station's wizard) and arriving (the county refuses one without it).
 */
export const newIntakeSubmitPayloadSchema = intakeSubmitPayloadSchema.superRefine((intake, ctx) => {
  const issue = proxyAgentIssue(intake)
  if (issue) ctx.addIssue({ code: 'custom', path: ['agent'], message: issue })
})

export type Applicant = z.infer<typeof applicantSchema>
export type ServiceMode = z.infer<typeof serviceModeSchema>
export type AssistReason = z.infer<typeof assistReasonSchema>
export type MaterialStatus = z.infer<typeof materialStatusSchema>
export type ProvidedForm = z.infer<typeof providedFormSchema>
export type IntakeMaterial = z.infer<typeof intakeMaterialSchema>
type ItemSnapshot = z.infer<typeof itemSnapshotSchema>
export type IntakeLifeEvent = z.infer<typeof intakeLifeEventSchema>
export type IntakeSubmitPayload = z.infer<typeof intakeSubmitPayloadSchema>
/** Input side of the payload (before normalisation), as a form holds it. */
export type IntakeSubmitInput = z.input<typeof intakeSubmitPayloadSchema>
