import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lifeEventListSchema, type LifeEvent } from '../../../shared/life-event'
import { buildBundleChecklist, sharedStatusOptions } from '../../../src-renderer/features/life-event/bundle-checklist'
import { materialNameKey, sameMaterialName } from '../../../src-renderer/features/life-event/material-match'
import { demoCatalogItems } from './demo-catalog'

const bundles = lifeEventListSchema.parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../resources/catalog/menghai-life-events.json'), 'utf8')))
const items = demoCatalogItems()

function bundle(id: string): LifeEvent {
  return bundles.find((candidate) => candidate.id === id)!
}

function namesCovered(checklist: ReturnType<typeof buildBundleChecklist>, sharedName: string): string[] {
  return checklist.shared.find((entry) => entry.name === sharedName)?.covers.map((covered) => covered.itemName) ?? []
}

describe('material name matching', () => {
  it('ignores book-title marks, whitespace, full-width forms and parenthesised notes, and nothing else', () => {
    expect(sameMaterialName('《不动产登记申请书》', '不动产登记申请书')).toBe(true)
    expect(sameMaterialName(' 出生医学证明 ', '出生医学证明')).toBe(true)
    expect(sameMaterialName('住所（经营场所）使用证明', '住所使用证明')).toBe(true)
    expect(sameMaterialName('住所(经营场所)使用证明', '住所（经营场所）使用证明')).toBe(true)
    expect(sameMaterialName('出生医学证明', '婴幼儿出生医学证明')).toBe(false)
    expect(sameMaterialName('父母双方居民身份证', '夫妻双方居民身份证')).toBe(false)
    expect(materialNameKey('《出生医学证明》首次签发登记表')).toBe('出生医学证明首次签发登记表')
  })
})

describe('buildBundleChecklist on the demo bundles', () => {
  it('新生儿出生一件事 asks 出生医学证明 once for every item that needs it', () => {
    const checklist = buildBundleChecklist(bundle('birth'), items)
    expect(checklist.unknownItemIds).toEqual([])
    expect(checklist.items).toHaveLength(7)
    expect(namesCovered(checklist, '出生医学证明')).toEqual(['城乡居民基本医疗保险参保登记', '出生登记', '预防接种证办理'])
    expect(namesCovered(checklist, '父母双方居民身份证')).toEqual(['出生登记', '出生医学证明首次签发'])
    // No item asks for it by that name: there is nowhere to record it, so it is not asked.
    expect(checklist.shared.map((entry) => entry.name)).not.toContain('新生儿免冠彩色相片')
    for (const entry of checklist.items) {
      expect(entry.own.map((material) => material.name)).not.toContain('出生医学证明')
    }
    const birthRegistration = checklist.items.find((entry) => entry.item.name === '出生登记')!
    expect(birthRegistration.own).toEqual([])
    const allowance = checklist.items.find((entry) => entry.item.name === '育儿补贴申领')!
    expect(allowance.own.map((material) => material.name)).toContain('婴幼儿出生医学证明')
  })

  it('不动产登记一件事 takes one 《不动产登记申请书》 for all five registrations', () => {
    const checklist = buildBundleChecklist(bundle('property'), items)
    expect(namesCovered(checklist, '《不动产登记申请书》')).toHaveLength(5)
    expect(namesCovered(checklist, '不动产权属证书')).toEqual(['不动产转移登记', '不动产抵押登记', '不动产变更登记'])
  })

  it('企业开办一件事 matches 住所使用证明 with and without the parenthesised note', () => {
    const checklist = buildBundleChecklist(bundle('business'), items)
    expect(namesCovered(checklist, '住所（经营场所）使用证明')).toEqual(['企业设立登记', '农民专业合作社设立登记'])
  })

  it('an item left out no longer counts for the shared materials', () => {
    const birth = bundle('birth')
    const included = new Set(birth.itemIds.filter((id) => id !== '5328220400012'))
    const checklist = buildBundleChecklist(birth, items, included)
    expect(namesCovered(checklist, '出生医学证明')).toEqual(['城乡居民基本医疗保险参保登记', '预防接种证办理'])
    // Only 出生登记 asks for these two: with it left out they are not asked at all.
    expect(checklist.shared.map((entry) => entry.name)).not.toContain('落户方居民户口簿')
    expect(checklist.items.find((entry) => entry.item.id === '5328220400012')?.included).toBe(false)
  })

  it('for 代办 asks 代办人身份证 once, after the bundle\u2019s shared materials, for every included item', () => {
    const birth = bundle('birth')
    const included = new Set(['5328220400012', '5328220500017'])
    expect(buildBundleChecklist(birth, items, included, 'self').shared.map((entry) => entry.key)).not.toContain('agentIdCard')
    const checklist = buildBundleChecklist(birth, items, included, 'proxy')
    const agent = checklist.shared.at(-1)!
    expect(agent).toMatchObject({ key: 'agentIdCard', name: '代办人身份证' })
    expect(agent.covers.map((covered) => covered.itemName)).toEqual(['出生登记', '预防接种证办理'])
    for (const entry of checklist.items) {
      expect(entry.sharedKeyOf['agentIdCard']).toBe('agentIdCard')
      expect(entry.own.map((material) => material.id)).not.toContain('agentIdCard')
    }
    // The rule of 新建办件: the agent's ID card is received, never 容缺, 承诺 or 电子证照.
    expect(
      sharedStatusOptions(agent)
        .filter((option) => !option.disabled)
        .map((option) => option.value),
    ).toEqual(['provided', 'notApplicable', 'missing'])
  })

  it('marks suspended and withdrawn items and lists items the station lacks', () => {
    const birth = bundle('birth')
    const withdrawn = items.map((item) => (item.id === '5328220500014' ? { ...item, status: 'withdrawn' as const } : item))
    const checklist = buildBundleChecklist(
      birth,
      withdrawn.filter((item) => item.id !== '5328220400049'),
    )
    expect(checklist.items.find((entry) => entry.item.id === '5328220500014')?.unavailable).toBe('“生育登记”已取消办理，不能新建办件')
    expect(checklist.unknownItemIds).toEqual(['5328220400049'])
  })

  it('offers a shared status only where every covered material allows it', () => {
    const checklist = buildBundleChecklist(bundle('birth'), items)
    const certificate = checklist.shared.find((entry) => entry.name === '出生医学证明')!
    const options = Object.fromEntries(sharedStatusOptions(certificate).map((option) => [option.value, option]))
    expect(options.eLicence?.disabled).toBe(false)
    expect(options.commitment?.disabled).toBe(true)
    expect(options.commitment?.title).toContain('不适用告知承诺制')
  })
})
