/**
 * Cuts text to at most `maxUnits` UTF-16 code units (what zod's `max` and JavaScript's
 * `length` count), ending with an ellipsis when it was cut. The cut never falls between
 * the two halves of a surrogate pair (an emoji, a rare CJK character): half a pair is not
 * text, and PostgreSQL refuses it.
 */
export function truncateText(text: string, maxUnits: number, ellipsis = '…'): string {
  if (text.length <= maxUnits) return text
  let end = Math.max(0, maxUnits - ellipsis.length)
  const last = text.charCodeAt(end - 1)
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}${ellipsis}`
}
