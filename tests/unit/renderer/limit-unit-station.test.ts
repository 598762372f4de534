import { describe, expect, it } from 'vitest'
import { consultPhoneLabel, legalLimitLabel, promisedLimitLabel } from '../../../src-renderer/features/catalog/catalog-labels'
import { documentText } from '../../../src-renderer/features/documents/document-model'
import { receiptDocument } from '../../../src-renderer/features/documents/receipt-document'
import { deferredDueDateHelp, deferredDueDateLimit } from '../../../src-renderer/features/intake/deferred-due-date'
import { intakeDueDate } from '../../../src-renderer/db/intake-due-date'
import { catalogItem, station } from './fixtures'
import { intakeRecord } from './intake-record-fixture'

// 国庆 2026: 10-01…10-07 off, Saturday 10-10 a make-up working day.
const calendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-10-10'],
}

/** The fixture intake (收件即受理, received 2026-09-30 in China) with a 60-自然日 limit, like 居民身份证. */
const calendarDayIntake = () => {
  const base = intakeRecord()
  return intakeRecord({ item: { ...base.item, promisedLimitDays: 60, limitUnit: 'calendarDays' } })
}

describe('the station counts a limit in its unit', () => {
  it('dates a 60-自然日 limit 60 calendar days after acceptance, over the holiday', () => {
    expect(intakeDueDate(calendarDayIntake(), calendar)).toEqual({
      kind: 'due',
      date: '2026-11-29',
      acceptedOn: '2026-09-30',
      limitDays: 60,
      limitUnit: 'calendarDays',
      limitLabel: '60个自然日',
      basis: '自2026-09-30收件即受理起60个自然日',
    })
  })

  it('counts an intake from before units (no unit in its snapshot) in working days', () => {
    const base = intakeRecord()
    expect(base.item.limitUnit).toBeUndefined()
    // 09-30 + 5 working days: 10-08, 10-09, 10-10 (调休), 10-12, 10-13.
    expect(intakeDueDate(base, calendar)).toMatchObject({ date: '2026-10-13', limitLabel: '5个工作日' })
  })

  it('prints the unit on the 受理凭证', () => {
    const text = documentText(receiptDocument({ intake: calendarDayIntake(), item: { ...catalogItem, consultPhone: '' }, station, calendar }))
    expect(text).toContain('承诺办结时限：60个自然日')
    expect(text).toContain('2026年11月29日前（自2026-09-30收件即受理起60个自然日）')
    // No number on record: the resident is sent to the window, never shown a made-up number.
    expect(text).toContain('咨询电话：请咨询窗口')
  })

  it('limits a 容缺 补交期限 by the calendar-day due date', () => {
    const limit = deferredDueDateLimit({ handling: '2', promisedLimitDays: 10, limitUnit: 'calendarDays' }, '2026-09-30', calendar)
    expect(limit).toMatchObject({ latest: '2026-10-10', limitLabel: '10个自然日' })
    expect(deferredDueDateHelp(limit)).toBe('申请人须在此日期前补交，最迟 2026-10-10（承诺办结日期，10个自然日）')
  })

  it('labels the guide’s limits and phone', () => {
    expect(promisedLimitLabel({ handling: '2', promisedLimitDays: 60, limitUnit: 'calendarDays' })).toBe('60个自然日')
    expect(legalLimitLabel({ legalLimitDays: 20 })).toBe('20个工作日')
    expect(consultPhoneLabel({ consultPhone: '' })).toBe('请咨询窗口')
    expect(consultPhoneLabel({ consultPhone: '12348' })).toBe('12348')
  })
})
