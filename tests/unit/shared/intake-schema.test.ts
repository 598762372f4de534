import { describe, expect, it } from 'vitest'
import { intakeSubmitPayloadSchema, type IntakeSubmitInput } from '../../../shared/intake'
import { residentIdCheckChar } from '../../../shared/validators'

const idNumber = '53282219800101123' + residentIdCheckChar('53282219800101123')

const valid: IntakeSubmitInput = {
  id: '0b9f0a4e-2d3c-4e5f-9a6b-7c8d9e0f1a2b',
  intakeNo: 'MHZ01-20261128-0001',
  stationCode: 'MHZ01',
  item: {
    id: '5328220500001',
    implCode: '5328220500001',
    name: '城乡居民基本养老保险参保登记',
    version: 1,
    department: '勐海县人力资源和社会保障局',
    handling: '1',
    promisedLimitDays: 0,
    acceptOnReceipt: true,
  },
  applicant: { kind: 'person', name: '岩温', idNumber, phone: '138 1234 5678', address: '勐海镇曼真村' },
  serviceMode: 'self',
  materials: [{ materialId: 'm1', name: '居民身份证', status: 'provided', form: 'original', count: 1 }],
  staffName: '玉罕',
  createdAt: '2026-11-28T09:30:00+08:00',
}

describe('intakeSubmitPayloadSchema', () => {
  it('accepts a complete intake and normalises the phone number', () => {
    const parsed = intakeSubmitPayloadSchema.parse(valid)
    expect(parsed.applicant.kind === 'person' && parsed.applicant.phone).toBe('13812345678')
    expect(parsed.materials[0]?.attachments).toEqual([])
  })

  it('names the ID field and says what is wrong in Chinese', () => {
    const result = intakeSubmitPayloadSchema.safeParse({ ...valid, applicant: { ...valid.applicant, idNumber: '110105194912310021' } })
    expect(result.success).toBe(false)
    const issue = result.error?.issues[0]
    expect(issue?.path).toEqual(['applicant', 'idNumber'])
    expect(issue?.message).toContain('校验位')
  })

  it('requires a reason for assisted service and an authorization for proxy service', () => {
    const result = intakeSubmitPayloadSchema.safeParse({ ...valid, serviceMode: 'proxy' })
    const paths = result.error?.issues.map((issue) => issue.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['assistReason', 'proxyAuthorization']))
  })

  it('requires a due date for a deferred material', () => {
    const result = intakeSubmitPayloadSchema.safeParse({
      ...valid,
      materials: [{ materialId: 'm2', name: '户口簿', status: 'deferred' }],
    })
    expect(result.error?.issues[0]?.path).toEqual(['materials', 0, 'dueDate'])
  })

  it('accepts an organisation with a valid credit code and refuses a bad one', () => {
    const organisation = {
      kind: 'organisation' as const,
      name: '勐海县曼真茶叶农民专业合作社',
      creditCode: '91350100M000100Y43',
      legalRepresentative: '岩罕',
      phone: '0691-5123456',
      address: '勐海镇曼真村',
    }
    expect(intakeSubmitPayloadSchema.safeParse({ ...valid, applicant: organisation }).success).toBe(true)
    const bad = intakeSubmitPayloadSchema.safeParse({ ...valid, applicant: { ...organisation, creditCode: '91350100M000100Y44' } })
    expect(bad.error?.issues[0]?.path).toEqual(['applicant', 'creditCode'])
  })

  it('gives Chinese messages for generic type errors', () => {
    const result = intakeSubmitPayloadSchema.safeParse({ ...valid, materials: 'none' })
    expect(result.error?.issues[0]?.message).toMatch(/[\u4e00-\u9fa5]/)
  })
})
