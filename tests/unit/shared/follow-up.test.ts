import { describe, expect, it } from 'vitest'
import {
  applyEvaluationFollowUp,
  applyReportFollowUp,
  evaluationFollowUpActions,
  evaluationFollowUpRequestSchema,
  reportFollowUpActions,
  reportFollowUpRequestSchema,
  type CallBack,
  type EvaluationFollowUpStep,
} from '../../../shared/follow-up'

const at = { at: '2026-11-30T02:00:00.000Z', by: '县政务服务管理局 李四' }
const callBack = (satisfied: boolean): CallBack => ({
  calledAt: '2026-11-29T08:00:00.000Z',
  calledBy: '李四',
  residentResponse: satisfied ? '问题已解决，满意' : '还是没人接电话',
  satisfied,
})
const callBackStep = (satisfied: boolean): EvaluationFollowUpStep => ({
  action: 'recordCallBack',
  statusBefore: 'rectifying',
  statusAfter: 'rectifying',
  ...at,
  callBack: callBack(satisfied),
})

describe('the 差评 follow-up machine', () => {
  it('goes 待整改 → 整改中 → 已整改 with a satisfied call-back, keeping who, when and the note', () => {
    const started = applyEvaluationFollowUp('pendingRectification', [], { action: 'startRectification', note: '约谈窗口人员' }, at)
    expect(started).toEqual({
      ok: true,
      step: { action: 'startRectification', statusBefore: 'pendingRectification', statusAfter: 'rectifying', note: '约谈窗口人员', ...at },
    })
    const called = applyEvaluationFollowUp('rectifying', [], { action: 'recordCallBack', callBack: callBack(true) }, at)
    expect(called).toMatchObject({ ok: true, step: { statusAfter: 'rectifying', callBack: callBack(true) } })
    const done = applyEvaluationFollowUp('rectifying', [callBackStep(true)], { action: 'completeRectification', note: '已调整窗口排班' }, at)
    expect(done).toMatchObject({ ok: true, step: { statusBefore: 'rectifying', statusAfter: 'rectified', note: '已调整窗口排班' } })
  })

  it('accepts the call-back sent with the last step', () => {
    const done = applyEvaluationFollowUp('rectifying', [], { action: 'completeRectification', note: '已整改', callBack: callBack(true) }, at)
    expect(done).toMatchObject({ ok: true, step: { statusAfter: 'rectified', callBack: callBack(true) } })
  })

  it('refuses 已整改 without a call-back, or when the latest call-back found the resident unsatisfied', () => {
    expect(applyEvaluationFollowUp('rectifying', [], { action: 'completeRectification', note: '已整改' }, at)).toEqual({
      ok: false,
      message: '标记已整改前须回访群众，并登记回访时间、回访人和群众反馈',
    })
    const unsatisfied = applyEvaluationFollowUp(
      'rectifying',
      [callBackStep(true), callBackStep(false)],
      { action: 'completeRectification', note: '已整改' },
      at,
    )
    expect(unsatisfied.ok).toBe(false)
    expect(!unsatisfied.ok && unsatisfied.message).toContain('群众不满意')
  })

  it('refuses illegal steps with the status in Chinese', () => {
    expect(applyEvaluationFollowUp('pendingRectification', [], { action: 'completeRectification', note: '跳过整改', callBack: callBack(true) }, at)).toEqual({
      ok: false,
      message: '该差评当前为“待整改”，不能执行“整改完成”',
    })
    expect(applyEvaluationFollowUp('rectified', [], { action: 'markUnrectifiable', note: '反悔' }, at)).toEqual({
      ok: false,
      message: '该差评当前为“已整改”，不能执行“无法整改”',
    })
    expect(applyEvaluationFollowUp('unrectifiable', [], { action: 'startRectification', note: '重开' }, at).ok).toBe(false)
    expect(applyEvaluationFollowUp('pendingRectification', [], { action: 'recordCallBack', callBack: callBack(true) }, at).ok).toBe(false)
  })

  it('lets 无法整改 end an open 差评 from either open status', () => {
    expect(applyEvaluationFollowUp('pendingRectification', [], { action: 'markUnrectifiable', note: '政策不允许' }, at)).toMatchObject({
      ok: true,
      step: { statusAfter: 'unrectifiable' },
    })
    expect(applyEvaluationFollowUp('rectifying', [], { action: 'markUnrectifiable', note: '政策不允许' }, at)).toMatchObject({
      ok: true,
      step: { statusAfter: 'unrectifiable' },
    })
  })

  it('offers only the steps the status allows', () => {
    expect(evaluationFollowUpActions('pendingRectification')).toEqual(['startRectification', 'markUnrectifiable'])
    expect(evaluationFollowUpActions('rectifying')).toEqual(['recordCallBack', 'completeRectification', 'markUnrectifiable'])
    expect(evaluationFollowUpActions('rectified')).toEqual([])
    expect(evaluationFollowUpActions('unrectifiable')).toEqual([])
  })

  it('requires a note on each status step and a complete call-back record', () => {
    expect(evaluationFollowUpRequestSchema.safeParse({ action: 'startRectification', note: '  ' }).success).toBe(false)
    const partial = evaluationFollowUpRequestSchema.safeParse({
      action: 'recordCallBack',
      callBack: { calledAt: '2026-11-29T08:00:00.000Z', calledBy: '李四' },
    })
    expect(partial.success).toBe(false)
    expect(partial.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['callBack.residentResponse', 'callBack.satisfied'])
  })
})

describe('the 办不成事 resolution machine', () => {
  it('goes 待受理 → 已受理 → 办理中 → 已解决 with a reply to the resident', () => {
    expect(applyReportFollowUp('pending', { action: 'accept', note: '转县医保局' }, at)).toMatchObject({
      ok: true,
      step: { statusAfter: 'accepted', note: '转县医保局', ...at },
    })
    expect(applyReportFollowUp('accepted', { action: 'startHandling', note: '医保局办理中' }, at)).toMatchObject({
      ok: true,
      step: { statusAfter: 'inProgress' },
    })
    expect(applyReportFollowUp('inProgress', { action: 'resolve', note: '已办结', reply: '已为您办理，请到站点领取' }, at)).toMatchObject({
      ok: true,
      step: { statusBefore: 'inProgress', statusAfter: 'resolved', reply: '已为您办理，请到站点领取' },
    })
    expect(applyReportFollowUp('accepted', { action: 'markUnresolvable', note: '不符合条件', reply: '经核实不符合申领条件' }, at)).toMatchObject({
      ok: true,
      step: { statusAfter: 'unresolvable' },
    })
  })

  it('refuses illegal steps with a Chinese reason', () => {
    expect(applyReportFollowUp('pending', { action: 'resolve', note: '直接办结', reply: '好了' }, at)).toEqual({
      ok: false,
      message: '该反映当前为“待受理”，不能执行“已解决”',
    })
    expect(applyReportFollowUp('resolved', { action: 'accept', note: '重开' }, at).ok).toBe(false)
    expect(reportFollowUpActions('pending')).toEqual(['accept'])
    expect(reportFollowUpActions('inProgress')).toEqual(['resolve', 'markUnresolvable'])
    expect(reportFollowUpActions('unresolvable')).toEqual([])
  })

  it('requires a reply to end a report', () => {
    const missing = reportFollowUpRequestSchema.safeParse({ action: 'resolve', note: '已办结' })
    expect(missing.error?.issues[0]).toMatchObject({ path: ['reply'], message: '请填写给群众的答复' })
  })
})
