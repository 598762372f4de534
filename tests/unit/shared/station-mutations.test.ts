import { describe, expect, it } from 'vitest'
import { auditAppendPayloadSchema } from '../../../shared/audit-log'
import { evaluationRecordPayloadSchema, isBadRating, newEvaluationRecordPayloadSchema } from '../../../shared/evaluation'
import { completeOnSiteTarget, handOverTarget, intakeHandOverPayloadSchema, supplementTarget, withdrawTarget } from '../../../shared/intake-actions'
import { INTAKE_STATUS_LABELS, type IntakeStatus } from '../../../shared/intake-status'
import { mutationSchema } from '../../../shared/protocol'
import { reportRecordPayloadSchema } from '../../../shared/report'
import { residentIdCheckChar } from '../../../shared/validators'

const ALL_STATUSES = Object.keys(INTAKE_STATUS_LABELS) as IntakeStatus[]
const ENDED: IntakeStatus[] = ['refused', 'completed', 'delivered', 'withdrawn', 'terminated']
const ID = '5f0c6a8e-2b7d-4c1e-9a3f-0d8b7e6c5a41'
const RESIDENT_ID = `11010519491231002${residentIdCheckChar('11010519491231002')}`

describe('station intake action rules', () => {
  it('sends a supplement after 补正 back to the county, to accepted if it had been accepted', () => {
    expect(supplementTarget('correctionRequested', false)).toEqual({ ok: true, status: 'submitted' })
    expect(supplementTarget('correctionRequested', true)).toEqual({ ok: true, status: 'accepted' })
    expect(supplementTarget('submitted', false)).toEqual({ ok: true, status: 'submitted' })
    expect(supplementTarget('accepted', true)).toEqual({ ok: true, status: 'accepted' })
  })

  it('refuses a supplement, a withdrawal or an on-the-spot completion after an end state, saying why', () => {
    for (const status of ENDED) {
      const supplement = supplementTarget(status, true)
      expect(supplement.ok, status).toBe(false)
      if (!supplement.ok) expect(supplement.message).toContain('不能再补交材料；如需办理请重新申请')
      expect(withdrawTarget(status).ok, status).toBe(false)
      expect(completeOnSiteTarget(status, '1').ok, status).toBe(false)
    }
    expect(supplementTarget('completed', true)).toEqual({ ok: false, message: '该办件已办结，不能再补交材料；如需办理请重新申请' })
    for (const status of ALL_STATUSES.filter((candidate) => !ENDED.includes(candidate))) {
      expect(withdrawTarget(status), status).toEqual({ ok: true, status: 'withdrawn' })
    }
  })

  it('completes only a 即办件 on the spot, and not while a correction is pending', () => {
    expect(completeOnSiteTarget('accepted', '1')).toEqual({ ok: true, status: 'completed' })
    expect(completeOnSiteTarget('submitted', '1')).toEqual({ ok: true, status: 'completed' })
    expect(completeOnSiteTarget('accepted', '2')).toMatchObject({ ok: false, message: expect.stringContaining('只有即办件可以当场办结') })
    expect(completeOnSiteTarget('correctionRequested', '1').ok).toBe(false)
  })
})

describe('出件/送达 at the station', () => {
  it('allows the hand-over only of a result that is at the station', () => {
    expect(handOverTarget('completed', 'station')).toEqual({ ok: true, status: 'delivered' })
    expect(handOverTarget('accepted', undefined)).toMatchObject({ ok: false, message: expect.stringContaining('尚未办结') })
    expect(handOverTarget('completed', 'post')).toMatchObject({ ok: false, message: expect.stringContaining('非站点领取') })
    expect(handOverTarget('delivered', 'station')).toMatchObject({ ok: false, message: '该办件已送达，无需再次登记出件' })
  })

  it('needs the relationship of a recipient who is not the applicant, and a valid ID number', () => {
    const handOver = {
      intakeId: ID,
      recipientName: '岩罕',
      recipientIdNumber: RESIDENT_ID,
      recipientIsApplicant: false,
      handedOverAt: '2026-11-28T03:00:00.000Z',
      staffName: '李琼',
      createdAt: '2026-11-28T03:00:00.000Z',
    }
    const missing = intakeHandOverPayloadSchema.safeParse(handOver)
    expect(missing.success).toBe(false)
    expect(missing.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['relationship'])
    expect(intakeHandOverPayloadSchema.parse({ ...handOver, relationship: '儿子' }).recipientIdNumber).toBe(RESIDENT_ID)
    const wrongCheck = `${RESIDENT_ID.slice(0, 17)}${RESIDENT_ID.endsWith('0') ? '1' : '0'}`
    expect(intakeHandOverPayloadSchema.safeParse({ ...handOver, recipientIsApplicant: true, recipientIdNumber: wrongCheck }).success).toBe(false)
  })
})

describe('station mutation payloads', () => {
  it('makes a new 差评 name its reason, and 其他原因 say it in the comment', () => {
    const rating = (changes: object) =>
      newEvaluationRecordPayloadSchema.safeParse({
        id: ID,
        intakeId: ID,
        rating: 5,
        source: 'residentOnScreen',
        createdAt: '2026-11-28T03:00:00.000Z',
        ...changes,
      })
    expect(rating({}).error?.issues[0]).toMatchObject({ path: ['badReason'], message: expect.stringContaining('差评须选择原因') })
    expect(rating({ badReason: 'other' }).error?.issues[0]?.path).toEqual(['comment'])
    expect(rating({ badReason: 'other', comment: '窗口无人' }).success).toBe(true)
    expect(rating({ rating: 2, badReason: 'slow' }).success).toBe(false)
    // Ratings stored before the reason existed still read through the wire schema.
    expect(
      evaluationRecordPayloadSchema.safeParse({ id: ID, intakeId: ID, rating: 5, source: 'residentOnScreen', createdAt: '2026-11-28T03:00:00.000Z' }).success,
    ).toBe(true)
  })

  it('treats 4 and 5 as 差评 and needs the clerk who typed in a paper form and its number', () => {
    expect([1, 2, 3, 4, 5].map(isBadRating)).toEqual([false, false, false, true, true])
    const base = { id: ID, intakeId: ID, rating: 3, source: 'paperForm', createdAt: '2026-11-28T03:00:00.000Z' }
    const missing = evaluationRecordPayloadSchema.safeParse(base)
    expect(missing.error?.issues[0]).toMatchObject({ path: ['enteredBy'], message: '录入纸质评价表须填写录入人' })
    const withoutNumber = evaluationRecordPayloadSchema.safeParse({ ...base, enteredBy: '岩温' })
    expect(withoutNumber.error?.issues[0]).toMatchObject({ path: ['paperFormNo'], message: '录入纸质评价表须填写评价表编号' })
    expect(evaluationRecordPayloadSchema.safeParse({ ...base, enteredBy: '岩温', paperFormNo: 'PJ-0001' }).success).toBe(true)
    expect(evaluationRecordPayloadSchema.safeParse({ ...base, source: 'residentOnScreen', rating: 0 }).success).toBe(false)
  })

  it('normalises the resident phone of a report and caps an audit batch at 500 lines', () => {
    const report = reportRecordPayloadSchema.parse({
      id: ID,
      stationCode: 'MHZ01',
      residentName: '岩罕',
      residentPhone: '+86 139-0881-0002',
      description: '办不成',
      staffName: '岩温',
      createdAt: '2026-11-28T03:00:00.000Z',
    })
    expect(report.residentPhone).toBe('13908810002')
    const line = { at: '2026-11-28T03:00:00.000Z', actor: '岩温', action: 'intake.submit' }
    expect(auditAppendPayloadSchema.safeParse({ id: ID, entries: Array(500).fill(line) }).success).toBe(true)
    expect(auditAppendPayloadSchema.safeParse({ id: ID, entries: Array(501).fill(line) }).success).toBe(false)
  })

  it('knows every mutation type of the protocol', () => {
    const types = mutationSchema.options.map((option) => option.shape.type.value).sort()
    expect(types).toEqual([
      'audit.append',
      'evaluation.record',
      'intake.completeOnSite',
      'intake.handOver',
      'intake.submit',
      'intake.supplement',
      'intake.withdraw',
      'report.record',
    ])
  })
})
