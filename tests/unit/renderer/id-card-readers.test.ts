import { describe, expect, it } from 'vitest'
import type { IdCardData } from '../../../shared/id-card'
import { createIdCardReader, ID_CARD_SETTINGS_KEY, loadIdCardSettings, saveIdCardSettings } from '../../../src-renderer/platform/id-card-settings'
import {
  createLocalServiceIdCardReader,
  GENERIC_LOCAL_SERVICE_MAPPING,
  parseLocalServiceAnswer,
} from '../../../src-renderer/platform/local-service-id-card-reader'
import { createSimulatedIdCardReader, DEMO_ID_CARD } from '../../../src-renderer/platform/simulated-id-card-reader'
import { idCardFill, idCardReadFor, idCardSummary } from '../../../src-renderer/features/intake/id-card-fill'
import { residentIdCheckChar } from '../../../shared/validators'

const vendorAnswer = {
  name: '岩温',
  sex: '男',
  nation: '傣',
  birthday: '19600101',
  address: '云南省勐海县打洛镇曼夕村',
  idCode: `53282219600101001${residentIdCheckChar('53282219600101001')}`,
  department: '勐海县公安局',
  startDate: '2010.03.01',
  endDate: '长期',
  photo: 'iVBORw0KGgo=',
}

describe('the simulated reader', () => {
  it('answers the configured cards and errors in turn, then starts over', async () => {
    const reader = createSimulatedIdCardReader([{ error: 'noCard' }, { error: 'busy' }, { error: 'unreadable' }, { card: DEMO_ID_CARD }])
    const messages = []
    for (let read = 0; read < 5; read += 1) {
      const result = await reader.read()
      messages.push(result.ok ? result.card.name : result.message.split('：')[0])
    }
    expect(messages).toEqual(['未检测到身份证', '读卡器忙', '卡片无法读取', '玉香', '未检测到身份证'])
  })
})

describe('a vendor local service', () => {
  it('maps the answer by the field names, with no photo', () => {
    const result = parseLocalServiceAnswer(JSON.stringify(vendorAnswer), GENERIC_LOCAL_SERVICE_MAPPING)
    expect(result).toEqual({
      ok: true,
      card: {
        name: '岩温',
        sex: 'male',
        nation: '傣族',
        birthDate: '1960-01-01',
        address: '云南省勐海县打洛镇曼夕村',
        idNumber: vendorAnswer.idCode,
        issuedBy: '勐海县公安局',
        validFrom: '2010-03-01',
        validTo: 'long',
      },
    })
  })

  it('follows nested names and nation codes', () => {
    const mapping = { ...GENERIC_LOCAL_SERVICE_MAPPING, name: 'data.partyName', nation: 'data.nationCode', idNumber: 'data.certNumber' }
    const answer = { data: { partyName: '岩温', nationCode: '16', certNumber: vendorAnswer.idCode }, ...vendorAnswer, name: undefined, idCode: undefined }
    expect(parseLocalServiceAnswer(JSON.stringify(answer), mapping)).toMatchObject({ ok: true, card: { name: '岩温', nation: '哈尼族' } })
  })

  it('says no card for an empty answer, and a Chinese reason for garbage', () => {
    expect(parseLocalServiceAnswer('{"name":"","idCode":""}', GENERIC_LOCAL_SERVICE_MAPPING)).toMatchObject({ code: 'noCard' })
    expect(parseLocalServiceAnswer('<html>404</html>', GENERIC_LOCAL_SERVICE_MAPPING)).toMatchObject({
      code: 'badAnswer',
      message: expect.stringContaining('不是JSON'),
    })
    expect(parseLocalServiceAnswer(JSON.stringify({ ...vendorAnswer, sex: 'X', birthday: '1960' }), GENERIC_LOCAL_SERVICE_MAPPING)).toMatchObject({
      code: 'badAnswer',
      message: expect.stringContaining('无法识别性别、出生日期'),
    })
  })

  it('copes with a service that is absent, slow or failing, in Chinese', async () => {
    const absent = createLocalServiceIdCardReader({
      address: 'http://127.0.0.1:1919/readcard',
      mapping: GENERIC_LOCAL_SERVICE_MAPPING,
      fetch: async () => {
        throw new TypeError('Failed to fetch')
      },
    })
    expect(await absent.read()).toMatchObject({ code: 'unreachable', message: expect.stringContaining('连接不上身份证阅读服务') })

    const slow = createLocalServiceIdCardReader({
      address: 'http://127.0.0.1:1919/readcard',
      mapping: GENERIC_LOCAL_SERVICE_MAPPING,
      timeoutMs: 20,
      // Never answers; only the abort ends it.
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    })
    expect(await slow.read()).toMatchObject({ code: 'timeout', message: expect.stringContaining('没有及时应答') })

    const failing = createLocalServiceIdCardReader({
      address: 'http://127.0.0.1:1919/readcard',
      mapping: GENERIC_LOCAL_SERVICE_MAPPING,
      fetch: async () => new Response('busy', { status: 503 }),
    })
    expect(await failing.read()).toMatchObject({ code: 'badAnswer', message: expect.stringContaining('HTTP 503') })

    const answering = createLocalServiceIdCardReader({
      address: 'http://127.0.0.1:1919/readcard',
      mapping: GENERIC_LOCAL_SERVICE_MAPPING,
      fetch: async () => new Response(JSON.stringify(vendorAnswer)),
    })
    expect(await answering.read()).toMatchObject({ ok: true, card: { name: '岩温' } })
  })
})

describe('the reader settings', () => {
  const storage = () => {
    const values = new Map<string, string>()
    return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) }
  }

  it('default to no reader in a browser and the SDK on the desktop; the simulator only when chosen', async () => {
    expect(loadIdCardSettings(storage(), { kind: 'browser' })).toEqual({ kind: 'none' })
    expect(loadIdCardSettings(storage(), { kind: 'desktop' })).toEqual({ kind: 'desktopSdk' })
    const platform = { kind: 'browser' as const, readIdCard: async () => ({ ok: false as const, code: 'noReader' as const, message: '' }) }
    expect(await createIdCardReader({ kind: 'none' }, platform).read()).toMatchObject({
      code: 'noReader',
      message: expect.stringContaining('未配置身份证阅读器'),
    })
    expect(await createIdCardReader({ kind: 'simulator' }, platform).read()).toMatchObject({ ok: true, card: DEMO_ID_CARD })
  })

  it('are validated when saved and when read back', () => {
    const saved = storage()
    expect(() => saveIdCardSettings(saved, { kind: 'localService', address: 'ftp://x', mapping: GENERIC_LOCAL_SERVICE_MAPPING })).toThrow(/http:\/\//)
    saveIdCardSettings(saved, { kind: 'localService', address: 'http://127.0.0.1:1919/readcard', mapping: GENERIC_LOCAL_SERVICE_MAPPING })
    expect(loadIdCardSettings(saved, { kind: 'browser' })).toMatchObject({ kind: 'localService', address: 'http://127.0.0.1:1919/readcard' })
    saved.setItem(ID_CARD_SETTINGS_KEY, '{"kind":"teleport"}')
    expect(loadIdCardSettings(saved, { kind: 'browser' })).toEqual({ kind: 'none' })
  })
})

describe('a card read into the form', () => {
  const now = new Date('2026-12-06T03:00:00Z')

  it('fills name, ID number and address, keeps sex, nation, birth date and validity, and flags nothing on a good card', () => {
    const fill = idCardFill(DEMO_ID_CARD, now)
    expect(fill.person).toEqual({ name: '玉香', idNumber: DEMO_ID_CARD.idNumber, address: DEMO_ID_CARD.address })
    expect(fill.record).toEqual({
      readAt: now.toISOString(),
      sex: 'female',
      nation: '傣族',
      birthDate: '1985-03-14',
      validFrom: '2016-05-20',
      validTo: '2036-05-20',
      idNumber: DEMO_ID_CARD.idNumber,
    })
    expect(fill.idNumberProblem).toBeNull()
    expect(fill.expiredNotice).toBeNull()
    expect(idCardSummary(fill.record)).toBe('性别 女 · 民族 傣族 · 出生 1985-03-14 · 有效期限 2016.05.20-2036.05.20')
  })

  it('flags an expired card and a number failing the typed-input check', () => {
    const expired: IdCardData = { ...DEMO_ID_CARD, validTo: '2026-12-05', idNumber: '532822198503142020' }
    const fill = idCardFill(expired, now)
    expect(fill.expiredNotice).toBe('该身份证已过有效期（有效期至2026-12-05），请提醒申请人换领；本次办理请核对其他有效证件')
    expect(fill.idNumberProblem).toMatch(/校验位不正确/)
    expect(idCardFill({ ...DEMO_ID_CARD, validTo: 'long' }, now).expiredNotice).toBeNull()
  })

  it('is recorded on the intake only while the number is still the card\u2019s', () => {
    const { record } = idCardFill(DEMO_ID_CARD, now)
    expect(idCardReadFor(record, DEMO_ID_CARD.idNumber.toLowerCase())).toMatchObject({ sex: 'female' })
    expect(idCardReadFor(record, DEMO_ID_CARD.idNumber)).not.toHaveProperty('idNumber')
    expect(idCardReadFor(record, '532822196001010011')).toBeUndefined()
    expect(idCardReadFor(undefined, DEMO_ID_CARD.idNumber)).toBeUndefined()
  })
})
