import type { Handling } from './catalog'
import { intakeMaterialSchema } from './intake'
import type { IntakeStatus, TransitionResult } from './intake-status'
import { z } from './zod'

/**
 * What the station records about an intake after submitting it. Each payload names
 * its intake; the mutation's `entityId` is that intake's id.
 */

const text = (max: number, required: string) => z.string().trim().min(1, required).max(max, `不能超过${max}个字`)
const deviceTime = z.iso.datetime({ offset: true })

/** Materials the resident brought later: after a 补正 request, or for 容缺后补. */
export const intakeSupplementPayloadSchema = z.object({
  intakeId: z.uuid(),
  materials: z.array(intakeMaterialSchema).min(1, '请至少登记一份补交的材料').max(100),
  note: z.string().trim().max(1000).optional(),
  staffName: text(50, '请填写经办人'),
  /** Device clock, kept as data only. */
  createdAt: deviceTime,
})

/** The applicant withdraws the application (撤回申请). */
export const intakeWithdrawPayloadSchema = z.object({
  intakeId: z.uuid(),
  reason: text(500, '请填写撤回原因'),
  staffName: text(50, '请填写经办人'),
  createdAt: deviceTime,
})

/** A 即办件 completed at the window by the station lead (首席事务代表). */
export const intakeCompleteOnSitePayloadSchema = z.object({
  intakeId: z.uuid(),
  result: z.enum(['approved', 'denied']),
  resultNote: z.string().trim().max(1000).optional(),
  leadName: text(50, '请填写首席事务代表姓名'),
  createdAt: deviceTime,
})

export type IntakeSupplementPayload = z.infer<typeof intakeSupplementPayloadSchema>
export type IntakeWithdrawPayload = z.infer<typeof intakeWithdrawPayloadSchema>
export type IntakeCompleteOnSitePayload = z.infer<typeof intakeCompleteOnSitePayloadSchema>

/** How an ended intake is described in a rejection, so the clerk knows why and what to do. */
const ENDED_AS: Partial<Record<IntakeStatus, string>> = {
  refused: '已不予受理',
  completed: '已办结',
  delivered: '已办结并送达',
  withdrawn: '已撤回',
}

/**
 * Where a supplement leads. After a 补正 request the intake goes back to the county:
 * to `submitted` for review, or straight back to `accepted` if the county had accepted
 * it before asking (its limit was already running). For 容缺后补 on an open intake the
 * status stays as it is; only the history records the materials.
 */
export function supplementTarget(current: IntakeStatus, acceptedBefore: boolean): TransitionResult {
  const ended = ENDED_AS[current]
  if (ended) return { ok: false, message: `该办件${ended}，不能再补交材料；如需办理请重新申请` }
  if (current === 'correctionRequested') return { ok: true, status: acceptedBefore ? 'accepted' : 'submitted' }
  return { ok: true, status: current }
}

/** The applicant may withdraw until the intake has ended. */
export function withdrawTarget(current: IntakeStatus): TransitionResult {
  if (current === 'withdrawn') return { ok: false, message: '该办件已撤回，无需再次撤回' }
  const ended = ENDED_AS[current]
  if (ended) return { ok: false, message: `该办件${ended}，不能再撤回；如对结果有异议，请联系县政务服务管理局` }
  return { ok: true, status: 'withdrawn' }
}

/** Only a 即办件 can be completed at the window, and only while the county has not asked for more. */
export function completeOnSiteTarget(current: IntakeStatus, handling: Handling): TransitionResult {
  if (handling !== '1') return { ok: false, message: '只有即办件可以当场办结；本事项为承诺件，请等待县级审批办结' }
  const ended = ENDED_AS[current]
  if (ended) return { ok: false, message: `该办件${ended}，不能再当场办结` }
  if (current === 'correctionRequested') return { ok: false, message: '县级已要求补正该办件，请先补交材料，不能当场办结' }
  return { ok: true, status: 'completed' }
}
