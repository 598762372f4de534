export { checkCreditCode, creditCodeCheckChar } from './credit-code'
export { checkPhone } from './phone'
export { checkResidentId, residentIdCheckChar, residentIdSex } from './resident-id'
export type { CheckResult } from './result'
