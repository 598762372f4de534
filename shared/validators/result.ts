/** Outcome of checking a value a clerk typed: the normalised value, or a Chinese message saying what is wrong and how to fix it. */
export type CheckResult = { ok: true; value: string } | { ok: false; message: string }

export const ok = (value: string): CheckResult => ({ ok: true, value })
export const fail = (message: string): CheckResult => ({ ok: false, message })
