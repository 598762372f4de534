import { describe, expect, it } from 'vitest'
import { buildIntakeReview } from '../../../src-renderer/features/intake/intake-review'
import { wizardKeyAction, type WizardKey } from '../../../src-renderer/features/intake/intake-wizard-keys'
import { INTAKE_STEPS, REVIEW_STEP, stepFields, stepHeading, stepOfField } from '../../../src-renderer/features/intake/intake-wizard-steps'
import { canJumpTo, firstErrorPlace } from '../../../src-renderer/features/wizard/wizard-state'
import type { IntakeFormValues } from '../../../src-renderer/db/intake-draft-record'
import { catalogItem, residentId } from './fixtures'

describe('the steps of 新建办件 and what 下一步 checks on each', () => {
  it('has the four steps in the order the clerk works, the review last', () => {
    expect(INTAKE_STEPS.map((step) => step.title)).toEqual(['办理事项', '申请人与办理方式', '材料清单', '核对并提交'])
    expect(REVIEW_STEP).toBe(3)
    expect(stepHeading(1)).toBe('第 2 步（共 4 步）：申请人与办理方式')
  })

  it('checks the item on the first step', () => {
    expect(stepFields(0, { applicantKind: 'person', serviceMode: 'self', item: undefined })).toEqual([['itemId']])
  })

  it('checks the fields of the chosen applicant kind only, and the reason and authorization only when the mode needs them', () => {
    const person = stepFields(1, { applicantKind: 'person', serviceMode: 'self', item: catalogItem })
    expect(person).toEqual([['applicantKind'], ['person', 'name'], ['person', 'idNumber'], ['person', 'phone'], ['person', 'address'], ['serviceMode']])
    const assisted = stepFields(1, { applicantKind: 'organisation', serviceMode: 'assisted', item: catalogItem })
    expect(assisted).toContainEqual(['organisation', 'creditCode'])
    expect(assisted).not.toContainEqual(['person', 'name'])
    expect(assisted).toContainEqual(['assistReason'])
    expect(assisted).not.toContainEqual(['proxyAuthorization'])
    const proxy = stepFields(1, { applicantKind: 'person', serviceMode: 'proxy', item: catalogItem })
    expect(proxy).toContainEqual(['assistReason'])
    expect(proxy).toContainEqual(['proxyAuthorization'])
    for (const field of ['name', 'idNumber', 'phone', 'relationship']) expect(proxy).toContainEqual(['agent', field])
    expect(assisted).not.toContainEqual(['agent', 'name'])
  })

  it('adds the agent\u2019s ID card to the checklist for 代办 only', () => {
    const proxy = stepFields(2, { applicantKind: 'person', serviceMode: 'proxy', item: catalogItem })
    expect(proxy).toContainEqual(['materials', 'agentIdCard', 'status'])
    expect(stepFields(2, { applicantKind: 'person', serviceMode: 'assisted', item: catalogItem })).not.toContainEqual(['materials', 'agentIdCard', 'status'])
  })

  it('checks every material of the chosen item (status, due date, form, count) and the note on the third step', () => {
    const fields = stepFields(2, { applicantKind: 'person', serviceMode: 'self', item: catalogItem })
    expect(fields).toContainEqual(['materials', 'm1', 'status'])
    expect(fields).toContainEqual(['materials', 'm2', 'dueDate'])
    expect(fields).toContainEqual(['materials', 'm2', 'count'])
    expect(fields).toContainEqual(['note'])
    expect(stepFields(2, { applicantKind: 'person', serviceMode: 'self', item: undefined })).toEqual([['note']])
    expect(stepFields(REVIEW_STEP, { applicantKind: 'person', serviceMode: 'self', item: catalogItem })).toEqual([])
  })

  it('knows the step of every field, so a refused submit shows the step of its first error', () => {
    expect(stepOfField(['itemId'])).toBe(0)
    expect(stepOfField(['person', 'idNumber'])).toBe(1)
    expect(stepOfField(['organisation', 'phone'])).toBe(1)
    expect(stepOfField(['proxyAuthorization'])).toBe(1)
    expect(stepOfField(['materials', 'm2', 'dueDate'])).toBe(2)
    expect(stepOfField(['note'])).toBe(2)
    // Nothing the clerk types: the review step, where the page's own error shows.
    expect(stepOfField(['staffName'])).toBe(REVIEW_STEP)
    expect(stepOfField(['somethingElse'])).toBe(REVIEW_STEP)
    expect(
      firstErrorPlace(
        [
          ['materials', 'm1', 'status'],
          ['person', 'phone'],
          ['person', 'name'],
        ],
        stepOfField,
      ),
    ).toEqual({ step: 1, field: ['person', 'phone'] })
    expect(firstErrorPlace([], stepOfField)).toBeNull()
  })

  it('lets the clerk click back to a reached step, never ahead of where they have been', () => {
    const steps = INTAKE_STEPS.length
    expect(canJumpTo(0, 2, 2, steps)).toBe(true)
    expect(canJumpTo(2, 0, 2, steps)).toBe(true)
    expect(canJumpTo(3, 1, 2, steps)).toBe(false)
    expect(canJumpTo(1, 1, 3, steps)).toBe(false)
    expect(canJumpTo(4, 3, 4, steps)).toBe(false)
  })
})

describe('keys on the wizard', () => {
  const press = (overrides: Partial<WizardKey>): WizardKey => ({
    key: 'Enter',
    ctrlKey: false,
    metaKey: false,
    tagName: 'INPUT',
    inputType: 'text',
    role: '',
    expanded: false,
    composing: false,
    ...overrides,
  })

  it('takes Enter in a single-line field as 下一步', () => {
    expect(wizardKeyAction(press({}), false)).toBe('next')
    expect(wizardKeyAction(press({ inputType: 'radio' }), false)).toBe('next')
    // A closed Select (its search input is a combobox) is done with.
    expect(wizardKeyAction(press({ role: 'combobox', expanded: false }), false)).toBe('next')
  })

  it('leaves Enter alone in a textarea, an open dropdown, on a button, while composing Chinese, and for other keys', () => {
    expect(wizardKeyAction(press({ tagName: 'TEXTAREA', inputType: '' }), false)).toBeNull()
    expect(wizardKeyAction(press({ role: 'combobox', expanded: true }), false)).toBeNull()
    expect(wizardKeyAction(press({ tagName: 'BUTTON', inputType: '' }), false)).toBeNull()
    expect(wizardKeyAction(press({ composing: true }), false)).toBeNull()
    expect(wizardKeyAction(press({ inputType: 'file' }), false)).toBeNull()
    expect(wizardKeyAction(press({ key: 'Tab' }), false)).toBeNull()
  })

  it('submits with Ctrl+Enter on the review step only; plain Enter there does nothing of its own', () => {
    expect(wizardKeyAction(press({ ctrlKey: true, tagName: 'H4', inputType: '' }), true)).toBe('submit')
    expect(wizardKeyAction(press({ metaKey: true }), true)).toBe('submit')
    expect(wizardKeyAction(press({ ctrlKey: true }), false)).toBeNull()
    expect(wizardKeyAction(press({ tagName: 'H4', inputType: '' }), true)).toBeNull()
  })
})

describe('the review the clerk reads back to the resident', () => {
  const idNumber = residentId()
  const values: IntakeFormValues = {
    itemId: catalogItem.id,
    applicantKind: 'person',
    person: { name: '玉香', idNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' },
    organisation: { name: '不应出现的单位' },
    serviceMode: 'proxy',
    assistReason: 'elderly',
    assistNote: '行动不便',
    proxyAuthorization: '授权委托书一份',
    agent: { name: '岩三', idNumber: '532822197001010030', phone: '13908800000', relationship: '儿子' },
    materials: {
      m1: { status: 'provided', form: 'copy', count: 2 },
      // Form and count left over from before the status changed are not read back.
      m2: { status: 'deferred', dueDate: '2026-12-04', form: 'original', count: 1 },
    },
    note: '请尽快办理',
  }
  const attachments = [
    { materialId: 'm1', filename: '身份证正面.jpg', size: 2048 },
    { materialId: 'm1', filename: '身份证反面.jpg', size: 512 },
    { materialId: 'other', filename: '别的事项.pdf', size: 1 },
  ]
  const sections = buildIntakeReview({ values, item: catalogItem, attachments, staffName: '岩罕' })
  const section = (key: string) => sections.find((candidate) => candidate.key === key)!

  it('shows the item with its code, department and promised limit', () => {
    expect(section('item').rows).toEqual([
      { label: '事项名称', value: '城乡居民基本养老保险参保登记' },
      { label: '实施编码', value: '532822000001' },
      { label: '实施部门', value: '勐海县人力资源和社会保障局' },
      { label: '承诺时限', value: '5个工作日' },
    ])
    expect(section('item').step).toBe(0)
  })

  it('shows every applicant field unmasked, of the chosen kind only', () => {
    const rows = section('applicant').rows
    expect(rows).toContainEqual({ label: '公民身份号码', value: idNumber })
    expect(rows).toContainEqual({ label: '联系电话', value: '13908812345' })
    expect(rows.map((row) => row.value)).not.toContain('不应出现的单位')
    expect(section('applicant').step).toBe(1)
  })

  it('shows the service mode with its reason and authorization', () => {
    expect(section('serviceMode').rows).toEqual([
      { label: '办理方式', value: '代办' },
      { label: '帮办代办原因', value: '年老' },
      { label: '原因补充说明', value: '行动不便' },
      { label: '授权说明', value: '授权委托书一份' },
      { label: '代办人姓名', value: '岩三' },
      { label: '代办人身份证号', value: '532822197001010030' },
      { label: '代办人电话', value: '13908800000' },
      { label: '与申请人关系', value: '儿子' },
    ])
    const self = buildIntakeReview({ values: { ...values, serviceMode: 'self' }, item: catalogItem, attachments: [], staffName: '岩罕' })
    expect(self.find((candidate) => candidate.key === 'serviceMode')!.rows).toEqual([{ label: '办理方式', value: '本人办理' }])
  })

  it('shows each material with its status, due date, form, count and its own attachments', () => {
    const [idCard, household] = section('materials').materials!
    expect(idCard).toMatchObject({ name: '居民身份证', status: '已收取' })
    expect(idCard!.details).toEqual([
      { label: '材料形式', value: '复印件' },
      { label: '份数', value: '2 份' },
    ])
    expect(idCard!.attachments).toEqual([
      { filename: '身份证正面.jpg', sizeText: '2 KB' },
      { filename: '身份证反面.jpg', sizeText: '512 B' },
    ])
    expect(household).toMatchObject({ name: '户口簿', status: '容缺后补', details: [{ label: '补交期限', value: '2026-12-04' }], attachments: [] })
  })

  it('says when something was left empty, and names the signed-in clerk', () => {
    const empty = buildIntakeReview({
      values: { applicantKind: 'person', serviceMode: 'assisted', materials: {} },
      item: undefined,
      attachments: [],
      staffName: '岩罕',
    })
    const of = (key: string) => empty.find((candidate) => candidate.key === key)!
    expect(of('item').rows).toEqual([{ label: '事项名称', value: '（未选择）' }])
    expect(of('applicant').rows).toContainEqual({ label: '申请人姓名', value: '（未填写）' })
    expect(of('serviceMode').rows).toContainEqual({ label: '帮办代办原因', value: '（未填写）' })
    expect(of('other').rows).toEqual([
      { label: '备注', value: '（无）' },
      { label: '经办人', value: '岩罕' },
    ])
    expect(section('other').rows[0]).toEqual({ label: '备注', value: '请尽快办理' })
  })
})
