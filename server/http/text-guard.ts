/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a NUL anywhere in a request
 * would fail inside the database as a 500. Find it first: the dotted path of the
 * first string (or key) containing one, or undefined.
 */
export function findNulCharacter(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : undefined
  if (Array.isArray(value)) {
    for (const [index, element] of value.entries()) {
      const found = findNulCharacter(element, [...path, String(index)])
      if (found !== undefined) return found
    }
    return undefined
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, element] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '')].join('.')
      const found = findNulCharacter(element, [...path, key])
      if (found !== undefined) return found
    }
  }
  return undefined
}
