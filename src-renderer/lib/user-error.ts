/** A problem the clerk can act on: field path (as in the payload) and a Chinese message. */
export type FieldIssue = { path: readonly PropertyKey[]; message: string }

/**
 * An error caused by the user's input or situation (not a bug): it carries a code for
 * the program and a Chinese message for the clerk, plus per-field issues for forms.
 */
export class UserError extends Error {
  readonly code: string
  readonly issues: readonly FieldIssue[]

  constructor(code: string, message: string, issues: readonly FieldIssue[] = []) {
    super(message)
    this.name = 'UserError'
    this.code = code
    this.issues = issues
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
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
