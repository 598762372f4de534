import { z } from './zod'

/**
 * 部门联系电话: the county fills these in, one per 实施主体. Nothing is invented: a department
 * without an entry has no number, and the station and its documents then say 请咨询窗口.
 * A number is a landline (0691-5121234), a hotline (12348) or a mobile, with an optional 转 extension.
 */
const departmentPhoneSchema = z
  .string()
  .trim()
  .max(40, '电话最多40个字符')
  .regex(/^(?:|[0-9][0-9-]{2,19}(?:转[0-9]{1,6})?)$/, '电话格式不正确：请填写座机（如 0691-5121234）、热线或手机号码，分机写作“转123”；留空表示清除')

const departmentContactSchema = z.object({
  department: z.string().trim().min(1).max(100),
  /** Empty: none on record yet. */
  phone: z.string(),
  /** Items of the department in the catalog. */
  itemCount: z.number().int().min(0),
  updatedBy: z.string().optional(),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
})
export type DepartmentContact = z.infer<typeof departmentContactSchema>

export const departmentContactListResponseSchema = z.object({ contacts: z.array(departmentContactSchema) })

export const departmentContactSaveRequestSchema = z.object({
  department: z.string().trim().min(1, '请选择部门').max(100),
  phone: departmentPhoneSchema,
})
export type DepartmentContactSaveRequest = z.infer<typeof departmentContactSaveRequestSchema>

/** What a save did: the items whose 咨询电话 changed, published as one new catalog version (null when none). */
export const departmentContactSaveResponseSchema = z.object({
  contact: departmentContactSchema,
  updatedItems: z.number().int().min(0),
  catalogVersion: z.number().int().min(1).nullable(),
})
export type DepartmentContactSaveResponse = z.infer<typeof departmentContactSaveResponseSchema>
