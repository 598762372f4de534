import { describe, expect, it } from 'vitest'
import type { ServiceMaterial } from '../../../shared/catalog'
import { deferredDueDateHelp, deferredDueDateLimit, deferredDueDateRefusal } from '../../../src-renderer/features/intake/deferred-due-date'
import { initialMaterials, intakeFieldForIssue, toIntakeDraft } from '../../../src-renderer/features/intake/intake-form'
import { defaultProvidedForm, materialStatusRefusal, providedCountRefusal } from '../../../src-renderer/features/intake/material-rules'
import { reviewAcceptanceNotice } from '../../../src-renderer/features/intake/intake-review'
import { catalogItem } from './fixtures'

const material = (overrides: Partial<ServiceMaterial>): ServiceMaterial => ({ ...catalogItem.materials[0]!, ...overrides })

describe('the 容缺 due date rule of the checklist', () => {
  // 2026-09-30 (Wednesday) + 5 working days over the National Day holiday (10-01..10-08 off, Saturday 10-10 a make-up day): 10-09, 10-10, 10-12, 10-13, 10-14.
  const calendar = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'], workdays: ['2026-10-10'] }

  it('allows today up to the promised due date on the working-day calendar, and says the limit', () => {
    const limit = deferredDueDateLimit({ handling: '2', promisedLimitDays: 5 }, '2026-09-30', calendar)
    expect(limit).toEqual({ today: '2026-09-30', latest: '2026-10-14', limitDays: 5, onTheSpot: false, limitLabel: '5个工作日' })
    expect(deferredDueDateRefusal('户口簿', '2026-09-30', limit)).toBeNull()
    expect(deferredDueDateRefusal('户口簿', '2026-10-14', limit)).toBeNull()
    expect(deferredDueDateRefusal('户口簿', '2026-10-15', limit)).toBe('“户口簿”的补交期限不能晚于承诺办结日期 2026-10-14（承诺时限5个工作日）')
    expect(deferredDueDateRefusal('户口簿', '2026-09-29', limit)).toBe('“户口簿”的补交期限不能早于今天')
    expect(deferredDueDateHelp(limit)).toContain('最迟 2026-10-14')
  })

  it('gives a 即办件 (or a 0-day limit) today only', () => {
    for (const item of [
      { handling: '1' as const, promisedLimitDays: 3 },
      { handling: '2' as const, promisedLimitDays: 0 },
    ]) {
      const limit = deferredDueDateLimit(item, '2026-09-30', calendar)
      expect(limit).toMatchObject({ latest: '2026-09-30', limitDays: 0, onTheSpot: true })
      expect(deferredDueDateRefusal('户口簿', '2026-10-09', limit)).toBe('“户口簿”的补交期限不能晚于承诺办结日期 2026-09-30（即办件须当日补交）')
      expect(deferredDueDateHelp(limit)).toContain('只能是今天')
    }
  })
})

describe('form and 份数 of a received material', () => {
  it('default to what the guide asks for', () => {
    expect(defaultProvidedForm(material({ form: 'electronic', originalCopies: 1 }))).toEqual({ form: 'electronic', count: 1 })
    expect(defaultProvidedForm(material({ form: 'paper', originalCopies: 2, photocopyCopies: 1 }))).toEqual({ form: 'original', count: 2 })
    expect(defaultProvidedForm(material({ form: 'both', originalCopies: 0, photocopyCopies: 3 }))).toEqual({ form: 'copy', count: 3 })
    expect(defaultProvidedForm(material({ form: 'paper', originalCopies: 0, photocopyCopies: 0 }))).toEqual({ form: 'original', count: 1 })
  })

  it('refuse a 份数 outside 1–99', () => {
    expect(providedCountRefusal('户口簿', 1)).toBeNull()
    expect(providedCountRefusal('户口簿', 99)).toBeNull()
    for (const bad of [0, 100, 1.5, null, undefined, '2']) expect(providedCountRefusal('户口簿', bad)).toBe('“户口簿”的份数应为1至99的整数')
  })

  it('go from the form to the submit for 已收取 only, with the guide\u2019s defaults where the form has none', () => {
    expect(initialMaterials(catalogItem)).toEqual({
      m1: { form: 'original', count: 1 },
      m2: { form: 'original', count: 1 },
      agentIdCard: { form: 'original', count: 1 },
    })
    const draft = toIntakeDraft(
      {
        itemId: catalogItem.id,
        applicantKind: 'person',
        serviceMode: 'self',
        materials: { m1: { status: 'provided' }, m2: { status: 'deferred', dueDate: '2026-10-09', form: 'copy', count: 2 } },
      },
      catalogItem,
    )
    expect(draft.materials).toEqual([
      { materialId: 'm1', status: 'provided', form: 'original', count: 1 },
      { materialId: 'm2', status: 'deferred', dueDate: '2026-10-09' },
    ])
    const copies = toIntakeDraft(
      { applicantKind: 'person', serviceMode: 'self', materials: { m1: { status: 'provided', form: 'copy', count: 4 } } },
      catalogItem,
    )
    expect(copies.materials[0]).toEqual({ materialId: 'm1', status: 'provided', form: 'copy', count: 4 })
  })

  it('show a submit issue on the field it is about', () => {
    expect(intakeFieldForIssue(['materials', 1, 'dueDate'], 'person', catalogItem)).toEqual(['materials', 'm2', 'dueDate'])
    expect(intakeFieldForIssue(['materials', 0, 'count'], 'person', catalogItem)).toEqual(['materials', 'm1', 'count'])
    expect(intakeFieldForIssue(['materials', 0, 'status'], 'person', catalogItem)).toEqual(['materials', 'm1', 'status'])
  })
})

describe('materials start unchosen', () => {
  it('leaves an unchosen material out of the submit, so the submit names it', () => {
    const draft = toIntakeDraft(
      {
        itemId: catalogItem.id,
        applicantKind: 'person',
        serviceMode: 'self',
        materials: { ...initialMaterials(catalogItem), m2: { status: 'notApplicable' } },
      },
      catalogItem,
    )
    expect(draft.materials).toEqual([{ materialId: 'm2', status: 'notApplicable', dueDate: undefined }])
  })

  it('refuses 缺少 for an optional material: 缺少 always means a required one is absent', () => {
    expect(materialStatusRefusal(material({ name: '照片', necessity: 'optional' }), 'missing')).toBe('“照片”是非必要材料，申请人未提交时请选择“不适用”')
    expect(materialStatusRefusal(material({ necessity: 'required' }), 'missing')).toBeNull()
    expect(materialStatusRefusal(material({ necessity: 'deferrable' }), 'missing')).toBeNull()
  })

  it('warns on the review that a required material 缺少 means received, not accepted', () => {
    const values = {
      itemId: catalogItem.id,
      applicantKind: 'person' as const,
      serviceMode: 'self' as const,
      materials: { m1: { status: 'missing' as const }, m2: { status: 'provided' as const } },
    }
    expect(reviewAcceptanceNotice(values, catalogItem)).toBe(
      '必要材料“居民身份证”缺少：本件只登记为收件，不予受理，不出具受理凭证。提交后请打印一次性告知书交申请人，补齐材料后再办理。',
    )
    expect(reviewAcceptanceNotice({ ...values, materials: { m1: { status: 'provided' } } }, catalogItem)).toBeNull()
  })
})
