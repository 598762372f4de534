import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_DATA_KEY_FILE, deriveCountyKeys, parseDataKey, resolveDataKey } from '../../../server/at-rest/county-data-key'
import { createFileOpenStream, createFileSealStream, SEGMENT_BYTES } from '../../../server/at-rest/file-cipher'
import { openIntakeRow, sealIntakeValues } from '../../../server/at-rest/intake-sealing'
import {
  DataKeyError,
  hasPlainPersonalField,
  idNumberLookupHash,
  openPersonalFields,
  openPersonalFieldsInJson,
  phoneLookupHash,
  sealPersonalFields,
} from '../../../server/at-rest/personal-fields'

const keys = deriveCountyKeys(randomBytes(32))
const otherKeys = deriveCountyKeys(randomBytes(32))
const ID = '11010519491231002X'

const seal = async (bytes: Buffer, pieces = 7) => {
  const size = Math.ceil(bytes.length / pieces) || 1
  const parts = Array.from({ length: Math.ceil(bytes.length / size) }, (_, index) => bytes.subarray(index * size, (index + 1) * size))
  return buffer(Readable.from(parts).pipe(createFileSealStream(keys.file)))
}
/** JSON as PostgreSQL writes jsonb out: a blank after each colon and comma. */
const jsonbText = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, child]) => `${JSON.stringify(key)}: ${jsonbText(child)}`)
      .join(', ')}}`
  }
  return JSON.stringify(value)
}
const open = (sealed: Buffer, with_ = keys) => buffer(Readable.from([sealed]).pipe(createFileOpenStream(with_.file)))

describe('COUNTY_DATA_KEY', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

  it('takes 32 bytes as hex or base64 and nothing else', () => {
    const key = randomBytes(32)
    expect(parseDataKey(key.toString('hex'))).toEqual(key)
    expect(parseDataKey(key.toString('base64'))).toEqual(key)
    expect(parseDataKey(key.toString('base64url'))).toEqual(key)
    expect(parseDataKey(randomBytes(16).toString('hex'))).toBeUndefined()
    expect(parseDataKey(randomBytes(31).toString('base64'))).toBeUndefined()
    expect(parseDataKey('not a key')).toBeUndefined()
  })

  it('in demo mode generates a key once into the data folder, readable by its owner only, with a warning', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'data-key-'))
    dirs.push(dataDir)
    const first = resolveDataKey({ dataDir })
    const again = resolveDataKey({ dataDir })
    expect(first.source).toBe('demoFile')
    expect(first.warning).toContain('仅供演示')
    expect(again.keys.check).toBe(first.keys.check)
    expect(statSync(join(dataDir, DEMO_DATA_KEY_FILE)).mode & 0o777).toBe(0o600)
    expect(parseDataKey(readFileSync(join(dataDir, DEMO_DATA_KEY_FILE), 'utf8'))).toBeDefined()
    expect(resolveDataKey({ dataDir: 'memory://' }).source).toBe('ephemeral')
  })
})

describe('personal fields at rest', () => {
  const payload = {
    applicant: { kind: 'person', name: '玉香', idNumber: ID, phone: '13908810001' },
    agent: { name: '岩温', idNumber: '532822198001010015', phone: '0691-5123456' },
    materials: [{ materialId: 'M01', attachments: ['ab'] }],
    item: { name: '城乡居民养老保险参保登记' },
  }

  it('seals ID numbers and phones at any depth, keeps every other field, and opens them again', () => {
    const sealed = sealPersonalFields(keys, payload)
    expect(JSON.stringify(sealed)).not.toContain(ID)
    expect(JSON.stringify(sealed)).not.toContain('13908810001')
    expect(sealed.applicant.name).toBe('玉香')
    expect(sealed.item).toEqual(payload.item)
    expect(hasPlainPersonalField(sealed)).toBe(false)
    expect(hasPlainPersonalField(payload)).toBe(true)
    expect(sealPersonalFields(keys, sealed)).toEqual(sealed)
    expect(openPersonalFields(keys, sealed)).toEqual(payload)
  })

  it('seals inside arrays and at any depth without recursion, and leaves strings in arrays and other keys alone', () => {
    const nested = { handOver: [{ recipientIdNumber: ID, residentPhone: '13908810001', notes: ['idNumber', ID] }], phone: 7 }
    const sealed = sealPersonalFields(keys, nested)
    expect(sealed.handOver[0]!.recipientIdNumber).toMatch(/^enc1:/)
    expect(sealed.handOver[0]!.residentPhone).toMatch(/^enc1:/)
    expect(sealed.handOver[0]!.notes).toEqual(['idNumber', ID])
    expect(sealed.phone).toBe(7)
    expect(openPersonalFields(keys, sealed)).toEqual(nested)
    let deep: Record<string, unknown> = { idNumber: ID }
    for (let depth = 0; depth < 50_000; depth++) deep = { child: deep }
    let leaf = sealPersonalFields(keys, deep)
    while ('child' in leaf) leaf = leaf.child as Record<string, unknown>
    expect(leaf.idNumber).toMatch(/^enc1:/)
  })

  it('refuses to open under another key, with a message naming COUNTY_DATA_KEY', () => {
    const sealed = sealPersonalFields(keys, payload)
    expect(() => openPersonalFields(otherKeys, sealed)).toThrow(DataKeyError)
    expect(() => openPersonalFields(otherKeys, sealed)).toThrow(/COUNTY_DATA_KEY/)
    expect(() => openPersonalFieldsInJson(otherKeys, JSON.stringify(sealed))).toThrow(/COUNTY_DATA_KEY/)
  })

  it('opens JSON text as openPersonalFields opens the value, as PostgreSQL writes jsonb or compact, and leaves look-alikes in strings and other keys', () => {
    const sealedId = sealPersonalFields(keys, { idNumber: ID }).idNumber
    const value = {
      ...payload,
      handOver: [{ recipientIdNumber: ID, residentPhone: '13908810001', notes: ['idNumber', ID] }, { phone: '0691-5123456' }],
      // Text that looks like a personal field, inside strings and under other names: never opened.
      note: `, "idNumber": "${sealedId}"`,
      remark: `{"phone":"${sealedId}"}\\`,
      xphone: sealedId,
      '"phone': sealedId,
      empty: { phone: '' },
      tricky: { name: 'a\\"b', idNumber: '532822198001010015' },
    }
    const sealed = sealPersonalFields(keys, value)
    for (const text of [JSON.stringify(sealed), jsonbText(sealed)]) {
      const opened = openPersonalFieldsInJson(keys, text)
      expect(JSON.parse(opened)).toEqual(openPersonalFields(keys, JSON.parse(text)))
      expect(JSON.parse(opened)).toEqual(value)
    }
    // Nothing sealed: the text is handed back as it came.
    expect(openPersonalFieldsInJson(keys, jsonbText(value))).toBe(jsonbText(value))
  })

  it('hashes an ID number and a phone the same however typed, and differently per key and per kind', () => {
    expect(idNumberLookupHash(keys, ID.toLowerCase())).toBe(idNumberLookupHash(keys, ID))
    expect(phoneLookupHash(keys, '139 0881 0001')).toBe(phoneLookupHash(keys, '+8613908810001'))
    expect(phoneLookupHash(keys, '0691-5123456')).toBe(phoneLookupHash(keys, '06915123456'))
    expect(idNumberLookupHash(otherKeys, ID)).not.toBe(idNumberLookupHash(keys, ID))
    expect(idNumberLookupHash(keys, '13908810001')).not.toBe(phoneLookupHash(keys, '13908810001'))
  })

  it('seals an intake row with its lookup hashes and the 送达回证, and opens it again', () => {
    const at = '2026-11-28T04:00:00.000Z'
    const handOver = {
      intakeId: 'x',
      recipientName: '岩罕',
      recipientIdNumber: ID,
      recipientIsApplicant: true,
      handedOverAt: at,
      staffName: '李琼',
      createdAt: at,
    }
    const sealed = sealIntakeValues(keys, { payload, handOver })
    expect(sealed.applicantIdHash).toBe(idNumberLookupHash(keys, ID))
    expect(sealed.agentPhoneHash).toBe(phoneLookupHash(keys, '06915123456'))
    expect(JSON.stringify(sealed.handOver)).not.toContain(ID)
    expect(openIntakeRow(keys, { payload: sealed.payload, handOver: sealed.handOver })).toEqual({ payload, handOver })
  })
})

describe('attachments at rest', () => {
  it('seals in segments and opens byte-identical, for sizes around the segment boundary', async () => {
    for (const size of [0, 1, 100, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, 3 * SEGMENT_BYTES + 17]) {
      const bytes = randomBytes(size)
      const sealed = await seal(bytes)
      if (size >= 16) expect(sealed.includes(bytes.subarray(0, 16))).toBe(false)
      expect((await open(sealed)).equals(bytes)).toBe(true)
    }
  })

  it('refuses a file cut short at a segment boundary, a changed byte, or another key', async () => {
    const bytes = randomBytes(2 * SEGMENT_BYTES + 5)
    const sealed = await seal(bytes)
    const headerAndFirst = 24 + SEGMENT_BYTES + 16
    await expect(open(sealed.subarray(0, headerAndFirst))).rejects.toThrow(DataKeyError)
    const changed = Buffer.from(sealed)
    changed[100] = (changed[100] as number) ^ 1
    await expect(open(changed)).rejects.toThrow(DataKeyError)
    await expect(open(sealed, otherKeys)).rejects.toThrow(/COUNTY_DATA_KEY/)
  })

  it('reads a file stored before encryption as it is', async () => {
    const plain = Buffer.from('%PDF-1.7 a file from before encryption')
    expect((await open(plain)).equals(plain)).toBe(true)
    expect((await open(Buffer.from('b'))).equals(Buffer.from('b'))).toBe(true)
  })
})
