import { describe, expect, it } from 'vitest'
import { BASE_MESSAGE_LENGTH, parseBaseMessage } from '../../../src-main/id-card/base-message'
import { resolveSdtConfig } from '../../../src-main/id-card/sdt-config'
import { createSdtReader, readWithSdt, SDT_CARD_FOUND, SDT_SUCCESS, type SdtApi } from '../../../src-main/id-card/sdt-reader'

/** One fixed-width UCS-2LE field: the text, then spaces up to `width` bytes. */
function field(text: string, width: number): Buffer {
  const bytes = Buffer.alloc(width, 0)
  const padded = text.padEnd(width / 2, ' ')
  bytes.write(padded, 'utf16le')
  return bytes
}

function baseMessage(overrides: Partial<Record<string, string>> = {}): Uint8Array {
  const values = {
    name: '玉香',
    sex: '2',
    nation: '18',
    birthDate: '19850314',
    address: '云南省勐海县勐海镇曼真村三组',
    idNumber: '532822198503142021',
    issuedBy: '勐海县公安局',
    validFrom: '20160520',
    validTo: '20360520',
    ...overrides,
  }
  return Buffer.concat([
    field(values.name, 30),
    field(values.sex, 2),
    field(values.nation, 4),
    field(values.birthDate, 16),
    field(values.address, 70),
    field(values.idNumber, 36),
    field(values.issuedBy, 30),
    field(values.validFrom, 16),
    field(values.validTo, 16),
    Buffer.alloc(36, 0x20),
  ])
}

describe('the standard SDK base message', () => {
  it('is 256 bytes in the documented widths', () => {
    expect(BASE_MESSAGE_LENGTH).toBe(256)
    expect(baseMessage()).toHaveLength(256)
  })

  it('parses each field, trims the padding and names the nation and sex', () => {
    expect(parseBaseMessage(baseMessage())).toEqual({
      ok: true,
      card: {
        name: '玉香',
        sex: 'female',
        nation: '傣族',
        birthDate: '1985-03-14',
        address: '云南省勐海县勐海镇曼真村三组',
        idNumber: '532822198503142021',
        issuedBy: '勐海县公安局',
        validFrom: '2016-05-20',
        validTo: '2036-05-20',
      },
    })
  })

  it('reads a 长期 card and a male 哈尼族 holder', () => {
    const parsed = parseBaseMessage(baseMessage({ sex: '1', nation: '16', validTo: '长期' }))
    expect(parsed).toMatchObject({ ok: true, card: { sex: 'male', nation: '哈尼族', validTo: 'long' } })
  })

  it('says in Chinese why a message cannot be read', () => {
    expect(parseBaseMessage(new Uint8Array(100))).toMatchObject({ ok: false, code: 'badAnswer', message: expect.stringContaining('基本信息长度为100字节') })
    expect(parseBaseMessage(baseMessage({ sex: '9' }))).toMatchObject({ ok: false, message: expect.stringContaining('性别代码“9”无法识别') })
    expect(parseBaseMessage(baseMessage({ nation: '77' }))).toMatchObject({ ok: false, message: expect.stringContaining('民族代码“77”无法识别') })
    expect(parseBaseMessage(baseMessage({ birthDate: '1985031' }))).toMatchObject({ ok: false, message: expect.stringContaining('卡内日期格式不正确') })
    expect(parseBaseMessage(baseMessage({ name: '' }))).toMatchObject({ ok: false, message: expect.stringContaining('卡内姓名为空') })
  })
})

describe('the SDK configuration', () => {
  it('names a reader only on Windows with an absolute DLL path', () => {
    expect(resolveSdtConfig('linux', { BIANMIN_IDCARD_SDTAPI: 'C:\\reader\\sdtapi.dll' })).toBeNull()
    expect(resolveSdtConfig('win32', {})).toBeNull()
    expect(resolveSdtConfig('win32', { BIANMIN_IDCARD_SDTAPI: 'sdtapi.dll' })).toBeNull()
  })

  it('takes USB port 1001 by default, or a port the SDK knows, and refuses another', () => {
    // path.isAbsolute follows the host's rules; a POSIX absolute path stands in on this machine.
    expect(resolveSdtConfig('win32', { BIANMIN_IDCARD_SDTAPI: '/opt/reader/sdtapi.dll' })).toEqual({ dllPath: '/opt/reader/sdtapi.dll', port: 1001 })
    expect(resolveSdtConfig('win32', { BIANMIN_IDCARD_SDTAPI: '/opt/reader/sdtapi.dll', BIANMIN_IDCARD_PORT: '3' })?.port).toBe(3)
    expect(() => resolveSdtConfig('win32', { BIANMIN_IDCARD_SDTAPI: '/opt/reader/sdtapi.dll', BIANMIN_IDCARD_PORT: '2000' })).toThrow(/1001-1016/)
  })
})

/** An SDK stand-in answering the given codes and recording the calls. */
function fakeSdt(codes: { open?: number; find?: number; select?: number; read?: number } = {}): SdtApi & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    openPort: async (port) => (calls.push(`open ${port}`), codes.open ?? SDT_SUCCESS),
    closePort: async (port) => (calls.push(`close ${port}`), SDT_SUCCESS),
    startFindIdCard: async () => (calls.push('find'), codes.find ?? SDT_CARD_FOUND),
    selectIdCard: async () => (calls.push('select'), codes.select ?? SDT_SUCCESS),
    readBaseMsg: async () => (calls.push('read'), { code: codes.read ?? SDT_SUCCESS, text: baseMessage() }),
  }
}

describe('a read through the SDK', () => {
  it('opens, finds, selects, reads and closes the port', async () => {
    const api = fakeSdt()
    expect(await readWithSdt(api, 1001)).toMatchObject({ ok: true, card: { name: '玉香' } })
    expect(api.calls).toEqual(['open 1001', 'find', 'select', 'read', 'close 1001'])
  })

  it('answers 未检测到身份证, 卡片无法读取 or 读卡器忙, and closes the port it opened', async () => {
    const noCard = fakeSdt({ find: 0x80 })
    expect(await readWithSdt(noCard, 1001)).toMatchObject({ ok: false, code: 'noCard', message: expect.stringContaining('未检测到身份证') })
    expect(noCard.calls.at(-1)).toBe('close 1001')
    expect(await readWithSdt(fakeSdt({ select: 0x81 }), 1001)).toMatchObject({ code: 'unreadable', message: expect.stringContaining('卡片无法读取') })
    expect(await readWithSdt(fakeSdt({ read: 0x41 }), 1001)).toMatchObject({ code: 'unreadable' })
    const busy = fakeSdt({ open: 0x01 })
    expect(await readWithSdt(busy, 1001)).toMatchObject({ code: 'busy', message: expect.stringContaining('读卡器忙') })
    expect(busy.calls).toEqual(['open 1001'])
  })

  it('answers 未配置身份证阅读器 when unconfigured or when koffi is absent, without loading anything', async () => {
    expect(await createSdtReader(null).read()).toMatchObject({ ok: false, code: 'noReader', message: expect.stringContaining('未配置身份证阅读器') })
    let imports = 0
    const reader = createSdtReader({ dllPath: '/opt/reader/sdtapi.dll', port: 1001 }, async () => {
      imports += 1
      throw new Error("Cannot find package 'koffi'")
    })
    expect(await reader.read()).toMatchObject({ code: 'noReader' })
    expect(await reader.read()).toMatchObject({ code: 'noReader' })
    expect(imports).toBe(1)
  })
})
