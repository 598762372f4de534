import { describe, expect, it } from 'vitest'
import { serviceItemSchema } from '../../../shared/catalog'

const base = {
  id: '532822000001',
  baseCode: '000107001000',
  implCode: '532822000001',
  name: '城乡居民基本养老保险参保登记',
  itemType: '20',
  domain: '社会保险',
  department: '勐海县人力资源和社会保障局',
  levels: ['5'],
  audience: ['1'],
  handling: '1',
  legalLimitDays: 0,
  promisedLimitDays: 0,
  acceptOnReceipt: true,
  fee: { charged: false, description: '不收费' },
  conditions: ['年满16周岁'],
  legalBasis: ['《中华人民共和国社会保险法》'],
  channels: ['1'],
  onlineDepth: 'III',
  crossRegion: 'none',
  location: '乡镇便民服务中心',
  officeHours: '工作日 9:00-17:00',
  consultPhone: '0691-5122345',
  materials: [],
  status: 'active',
  version: 1,
}

describe('serviceItemSchema', () => {
  it('accepts a complete item', () => {
    expect(serviceItemSchema.safeParse(base).success).toBe(true)
  })
  it('refuses a promised limit longer than the legal one', () => {
    const result = serviceItemSchema.safeParse({ ...base, legalLimitDays: 5, promisedLimitDays: 10 })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['promisedLimitDays'])
  })
})
