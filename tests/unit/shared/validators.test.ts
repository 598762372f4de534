import { describe, expect, it } from 'vitest'
import { checkCreditCode, checkPhone, checkResidentId, creditCodeCheckChar, residentIdCheckChar, residentIdSex } from '../../../shared/validators'

const TODAY = new Date('2026-11-28T12:00:00+08:00')
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17)

describe('checkResidentId (GB 11643)', () => {
  it('accepts the published GB 11643 example', () => {
    expect(checkResidentId('11010519491231002X', TODAY)).toEqual({ ok: true, value: '11010519491231002X' })
  })
  it('normalises a lower-case x and surrounding spaces', () => {
    expect(checkResidentId(' 11010519491231002x ', TODAY)).toEqual({ ok: true, value: '11010519491231002X' })
  })
  it('accepts a 勐海县 number with a numeric check digit', () => {
    const id = withCheck('53282219800101123')
    expect(checkResidentId(id, TODAY).ok).toBe(true)
    expect(residentIdSex(id)).toBe('male')
  })
  it.each([
    ['', '请填写'],
    ['11010519491231002', '18位'],
    ['1101051949123100211', '18位'],
    ['1101051949123100AX', '前17位'],
    [withCheck('01010519491231002'), '地区码'],
    [withCheck('11010519490231002'), '出生日期'],
    [withCheck('11010518991231002'), '出生日期'],
    [withCheck('11010520271231002'), '出生日期'],
    ['110105194912310021', '校验位'],
  ])('refuses %j with a message about %s', (input, expected) => {
    const result = checkResidentId(input, TODAY)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(expected)
  })
  it('treats today as a valid birth date but not tomorrow', () => {
    expect(checkResidentId(withCheck('53282220261128001'), TODAY).ok).toBe(true)
    expect(checkResidentId(withCheck('53282220261129001'), TODAY).ok).toBe(false)
  })
})

describe('checkCreditCode (GB 32100)', () => {
  it('accepts a well-known valid code', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' })
  })
  it('accepts a generated 勐海县 code and normalises case', () => {
    const code = '92532822MA6' + 'N2K3P' + '4'
    const full = code + creditCodeCheckChar(code)
    expect(checkCreditCode(full.toLowerCase())).toEqual({ ok: true, value: full })
  })
  it.each([
    ['', '请填写'],
    ['91350100M000100Y4', '18位'],
    ['91350100M000100YI3', '“I”'],
    ['91350100M000100YO3', '“O”'],
    ['9135A100M000100Y43', '行政区划码'],
    ['91350100M000100Y44', '校验位'],
  ])('refuses %j with a message about %s', (input, expected) => {
    const result = checkCreditCode(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(expected)
  })
})

describe('checkPhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0691-5123456', '0691-5123456'],
    ['06915123456', '06915123456'],
    ['010-12345678', '010-12345678'],
  ])('accepts %j as %j', (input, value) => {
    expect(checkPhone(input)).toEqual({ ok: true, value })
  })
  it.each([
    ['', '请填写'],
    ['12812345678', '手机号码'],
    ['1381234567', '手机号码'],
    ['5123456', '固定电话'],
    ['0691-51234', '固定电话'],
    ['abc', '格式不正确'],
  ])('refuses %j with a message about %s', (input, expected) => {
    const result = checkPhone(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(expected)
  })
})
