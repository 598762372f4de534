/** What is wrong with a string of a request, and where. */
type BadText = { problem: 'nul' | 'loneSurrogate'; path: string }

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * PostgreSQL text and jsonb hold neither U+0000 nor half of a surrogate pair, so such a
 * string anywhere in a request would fail inside the database as a 500. Find the first
 * one first: the dotted path of the string (or key) and what is wrong with it.
 *
 * The walk keeps its own stack instead of recursing, so no nesting a body can have
 * overflows the call stack (the JSON parser also caps the depth; see json-body.ts).
 */
export function findBadText(value: unknown): BadText | undefined {
  // Each node links to its parent, so the path is built only for the bad string, not for every node.
  type Node = { value: unknown; key: string | undefined; parent: Node | undefined }
  const pathOf = (node: Node | undefined, last?: string): string => {
    const keys = last === undefined ? [] : [last]
    for (let at = node; at?.key !== undefined; at = at.parent) keys.push(at.key)
    return keys.reverse().join('.')
  }
  const stack: Node[] = [{ value, key: undefined, parent: undefined }]
  while (stack.length > 0) {
    const node = stack.pop()!
    const current = node.value
    if (typeof current === 'string') {
      const problem = textProblem(current)
      if (problem) return { problem, path: pathOf(node) }
      continue
    }
    if (current === null || typeof current !== 'object') continue
    const entries = Array.isArray(current) ? current.map((element, index) => [String(index), element] as const) : Object.entries(current)
    // Pushed in reverse, so the first field is looked at first and the reported path is the first bad one.
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, element] = entries[index]!
      const keyProblem = Array.isArray(current) ? undefined : textProblem(key)
      if (keyProblem) return { problem: keyProblem, path: pathOf(node, printableKey(key)) }
      stack.push({ value: element, key, parent: node })
    }
  }
  return undefined
}

function textProblem(text: string): BadText['problem'] | undefined {
  if (text.includes('\u0000')) return 'nul'
  if (LONE_SURROGATE.test(text)) return 'loneSurrogate'
  return undefined
}

/** A bad key named in the answer without the characters that made it bad. */
function printableKey(key: string): string {
  return key.replaceAll('\u0000', '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '')
}
