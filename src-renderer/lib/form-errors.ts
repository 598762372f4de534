import type { FieldIssue } from './user-error'

/** antd's `form.setFields` entries for issues whose field the form shows; the rest are returned apart. */
export function issuesToFields<Name>(
  issues: readonly FieldIssue[],
  fieldName: (path: readonly PropertyKey[]) => Name | null,
): { fields: { name: Name; errors: string[] }[]; unplaced: string[] } {
  const byField = new Map<string, { name: Name; errors: string[] }>()
  const unplaced: string[] = []
  for (const issue of issues) {
    const name = fieldName(issue.path)
    if (name === null) {
      unplaced.push(issue.message)
      continue
    }
    const key = JSON.stringify(name)
    const field = byField.get(key) ?? { name, errors: [] }
    if (!field.errors.includes(issue.message)) field.errors.push(issue.message)
    byField.set(key, field)
  }
  return { fields: [...byField.values()], unplaced }
}
