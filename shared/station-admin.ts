import { catalogImportErrorSchema } from './catalog-admin'
import { levelSchema } from './catalog'
import { stationCodeSchema, stationKindSchema, type StationKind } from './station'
import { z } from './zod'

/**
 * The county's own station list (站点管理): an administrator creates, edits, 停用 and imports
 * stations. The station kinds keep DOMAIN.md's names: 乡镇便民服务中心, 村(社区)便民服务站.
 */

/** A landline (0691-5123456) or a mobile number; empty when the county has none yet. */
const stationPhoneSchema = z
  .string()
  .trim()
  .max(30, '联系电话不能超过30个字符')
  .refine((value) => value === '' || /^(0\d{2,3}-?\d{7,8}|1[3-9]\d{9})$/.test(value.replace(/\s/g, '')), '联系电话应为固定电话（如 0691-5123456）或手机号码')

const stationFields = {
  name: z.string().trim().min(1, '请填写站点名称').max(100, '站点名称不能超过100字'),
  kind: stationKindSchema,
  township: z.string().trim().min(1, '请填写所属乡镇').max(50, '所属乡镇不能超过50字'),
  address: z.string().trim().max(200, '地址不能超过200字'),
  phone: stationPhoneSchema,
}

export const stationDetailsSchema = z.object({
  code: stationCodeSchema,
  ...stationFields,
  address: stationFields.address.default(''),
  phone: stationFields.phone.default(''),
})
export type StationDetails = z.infer<typeof stationDetailsSchema>

/** `POST /admin/stations`: a new station; it starts without 进驻事项 and without devices. */
export const createStationRequestSchema = stationDetailsSchema
export type CreateStationRequest = z.input<typeof createStationRequestSchema>

/** `PATCH /admin/stations/:code`: the fields to change; `active: false` is 停用, `true` 启用 again. The code never changes (it is in intake numbers). */
export const updateStationRequestSchema = z
  .object(stationFields)
  .partial()
  .extend({ active: z.boolean().optional() })
  .refine((value) => Object.keys(value).length > 0, '请至少修改一项')
export type UpdateStationRequest = z.input<typeof updateStationRequestSchema>

/** Column headers of a station list file, in order; the kind column takes the Chinese label or the code. */
export const STATION_IMPORT_HEADERS = ['站点编码', '站点名称', '类型', '所属乡镇', '地址', '联系电话'] as const
/** English headers are accepted too (code, name, kind, township, address, phone). */
export const STATION_IMPORT_FIELDS = ['code', 'name', 'kind', 'township', 'address', 'phone'] as const

/** The labels an import file may use for each kind (the console shows the first). */
export const STATION_KIND_ALIASES: Record<StationKind, readonly string[]> = {
  townshipCentre: ['乡镇便民服务中心', '便民服务中心', 'townshipCentre'],
  villageStation: ['村(社区)便民服务站', '村（社区）便民服务站', '便民服务站', 'villageStation'],
}

export const stationImportResponseSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(false),
    /** Every problem found (row as the spreadsheet numbers it, header = row 1; column header); nothing was stored. */
    errors: z.array(catalogImportErrorSchema),
    errorCount: z.number().int(),
  }),
  z.object({
    ok: z.literal(true),
    created: z.number().int(),
    updated: z.number().int(),
  }),
])
export type StationImportResponse = z.infer<typeof stationImportResponseSchema>

/**
 * 进驻事项 in bulk: which stations, from which template, replacing their lists or adding to them.
 * - `levels`: every offered item the catalog marks with one of these 行使层级 (4 县, 5 乡镇, 6 村);
 * - `standard`: the county's standard list for the station's kind (乡镇 centre or village station);
 * - `copy`: the list another station has.
 */
const stationItemsTemplateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('levels'), levels: z.array(levelSchema).min(1, '请至少选择一个行使层级') }),
  z.object({ kind: z.literal('standard') }),
  z.object({ kind: z.literal('copy'), fromStation: stationCodeSchema }),
])
export type StationItemsTemplate = z.infer<typeof stationItemsTemplateSchema>

export const assignStationItemsRequestSchema = z.object({
  stationCodes: z.array(stationCodeSchema).min(1, '请至少选择一个站点').max(2000),
  template: stationItemsTemplateSchema,
  mode: z.enum(['replace', 'add']).default('replace'),
})
export type AssignStationItemsRequest = z.input<typeof assignStationItemsRequestSchema>

export const assignStationItemsResponseSchema = z.object({
  stations: z.array(z.object({ stationCode: z.string(), itemCount: z.number().int() })),
})
export type AssignStationItemsResponse = z.infer<typeof assignStationItemsResponseSchema>
