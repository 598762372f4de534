/**
 * Every code a UserError carries, in one closed list: the program tells errors apart by code
 * (tests, retries, the 一件事一次办 dry run), so tsc must reject a code that is not here.
 * A code says what happened; the Chinese message says what the clerk can do about it.
 */
export const STATION_ERROR_CODES = [
  // Who is acting: the signed-in staff member and what their role allows.
  'not_signed_in',
  'forbidden_role',
  'no_staff',
  'inactive',
  'wrong_credentials',
  // The device: enrollment, storage and the local data key.
  'not_enrolled',
  'invalid_url',
  'invalid_code',
  'enroll_network',
  'enroll_server',
  'enroll_rateLimited',
  'enroll_unauthorized',
  'enroll_forbidden',
  'enroll_tooLarge',
  'enroll_rejected',
  'enroll_protocol',
  'storage_full',
  'data_locked',
  'no_key_copy',
  // Intakes and what follows them.
  'not_found',
  'invalid_intake',
  'item_unavailable',
  'invalid_attachment',
  'withdraw_refused',
  'invalid_withdrawal',
  'hand_over_refused',
  'invalid_hand_over',
  'supplement_refused',
  'invalid_supplement',
  'complete_refused',
  'invalid_completion',
  'evaluation_refused',
  'invalid_evaluation',
  // Reports, end of day and backups.
  'invalid_report',
  'invalid_period',
  'already_queued',
  'backup_password',
  'backup_wrong_password',
  'backup_invalid',
  'backup_not_empty',
] as const

export type StationErrorCode = (typeof STATION_ERROR_CODES)[number]

/** A problem the clerk can act on: field path (as in the payload) and a Chinese message. */
export type FieldIssue = { path: readonly PropertyKey[]; message: string }

/**
 * An error caused by the user's input or situation (not a bug): it carries a code for
 * the program and a Chinese message for the clerk, plus per-field issues for forms.
 */
export class UserError extends Error {
  readonly code: StationErrorCode
  readonly issues: readonly FieldIssue[]

  constructor(code: StationErrorCode, message: string, issues: readonly FieldIssue[] = []) {
    super(message)
    this.name = 'UserError'
    this.code = code
    this.issues = issues
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}

/** What a shared zod schema's safeParse answers, as far as the clerk's issues need it. */
type SchemaCheck<T> = { success: true; data: T } | { success: false; error: { issues: readonly FieldIssue[] } }

/** A schema's refusal as the clerk's issues, one per field. */
export function fieldIssuesOf(error: { issues: readonly FieldIssue[] }): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path, message: issue.message }))
}

/** The checked value, or UserError `code` "<what>有误：<first issue>" with every issue by field. */
export function checkedOrThrow<T>(parsed: SchemaCheck<T>, code: StationErrorCode, what: string): T {
  if (parsed.success) return parsed.data
  const issues = fieldIssuesOf(parsed.error)
  throw new UserError(code, `${what}有误：${issues[0]!.message}`, issues)
}

/** The message to show for any failure: the clerk's message, or a generic one for a bug. */
export function messageOf(error: unknown): string {
  if (error instanceof UserError) return error.message
  if (isQuotaError(error)) return STORAGE_FULL_MESSAGE
  return '操作失败，请重试；如仍失败请联系技术支持'
}

export const STORAGE_FULL_MESSAGE = '本机存储空间不足，数据未保存。请清理磁盘空间后重试，或联系技术支持'

/** IndexedDB reports a full disk as QuotaExceededError, sometimes wrapped by Dexie in an AbortError. */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (error.name === 'QuotaExceededError') return true
  const inner = (error as Error & { inner?: unknown }).inner
  return inner instanceof Error && inner.name === 'QuotaExceededError'
}
