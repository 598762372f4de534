import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lifeEventListSchema } from '../../../shared/life-event'
import { buildBundleChecklist } from '../../../src-renderer/features/life-event/bundle-checklist'
import {
  buildLifeEventReview,
  initialLifeEventValues,
  LIFE_EVENT_STEPS,
  lifeEventFieldForIssue,
  lifeEventStepFields,
  lifeEventStepOf,
  toLifeEventDraft,
} from '../../../src-renderer/features/life-event/life-event-form'
import { demoCatalogItems } from './demo-catalog'

const birth = lifeEventListSchema
  .parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../resources/catalog/menghai-life-events.json'), 'utf8')))
  .find((bundle) => bundle.id === 'birth')!
const items = demoCatalogItems()

describe('the 一件事一次办 form', () => {
  it('starts with every item chosen and turns the form into one draft with the applicant once', () => {
    const checklist = buildBundleChecklist(birth, items)
    const values = initialLifeEventValues(checklist)
    expect(values.itemIds).toEqual(birth.itemIds)
    // As in 新建办件, every material starts unchosen.
    expect(values.shared['s0']).toEqual({})
    expect(Object.values(values.own).flatMap((materials) => Object.values(materials ?? {}))).toSatisfy(
      (entries: unknown[]) => entries.length > 0 && entries.every((entry) => JSON.stringify(entry) === '{}'),
    )
    const draft = toLifeEventDraft(
      {
        ...values,
        person: { name: '玉罕', idNumber: '1', phone: '2', address: '3' },
        shared: { s0: { status: 'deferred', dueDate: '2026-12-01' }, s1: { status: 'eLicence', dueDate: '2026-12-01' } },
      },
      '玉香',
    )
    expect(draft.applicant).toEqual({ kind: 'person', name: '玉罕', idNumber: '1', phone: '2', address: '3' })
    expect(draft.staffName).toBe('玉香')
    // A due date only goes with 容缺后补.
    expect(draft.shared).toEqual({ s0: { status: 'deferred', dueDate: '2026-12-01' }, s1: { status: 'eLicence', dueDate: undefined } })
  })

  it('places each refusal on its field and step', () => {
    expect(lifeEventFieldForIssue(['applicant', 'idNumber'], 'person')).toEqual(['person', 'idNumber'])
    expect(lifeEventFieldForIssue(['shared', 's0', 'dueDate'], 'person')).toEqual(['shared', 's0', 'dueDate'])
    expect(lifeEventFieldForIssue(['items', '5328220500017', 'materials', 'm3', 'status'], 'person')).toEqual(['own', '5328220500017', 'm3', 'status'])
    expect(lifeEventFieldForIssue(['items', '5328220500014'], 'person')).toEqual(['itemIds'])
    expect(lifeEventStepOf(['itemIds'])).toBe(0)
    expect(lifeEventStepOf(['person', 'idNumber'])).toBe(1)
    expect(lifeEventStepOf(['shared', 's0', 'status'])).toBe(2)
  })

  it('checks the items, then the applicant as 新建办件 does, then every material status shown of the chosen items', () => {
    const chosen = ['5328220400012', '5328220500017']
    const checklist = buildBundleChecklist(birth, items, new Set(chosen))
    const context = { applicantKind: 'person' as const, serviceMode: 'self' as const, checklist }
    expect(LIFE_EVENT_STEPS).toHaveLength(4)
    expect(lifeEventStepFields(0, context)).toEqual([['itemIds']])
    expect(lifeEventStepFields(1, context)).toContainEqual(['person', 'idNumber'])
    expect(lifeEventStepFields(1, { ...context, serviceMode: 'proxy' })).toContainEqual(['agent', 'relationship'])
    const materials = lifeEventStepFields(2, context)
    expect(materials).toContainEqual(['shared', 's0', 'status'])
    expect(materials).toContainEqual(['shared', 's0', 'dueDate'])
    const left = checklist.items.find((entry) => !entry.included && entry.own.length > 0)!
    expect(materials.some((name) => name[0] === 'own' && name[1] === left.item.id)).toBe(false)
    for (const field of materials) expect(lifeEventStepOf(field)).toBe(2)
    expect(lifeEventStepFields(3, context)).toEqual([])
  })

  it('reviews one intake per chosen item, marking the shared materials', () => {
    const chosen = ['5328220400012', '5328220500017']
    const checklist = buildBundleChecklist(birth, items, new Set(chosen))
    const initial = initialLifeEventValues(checklist)
    const values = {
      ...initial,
      itemIds: chosen,
      person: { name: '玉罕', idNumber: 'x', phone: 'y', address: 'z' },
      shared: { ...initial.shared, s0: { status: 'provided' as const } },
    }
    const review = buildLifeEventReview(checklist, values)
    expect(review.intakes.map((intake) => intake.itemName)).toEqual(['出生登记', '预防接种证办理'])
    expect(review.intakes[1]!.materials.find((material) => material.name === '出生医学证明')).toEqual({ name: '出生医学证明', status: '已收取', shared: true })
    expect(review.intakes[1]!.materials.find((material) => material.name === '监护人居民身份证')).toEqual({
      name: '监护人居民身份证',
      status: '未填写',
      shared: false,
    })
    expect(review.applicant[0]).toEqual({ label: '申请人', value: '玉罕' })
  })

  it('for 代办 starts 代办人身份证 unchosen and reviews it on every intake as 未填写 until set', () => {
    const chosen = ['5328220400012', '5328220500017']
    const checklist = buildBundleChecklist(birth, items, new Set(chosen), 'proxy')
    const values = { ...initialLifeEventValues(checklist), itemIds: chosen, serviceMode: 'proxy' as const }
    expect(values.shared['agentIdCard']).toEqual({})
    const agentRows = (shared: typeof values.shared) =>
      buildLifeEventReview(checklist, { ...values, shared }).intakes.map((intake) => intake.materials.find((material) => material.name === '代办人身份证'))
    expect(agentRows(values.shared)).toEqual([
      { name: '代办人身份证', status: '未填写', shared: true },
      { name: '代办人身份证', status: '未填写', shared: true },
    ])
    expect(agentRows({ ...values.shared, agentIdCard: { status: 'provided' } }).map((row) => row?.status)).toEqual(['已收取', '已收取'])
    expect(lifeEventFieldForIssue(['shared', 'agentIdCard', 'status'], 'person')).toEqual(['shared', 'agentIdCard', 'status'])
  })
})
