import { checked } from './intake'
import { stationCodeSchema } from './station'
import { checkPhone } from './validators'
import { z } from './zod'

const text = (max: number, required: string) => z.string().trim().min(1, required).max(max, `不能超过${max}个字`)

/** Where the county stands with a 办不成事 report: 待受理 → 已受理 → 办理中 → 已解决 / 无法解决 (shared/follow-up.ts). */
export const reportStatusSchema = z.enum(['pending', 'accepted', 'inProgress', 'resolved', 'unresolvable'])
export type ReportStatus = z.infer<typeof reportStatusSchema>
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  pending: '待受理',
  accepted: '已受理',
  inProgress: '办理中',
  resolved: '已解决',
  unresolvable: '无法解决',
}

/** `report.record` (办不成事 反映): the mutation's `entityId` is the report id. */
export const reportRecordPayloadSchema = z.object({
  id: z.uuid(),
  stationCode: stationCodeSchema,
  residentName: text(50, '请填写反映人姓名'),
  residentPhone: checked(checkPhone),
  /** The catalog item concerned, when there is one; the matter may be outside the catalog. */
  itemId: z.string().trim().min(1).max(40).optional(),
  description: text(2000, '请说明办不成的事项和原因'),
  staffName: text(50, '请填写经办人'),
  createdAt: z.iso.datetime({ offset: true }),
})
export type ReportRecordInput = z.input<typeof reportRecordPayloadSchema>
