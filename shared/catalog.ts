import { z } from './zod'

/** GB/T 39046 事项类型. 行政备案 is recorded as 10 with `itemSubKind: "行政备案"`. */
const itemTypeSchema = z.enum(['01', '05', '07', '08', '09', '10', '20'])
export const ITEM_TYPE_LABELS: Record<ItemType, string> = {
  '01': '行政许可',
  '05': '行政给付',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
}

/** 行使层级: 4 县, 5 乡镇, 6 村(社区). */
export const levelSchema = z.enum(['4', '5', '6'])
export const LEVEL_LABELS: Record<Level, string> = { '4': '县级', '5': '乡镇', '6': '村(社区)' }

/** 服务对象. */
const audienceSchema = z.enum(['1', '2', '3', '4', '5', '6'])
export const AUDIENCE_LABELS: Record<Audience, string> = {
  '1': '自然人',
  '2': '企业法人',
  '3': '事业法人',
  '4': '社会组织法人',
  '5': '行政机关',
  '6': '其他组织',
}

/** 办件类型: 1 即办件, 2 承诺件. */
export const handlingSchema = z.enum(['1', '2'])
export const HANDLING_LABELS: Record<Handling, string> = { '1': '即办件', '2': '承诺件' }

/** 办理形式: 1 窗口, 2 电脑端, 3 移动端, 4 快递. */
const channelSchema = z.enum(['1', '2', '3', '4'])
export const CHANNEL_LABELS: Record<Channel, string> = { '1': '窗口办理', '2': '电脑端', '3': '移动端', '4': '快递' }

/** 网办深度 Ⅰ–Ⅳ. */
const onlineDepthSchema = z.enum(['I', 'II', 'III', 'IV'])
export const ONLINE_DEPTH_LABELS: Record<OnlineDepth, string> = {
  I: 'Ⅰ级 事项公开',
  II: 'Ⅱ级 在线预审',
  III: 'Ⅲ级 在线申办',
  IV: 'Ⅳ级 全程网办',
}

/** 通办范围. */
export const crossRegionSchema = z.enum(['national', 'interProvincial', 'inProvince', 'interCity', 'interCounty', 'none'])
export const CROSS_REGION_LABELS: Record<CrossRegion, string> = {
  national: '全国通办',
  interProvincial: '跨省通办',
  inProvince: '省内通办',
  interCity: '跨市通办',
  interCounty: '跨县通办',
  none: '不通办',
}

/** 材料必要性: 必要 / 非必要 / 容缺后补. */
const materialNecessitySchema = z.enum(['required', 'optional', 'deferrable'])
export const MATERIAL_NECESSITY_LABELS: Record<MaterialNecessity, string> = {
  required: '必要',
  optional: '非必要',
  deferrable: '容缺后补',
}

/** 材料形式: 纸质 / 电子 / 纸质或电子. */
const materialFormSchema = z.enum(['paper', 'electronic', 'both'])
export const MATERIAL_FORM_LABELS: Record<MaterialForm, string> = {
  paper: '纸质',
  electronic: '电子',
  both: '纸质或电子',
}

/** 材料来源: 申请人自备 / 政府部门核发. */
const materialSourceSchema = z.enum(['self', 'government'])
export const MATERIAL_SOURCE_LABELS: Record<MaterialSource, string> = { self: '申请人自备', government: '政府部门核发' }

/**
 * 时限单位: the unit the law states the limit in. Most limits count working days (行政许可法 §82);
 * some laws state calendar days (日/自然日: 居民身份证法 60日, 民法典 §1077 冷静期 30日).
 * Old records and old stations carry no unit: they were all working days.
 */
export const limitUnitSchema = z.enum(['workingDays', 'calendarDays'])
export const LIMIT_UNIT_LABELS: Record<LimitUnit, string> = { workingDays: '工作日', calendarDays: '自然日' }

/** 事项编码 / 实施编码: real 实施编码 run past the 24 characters GB/T 39046 once allowed. */
export const ITEM_CODE_MAX = 40
export const itemCodeSchema = z.string().regex(/^[0-9A-Za-z]{1,40}$/, `事项编码只能包含字母和数字，最多${ITEM_CODE_MAX}位`)

export const itemStatusSchema = z.enum(['active', 'suspended', 'withdrawn'])
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = { active: '在用', suspended: '暂停', withdrawn: '已取消' }

const text = (max: number) => z.string().trim().min(1).max(max)

const serviceMaterialSchema = z.object({
  /** Stable within the item, e.g. "m1". */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  name: text(200),
  necessity: materialNecessitySchema,
  form: materialFormSchema,
  /** 原件 count (0 when only shown or not needed). */
  originalCopies: z.number().int().min(0).max(20),
  /** 复印件 count. */
  photocopyCopies: z.number().int().min(0).max(20),
  source: materialSourceSchema,
  /** Who issues it when source is government, e.g. "公安机关". */
  issuedBy: z.string().trim().max(100).optional(),
  /** 告知承诺 may replace it. */
  commitmentAllowed: z.boolean(),
  /** An 电子证照 checked electronically replaces it (免证办). */
  eLicenceReplaces: z.boolean(),
  notes: z.string().trim().max(500).optional(),
})

export const serviceItemSchema = z
  .object({
    /** The implementation code is the item's identity in this county. */
    id: itemCodeSchema,
    baseCode: itemCodeSchema,
    implCode: itemCodeSchema,
    name: text(200),
    itemType: itemTypeSchema,
    itemSubKind: z.string().trim().max(40).optional(),
    /** 主题领域, e.g. 社会保险, 户籍, 残疾人服务. */
    domain: text(40),
    /** 实施主体. */
    department: text(100),
    levels: z.array(levelSchema).min(1),
    audience: z.array(audienceSchema).min(1),
    handling: handlingSchema,
    legalLimitDays: z.number().int().min(0).max(365),
    promisedLimitDays: z.number().int().min(0).max(365),
    /** The unit of both limits above, as the law states it. */
    limitUnit: limitUnitSchema.default('workingDays'),
    acceptOnReceipt: z.boolean(),
    fee: z.object({ charged: z.boolean(), description: z.string().trim().max(500) }),
    conditions: z.array(text(1000)).min(1),
    legalBasis: z.array(text(500)).min(1),
    channels: z.array(channelSchema).min(1),
    onlineDepth: onlineDepthSchema,
    crossRegion: crossRegionSchema,
    /** 办理地点 and 办理时间 as read to a resident. */
    location: text(300),
    officeHours: text(200),
    /**
     * 咨询电话 as published for this item; empty when the county has none on record. The
     * department's number from the county's contact table (department_contacts) takes its place
     * when filled in; with neither, the station and documents say 请咨询窗口. Never a placeholder.
     */
    consultPhone: z.string().trim().max(40),
    /** 办理流程: the steps as read to a resident, in order. */
    processSteps: z.array(text(300)).max(20).optional(),
    /** 办理结果: what the resident receives (证照, 批文, 结果告知). */
    resultDescription: z.string().trim().min(1).max(300).optional(),
    /** 监督投诉电话. */
    complaintPhone: z.string().trim().min(1).max(60).optional(),
    /** 网上办理地址. */
    onlineUrl: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .optional(),
    materials: z.array(serviceMaterialSchema),
    /** 一件事一次办 bundles this item belongs to, by bundle id. */
    lifeEvents: z.array(z.string().max(40)).default([]),
    status: itemStatusSchema,
    /** Catalog version in which this item last changed; intakes keep it. */
    version: z.number().int().min(1),
  })
  .refine((item) => item.promisedLimitDays <= item.legalLimitDays, {
    message: '承诺办结时限不能超过法定办结时限',
    path: ['promisedLimitDays'],
  })
  .refine((item) => new Set(item.materials.map((m) => m.id)).size === item.materials.length, {
    message: '同一事项的材料编号不能重复',
    path: ['materials'],
  })

type ItemType = z.infer<typeof itemTypeSchema>
export type Level = z.infer<typeof levelSchema>
export type Audience = z.infer<typeof audienceSchema>
export type Handling = z.infer<typeof handlingSchema>
type Channel = z.infer<typeof channelSchema>
type OnlineDepth = z.infer<typeof onlineDepthSchema>
type CrossRegion = z.infer<typeof crossRegionSchema>
export type MaterialNecessity = z.infer<typeof materialNecessitySchema>
type MaterialForm = z.infer<typeof materialFormSchema>
type MaterialSource = z.infer<typeof materialSourceSchema>
type LimitUnit = z.infer<typeof limitUnitSchema>
export type ItemStatus = z.infer<typeof itemStatusSchema>
export type ServiceMaterial = z.infer<typeof serviceMaterialSchema>
export type ServiceItem = z.infer<typeof serviceItemSchema>

export const catalogSeedItemSchema = serviceItemSchema
export const catalogSeedSchema = z.object({
  county: z.object({ code: z.string().regex(/^\d{6}$/), name: text(40) }),
  items: z.array(serviceItemSchema).min(1),
})
export type CatalogSeed = z.infer<typeof catalogSeedSchema>
