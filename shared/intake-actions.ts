import type { Handling } from './catalog'
import { checked, intakeMaterialSchema } from './intake'
import { checkResidentId } from './validators'
import type { IntakeStatus, TransitionResult } from './intake-status'
import { z } from './zod'

/**
 * The intake actions: what the station records about an intake after submitting it (办理操作:
 * 补正, 撤回, 当场办结, 送达). Each payload names its intake; the mutation's `entityId` is that
 * intake's id. ("Follow-up" is the county's word for 差评 and 办不成事 work, shared/follow-up.ts.)
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

/**
 * A 即办件 completed at the window by a 首席事务代表. `staffId` (and `staffUsername`) name the
 * signed-in account: the county checks it holds the authorisation (`onSiteAuthority`). They are
 * optional only so completions stored before them still read; the county refuses one without.
 */
export const intakeCompleteOnSitePayloadSchema = z.object({
  intakeId: z.uuid(),
  result: z.enum(['approved', 'denied']),
  resultNote: z.string().trim().max(1000).optional(),
  leadName: text(50, '请填写首席事务代表姓名'),
  staffId: z.uuid().optional(),
  staffUsername: z.string().trim().max(32).optional(),
  createdAt: deviceTime,
})

/**
 * 出件/送达 at the station (送达回证): the result was handed to the applicant or to someone for
 * them. A fact at the station's window, so the station owns it (PROTOCOL.md principle 3).
 */
export const intakeHandOverPayloadSchema = z
  .object({
    intakeId: z.uuid(),
    recipientName: text(50, '请填写领取人姓名'),
    recipientIdNumber: checked(checkResidentId),
    /** Whether the applicant collected it in person; otherwise `relationship` is required. */
    recipientIsApplicant: z.boolean(),
    relationship: z.string().trim().max(50, '不能超过50个字').optional(),
    /** Device clock of the hand-over, kept as data (the county's own time is `deliveredAt`). */
    handedOverAt: deviceTime,
    staffName: text(50, '请填写经办人'),
    note: z.string().trim().max(500).optional(),
    createdAt: deviceTime,
  })
  .superRefine((handOver, ctx) => {
    if (!handOver.recipientIsApplicant && !handOver.relationship) {
      ctx.addIssue({ code: 'custom', path: ['relationship'], message: '领取人不是申请人本人时，请填写其与申请人的关系' })
    }
  })

export type IntakeWithdrawPayload = z.infer<typeof intakeWithdrawPayloadSchema>
export type IntakeCompleteOnSitePayload = z.infer<typeof intakeCompleteOnSitePayloadSchema>
export type IntakeHandOverPayload = z.infer<typeof intakeHandOverPayloadSchema>

/** How an ended intake is described in a rejection, so the clerk knows why and what to do. */
const ENDED_AS: Partial<Record<IntakeStatus, string>> = {
  refused: '已不予受理',
  completed: '已办结',
  delivered: '已办结并送达',
  withdrawn: '已撤回',
  terminated: '已终止办理',
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

/**
 * 出件/送达 at the station: only once the result is at the station, i.e. after 当场办结 or a county
 * 办结 whose delivery method is 站点领取 (both leave `deliveryMethod: 'station'`).
 */
export function handOverTarget(current: IntakeStatus, deliveryMethod: string | undefined): TransitionResult {
  if (current === 'delivered') return { ok: false, message: '该办件已送达，无需再次登记出件' }
  if (current !== 'completed') return { ok: false, message: '该办件尚未办结，不能登记出件；请在县级办结（站点领取）或当场办结后再登记' }
  if (deliveryMethod !== 'station') return { ok: false, message: '该办件的结果由县级直接送达（非站点领取），站点不能登记出件' }
  return { ok: true, status: 'delivered' }
}

/** Only a 即办件 can be completed at the window, and only while the county has not asked for more. */
export function completeOnSiteTarget(current: IntakeStatus, handling: Handling): TransitionResult {
  if (handling !== '1') return { ok: false, message: '只有即办件可以当场办结；本事项为承诺件，请等待县级审批办结' }
  const ended = ENDED_AS[current]
  if (ended) return { ok: false, message: `该办件${ended}，不能再当场办结` }
  if (current === 'correctionRequested') return { ok: false, message: '县级已要求补正该办件，请先补交材料，不能当场办结' }
  return { ok: true, status: 'completed' }
}
