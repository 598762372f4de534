import { fail, ok, type CheckResult } from './result'

/**
 * Checks a contact number: a mobile number (spaces, dashes and a +86 prefix are
 * stripped) or, since elderly residents often give one, a landline with area code.
 */
export function checkPhone(input: string): CheckResult {
  const trimmed = input.trim()
  if (trimmed === '') return fail('请填写联系电话')
  const compact = trimmed.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '')
  if (/^1[3-9]\d{9}$/.test(compact)) return ok(compact)
  const landline = trimmed.replace(/\s/g, '')
  if (/^0\d{2,3}-?\d{7,8}$/.test(landline)) return ok(landline)
  if (/^1\d*$/.test(compact)) return fail('手机号码应为以13至19开头的11位数字，请核对')
  return fail('联系电话格式不正确：请填写11位手机号码，或带区号的固定电话（如0691-5123456）')
}
