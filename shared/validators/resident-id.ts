import { fail, ok, type CheckResult } from './result'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** GB 11643 check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

function isRealPastDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4))
  const month = Number(yyyymmdd.slice(4, 6))
  const day = Number(yyyymmdd.slice(6, 8))
  if (year < 1900) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())
  return date.getTime() <= todayUtc
}

/**
 * Checks an 18-character resident ID number (GB 11643): region, a real birth date
 * not in the future, sequence and check character. A lower-case x is normalised to X.
 */
export function checkResidentId(input: string, today: Date = new Date()): CheckResult {
  const value = input.trim().toUpperCase()
  if (value === '') return fail('请填写公民身份号码')
  if (value.length !== 18) return fail(`公民身份号码应为18位，当前为${value.length}位，请核对后重新输入`)
  if (!/^\d{17}[\dX]$/.test(value)) return fail('公民身份号码前17位应为数字，最后一位为数字或X，请核对')
  if (!/^[1-9]\d{5}$/.test(value.slice(0, 6))) return fail('公民身份号码前6位地区码不正确，请核对')
  if (!isRealPastDate(value.slice(6, 14), today)) {
    return fail('公民身份号码中的出生日期（第7至14位）不是有效日期，请核对')
  }
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) {
    return fail('公民身份号码校验位不正确，可能有数字输错，请对照身份证逐位核对')
  }
  return ok(value)
}

/** Sex from the sequence digit: odd is male. Only meaningful for a valid number. */
export function residentIdSex(value: string): 'male' | 'female' {
  return Number(value[16]) % 2 === 1 ? 'male' : 'female'
}
