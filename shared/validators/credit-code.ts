import { fail, ok, type CheckResult } from './result'

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** GB 32100 check character for the first 17 characters (which must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!
  return ALPHABET[(31 - (sum % 31)) % 31]!
}

/** Checks an 18-character unified social credit code (GB 32100). */
export function checkCreditCode(input: string): CheckResult {
  const value = input.trim().toUpperCase()
  if (value === '') return fail('请填写统一社会信用代码')
  if (value.length !== 18) return fail(`统一社会信用代码应为18位，当前为${value.length}位，请核对营业执照`)
  const bad = [...value].find((ch) => !ALPHABET.includes(ch))
  if (bad !== undefined) {
    return fail(`统一社会信用代码中不能出现“${bad}”（不使用I、O、S、V、Z），请核对营业执照`)
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) return fail('统一社会信用代码第3至8位应为行政区划码（数字），请核对')
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) {
    return fail('统一社会信用代码校验位不正确，可能有字符输错，请对照营业执照逐位核对')
  }
  return ok(value)
}
