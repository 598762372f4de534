import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogSeedSchema, type ServiceItem } from '../../../shared/catalog'

// The demo catalog must not carry what a local official would spot at once (issue 11 §6, DOMAIN.md
// "Facts the demo catalog must get right").
const seedPath = resolve(import.meta.dirname, '../../../resources/catalog/menghai-catalog.json')
const items = (): ServiceItem[] => catalogSeedSchema.parse(JSON.parse(readFileSync(seedPath, 'utf8'))).items
const named = (name: string) => items().filter((item) => item.name.includes(name))

/** Measure 9 of the county notice: where 收件即受理 is introduced. */
const ACCEPT_ON_RECEIPT_DOMAINS = ['市场主体登记', '餐饮服务', '食品经营', '劳动就业', '社会保险', '医疗卫生', '养老服务', '社会救助']

describe('勐海县 seed catalog fidelity', () => {
  it('carries no invented phone number: no item has 0691-12345 anywhere', () => {
    const raw = readFileSync(seedPath, 'utf8')
    expect(raw).not.toContain('12345"')
    expect(raw).not.toContain('0691-12345')
    for (const item of items()) expect(item.consultPhone, item.name).not.toMatch(/12345$/)
  })

  it('离婚登记 is not a 承诺件 of 30 working days: registration is same-day, the 冷静期 is explained', () => {
    const [divorce, ...others] = named('离婚登记')
    expect(others).toHaveLength(0)
    expect(divorce).toBeDefined()
    expect(divorce!.handling === '2' && divorce!.limitUnit === 'workingDays' && divorce!.promisedLimitDays === 30).toBe(false)
    expect(divorce!.handling).toBe('1')
    expect(divorce!.conditions.join('')).toContain('冷静期')
    expect(divorce!.processSteps?.join('')).toContain('三十日为离婚冷静期（自然日')
  })

  it('居民身份证 keeps the 60 calendar days of its law', () => {
    const cards = items().filter((item) => item.name.startsWith('居民身份证'))
    expect(cards.length).toBeGreaterThanOrEqual(2)
    for (const card of cards)
      expect({ name: card.name, legal: card.legalLimitDays, unit: card.limitUnit }).toEqual({ name: card.name, legal: 60, unit: 'calendarDays' })
  })

  it('sets 收件即受理 only in the notice’s domains, on 承诺件 too, and not on every 即办件', () => {
    const all = items()
    for (const item of all.filter((candidate) => candidate.acceptOnReceipt)) expect(ACCEPT_ON_RECEIPT_DOMAINS, item.name).toContain(item.domain)
    expect(all.some((item) => item.acceptOnReceipt && item.handling === '2')).toBe(true)
    expect(all.some((item) => !item.acceptOnReceipt && item.handling === '1')).toBe(true)
  })

  it('charges one fee per service: every 居民身份证 item states the same fee, 40元 for 补领', () => {
    const fees = new Set(
      named('居民身份证')
        .filter((item) => !item.name.startsWith('临时'))
        .map((item) => item.fee.description),
    )
    expect(fees.size).toBe(1)
    expect([...fees][0]).toContain('丢失补领、损坏换领每证收取工本费40元')
    // The same 工本费 named in several items must name the same amount.
    const temporary = named('临时居民身份证')[0]!
    expect(temporary.fee.description).toContain('10元')
    expect([...fees][0]).toContain('临时居民身份证每证收取工本费10元')
  })

  it('gives the 办事指南 fields without inventing numbers', () => {
    for (const item of items()) {
      expect(item.processSteps?.length, item.name).toBeGreaterThan(0)
      if (item.complaintPhone) expect(item.complaintPhone, item.name).toMatch(/^12345（/)
      if (item.onlineUrl) expect(item.channels, item.name).toContain('2')
    }
  })
})
