import { z } from './zod'

/**
 * A second-generation resident ID card as a reader gives it (shared/docs/ID-CARD-READERS.md):
 * the text fields only. The photo is never carried: the station does not store it.
 */
const cardDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')

const idCardSexSchema = z.enum(['male', 'female'])
type IdCardSex = z.infer<typeof idCardSexSchema>
export const ID_CARD_SEX_LABELS: Record<IdCardSex, string> = { male: '男', female: '女' }

/** GB 3304 nation codes as printed on the card (01 汉 … 56 基诺; 97 其他, 98 外国血统中国籍人士). */
const NATION_NAMES: Readonly<Record<string, string>> = {
  '01': '汉族',
  '02': '蒙古族',
  '03': '回族',
  '04': '藏族',
  '05': '维吾尔族',
  '06': '苗族',
  '07': '彝族',
  '08': '壮族',
  '09': '布依族',
  '10': '朝鲜族',
  '11': '满族',
  '12': '侗族',
  '13': '瑶族',
  '14': '白族',
  '15': '土家族',
  '16': '哈尼族',
  '17': '哈萨克族',
  '18': '傣族',
  '19': '黎族',
  '20': '傈僳族',
  '21': '佤族',
  '22': '畲族',
  '23': '高山族',
  '24': '拉祜族',
  '25': '水族',
  '26': '东乡族',
  '27': '纳西族',
  '28': '景颇族',
  '29': '柯尔克孜族',
  '30': '土族',
  '31': '达斡尔族',
  '32': '仫佬族',
  '33': '羌族',
  '34': '布朗族',
  '35': '撒拉族',
  '36': '毛南族',
  '37': '仡佬族',
  '38': '锡伯族',
  '39': '阿昌族',
  '40': '普米族',
  '41': '塔吉克族',
  '42': '怒族',
  '43': '乌孜别克族',
  '44': '俄罗斯族',
  '45': '鄂温克族',
  '46': '德昂族',
  '47': '保安族',
  '48': '裕固族',
  '49': '京族',
  '50': '塔塔尔族',
  '51': '独龙族',
  '52': '鄂伦春族',
  '53': '赫哲族',
  '54': '门巴族',
  '55': '珞巴族',
  '56': '基诺族',
  '97': '其他',
  '98': '外国血统中国籍人士',
}

/** The nation's name for a GB 3304 code, or null for a code outside the list. */
export function nationName(code: string): string | null {
  return NATION_NAMES[code.padStart(2, '0')] ?? null
}

export const idCardDataSchema = z.object({
  name: z.string().trim().min(1, '卡内姓名为空').max(50),
  sex: idCardSexSchema,
  /** The nation's name (汉族, 傣族…). */
  nation: z.string().trim().min(1).max(20),
  birthDate: cardDate,
  address: z.string().trim().min(1, '卡内住址为空').max(200),
  /** As the card holds it; the form checks it with checkResidentId like a typed number. */
  idNumber: z.string().trim().min(1, '卡内公民身份号码为空').max(18),
  issuedBy: z.string().trim().max(50).optional(),
  validFrom: cardDate,
  /** 'long' for a card valid 长期 (issued from 46 years of age). */
  validTo: z.union([cardDate, z.literal('long')]),
})
export type IdCardData = z.infer<typeof idCardDataSchema>

/** Why a read gave no card; each has one Chinese message the clerk can act on. */
const idCardErrorCodeSchema = z.enum(['noCard', 'busy', 'unreadable', 'noReader', 'unreachable', 'timeout', 'badAnswer'])
export type IdCardErrorCode = z.infer<typeof idCardErrorCodeSchema>

const ID_CARD_ERROR_MESSAGES: Record<IdCardErrorCode, string> = {
  noCard: '未检测到身份证：请把身份证平放在阅读器感应区上，再按“读取身份证”',
  busy: '读卡器忙：请稍候几秒再读，或拔插阅读器后重试',
  unreadable: '卡片无法读取：请擦拭卡面后重新放置；仍读不出时请手工录入',
  noReader: '未配置身份证阅读器：请在“本机维护”中设置阅读器，或手工录入',
  unreachable: '连接不上身份证阅读服务：请确认阅读器厂家的本地服务已启动、地址设置正确',
  timeout: '身份证阅读服务没有及时应答：请确认阅读器已连接，稍后重试',
  badAnswer: '身份证阅读服务的应答无法识别：请核对阅读器厂家与字段设置，或手工录入',
}

export const idCardReadResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), card: idCardDataSchema }),
  z.object({ ok: z.literal(false), code: idCardErrorCodeSchema, message: z.string() }),
])
export type IdCardReadResult = z.infer<typeof idCardReadResultSchema>

export function idCardFailure(code: IdCardErrorCode, detail?: string): IdCardReadResult {
  return { ok: false, code, message: detail ? `${ID_CARD_ERROR_MESSAGES[code]}（${detail}）` : ID_CARD_ERROR_MESSAGES[code] }
}

/**
 * Recorded on an intake whose applicant was read from a card, not typed (the photo never is).
 * Carries what the card adds to the applicant fields, and when it was read.
 */
export const intakeIdCardReadSchema = z.object({
  readAt: z.iso.datetime({ offset: true }),
  sex: idCardSexSchema,
  nation: z.string().trim().min(1).max(20),
  birthDate: cardDate,
  validFrom: cardDate,
  validTo: z.union([cardDate, z.literal('long')]),
})
export type IntakeIdCardRead = z.infer<typeof intakeIdCardReadSchema>

/** A card past its validity date on `today` (China date, YYYY-MM-DD); a 长期 card never is. */
export function isCardExpired(validTo: IdCardData['validTo'], today: string): boolean {
  return validTo !== 'long' && validTo < today
}

/** A key of the vendor's JSON, dot-separated for a nested one (e.g. `data.name`). */
const jsonPath = z
  .string()
  .trim()
  .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, '字段名只能由字母、数字和下划线组成，嵌套字段用“.”分隔')

const idCardFieldMappingSchema = z.object({
  name: jsonPath,
  sex: jsonPath,
  nation: jsonPath,
  birthDate: jsonPath,
  address: jsonPath,
  idNumber: jsonPath,
  issuedBy: jsonPath.optional(),
  validFrom: jsonPath,
  validTo: jsonPath,
})
export type IdCardFieldMapping = z.infer<typeof idCardFieldMappingSchema>

/** This device's reader, kept by the device (not the county): which one, and for a local service where and how. */
export const idCardReaderSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('simulator') }),
  z.object({ kind: z.literal('desktopSdk') }),
  z.object({
    kind: z.literal('localService'),
    /** The vendor service's read address on this machine, e.g. http://127.0.0.1:1919/readcard. */
    address: z.url({ protocol: /^https?$/, error: '请填写以 http:// 或 https:// 开头的读卡服务地址' }),
    mapping: idCardFieldMappingSchema,
  }),
])
export type IdCardReaderSettings = z.infer<typeof idCardReaderSettingsSchema>
export type IdCardReaderKind = IdCardReaderSettings['kind']
export const ID_CARD_READER_KIND_LABELS: Record<IdCardReaderKind, string> = {
  none: '不使用阅读器（手工录入）',
  simulator: '模拟阅读器（演示、测试）',
  desktopSdk: '桌面版标准接口（sdtapi.dll）',
  localService: '厂家本地读卡服务（浏览器版）',
}
