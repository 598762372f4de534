import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { matchesPinyin, normaliseQuery } from '../../lib/search-key'

/**
 * What the clerk typed, prepared once per keystroke: the name needle (trimmed, lower case) and
 * the compact form codes and pinyin are compared with (no spaces or separators).
 */
export type PreparedQuery = { needle: string; compact: string; pinyin: boolean }

export function prepareQuery(query: string): PreparedQuery {
  const compact = normaliseQuery(query)
  return { needle: query.trim().toLowerCase(), compact, pinyin: /^[a-z0-9]+$/.test(compact) }
}

/** Searches one list of items by what the clerk types, keystroke after keystroke. */
export type CatalogQueryIndex = {
  /** The items matching `query`, in the list's order; with `within`, only the items whose position in the list it marks. */
  search(query: string, within?: Uint8Array): readonly CatalogItemRecord[]
}

/** Sorted, distinct item positions: one posting list. */
type Postings = Int32Array

/** Posting lists under a numeric key, built by appending item positions in increasing order. */
class PostingsBuilder {
  private readonly lists = new Map<number, number[]>()

  add(key: number, position: number): void {
    const list = this.lists.get(key)
    if (list === undefined) this.lists.set(key, [position])
    // Positions arrive in order, so a repeat within one item is always the last entry.
    else if (list[list.length - 1] !== position) list.push(position)
  }

  build(): Map<number, Postings> {
    const built = new Map<number, Postings>()
    for (const [key, list] of this.lists) built.set(key, Int32Array.from(list))
    return built
  }
}

const pairKey = (first: number, second: number) => first * 65536 + second
const NO_POSTINGS: Postings = new Int32Array(0)

/**
 * The search index of a list of items, built once per list (once per catalog version, not per
 * keystroke). It answers exactly what matchesCatalogQuery answers item by item, but a keystroke
 * intersects a few short posting lists instead of testing every item:
 * - name: part of the lower-cased name. Positions per character and per pair of adjacent
 *   characters; a one-character needle is answered by its list, a longer one is checked only on
 *   the items holding all its pairs.
 * - code: the start of one of the item's codes, by binary search over all codes sorted.
 * - pinyin (prefixes of consecutive syllables, see matchesPinyin): its first two letters are
 *   either the first two letters of a syllable or the first letters of two consecutive ones, so
 *   positions per such "start pair" answer a two-letter query exactly. Each further letter
 *   either goes on within a syllable or starts the next one, so every adjacent pair of the query
 *   is among the item's "step pairs" (adjacent letters in a syllable, or any letter of a syllable
 *   then the next syllable's first); only items holding them all are checked with matchesPinyin.
 * It also remembers the last query's hits: a query that only adds to it (the clerk typing on)
 * can only match among them (see narrows), so they bound the candidates too.
 */
export function createCatalogQueryIndex(items: readonly CatalogItemRecord[]): CatalogQueryIndex {
  const names = items.map((item) => item.name.toLowerCase())
  const nameChars = new PostingsBuilder()
  const namePairs = new PostingsBuilder()
  const initials = new PostingsBuilder()
  const startPairs = new PostingsBuilder()
  const stepPairs = new PostingsBuilder()
  const codes: { code: string; position: number }[] = []
  items.forEach((item, position) => {
    const name = names[position]!
    for (let at = 0; at < name.length; at++) {
      const char = name.charCodeAt(at)
      nameChars.add(char, position)
      if (at + 1 < name.length) namePairs.add(pairKey(char, name.charCodeAt(at + 1)), position)
    }
    for (const code of [item.implCode, item.baseCode, item.id]) codes.push({ code: code.toLowerCase(), position })
    const syllables = item.searchKey.syllables
    syllables.forEach((syllable, index) => {
      const first = syllable.charCodeAt(0)
      initials.add(first, position)
      if (syllable.length > 1) startPairs.add(pairKey(first, syllable.charCodeAt(1)), position)
      const next = syllables[index + 1]
      if (next !== undefined) startPairs.add(pairKey(first, next.charCodeAt(0)), position)
      for (let at = 0; at < syllable.length; at++) {
        const char = syllable.charCodeAt(at)
        if (at + 1 < syllable.length) stepPairs.add(pairKey(char, syllable.charCodeAt(at + 1)), position)
        if (next !== undefined) stepPairs.add(pairKey(char, next.charCodeAt(0)), position)
      }
    })
  })
  codes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const index = {
    nameChars: nameChars.build(),
    namePairs: namePairs.build(),
    initials: initials.build(),
    startPairs: startPairs.build(),
    stepPairs: stepPairs.build(),
  }
  const marks = new Uint8Array(items.length)
  let last: { prepared: PreparedQuery; hits: Postings } | undefined

  /** Marks the positions of `postings` that pass `test` (all when it is absent). */
  const markWhere = (postings: Postings, test?: (position: number) => boolean) => {
    for (const position of postings) if (test === undefined || test(position)) marks[position] = 1
  }

  const markNameHits = (needle: string, bound: Postings | undefined) => {
    if (needle.length === 1) return markWhere(within(index.nameChars.get(needle.charCodeAt(0)) ?? NO_POSTINGS, bound))
    const lists: Postings[] = []
    for (let at = 0; at + 1 < needle.length; at++) lists.push(index.namePairs.get(pairKey(needle.charCodeAt(at), needle.charCodeAt(at + 1))) ?? NO_POSTINGS)
    markWhere(within(intersectAll(lists), bound), (position) => names[position]!.includes(needle))
  }

  const markCodeHits = (compact: string) => {
    let low = 0
    let high = codes.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (codes[middle]!.code < compact) low = middle + 1
      else high = middle
    }
    for (let at = low; at < codes.length && codes[at]!.code.startsWith(compact); at++) marks[codes[at]!.position] = 1
  }

  const markPinyinHits = (compact: string, bound: Postings | undefined) => {
    if (compact.length === 1) return markWhere(within(index.initials.get(compact.charCodeAt(0)) ?? NO_POSTINGS, bound))
    const lists = [index.startPairs.get(pairKey(compact.charCodeAt(0), compact.charCodeAt(1))) ?? NO_POSTINGS]
    if (compact.length === 2) return markWhere(within(lists[0]!, bound))
    for (let at = 1; at + 1 < compact.length; at++) lists.push(index.stepPairs.get(pairKey(compact.charCodeAt(at), compact.charCodeAt(at + 1))) ?? NO_POSTINGS)
    markWhere(within(intersectAll(lists), bound), (position) => matchesPinyin(items[position]!.searchKey, compact))
  }

  return {
    search(query, allowed) {
      const prepared = prepareQuery(query)
      if (prepared.needle === '') {
        last = undefined
        return allowed === undefined ? items : items.filter((_, position) => allowed[position] === 1)
      }
      const bound = last !== undefined && narrows(last.prepared, prepared) ? last.hits : undefined
      marks.fill(0)
      markNameHits(prepared.needle, bound)
      if (prepared.compact !== '') {
        // Codes are matched whole from the sorted list: cheaper than bounding them.
        markCodeHits(prepared.compact)
        if (prepared.pinyin) markPinyinHits(prepared.compact, bound)
      }
      const hits: number[] = []
      for (let position = 0; position < marks.length; position++) if (marks[position] === 1) hits.push(position)
      last = { prepared, hits: Int32Array.from(hits) }
      const found: CatalogItemRecord[] = []
      for (const position of hits) if (allowed === undefined || allowed[position] === 1) found.push(items[position]!)
      return found
    },
  }
}

/**
 * Whether every item matching `next` also matches `before`, so `before`'s hits bound `next`'s.
 * True when each of next's strings extends before's: a name holding the longer needle holds the
 * shorter; a code starting with the longer compact query starts with the shorter; and a pinyin
 * match of a query still matches with its last letters dropped. Not when before's compact form
 * was empty: it matched by name only, and next may match by code.
 */
function narrows(before: PreparedQuery, next: PreparedQuery): boolean {
  return before.compact !== '' && next.needle.startsWith(before.needle) && next.compact.startsWith(before.compact)
}

/** The positions in both lists. */
function intersect(a: Postings, b: Postings): Postings {
  if (a.length > b.length) return intersect(b, a)
  const out = new Int32Array(a.length)
  let count = 0
  if (a.length * 16 < b.length) {
    // Much shorter: look each of its positions up in the longer list.
    let from = 0
    for (const position of a) {
      let low = from
      let high = b.length
      while (low < high) {
        const middle = (low + high) >>> 1
        if (b[middle]! < position) low = middle + 1
        else high = middle
      }
      if (low < b.length && b[low] === position) out[count++] = position
      from = low
    }
  } else {
    let j = 0
    for (const position of a) {
      while (j < b.length && b[j]! < position) j++
      if (j < b.length && b[j] === position) out[count++] = position
    }
  }
  return out.subarray(0, count)
}

/** The positions in every list, shortest lists first. */
function intersectAll(lists: Postings[]): Postings {
  const sorted = [...lists].sort((a, b) => a.length - b.length)
  let result = sorted[0] ?? NO_POSTINGS
  for (let at = 1; at < sorted.length && result.length > 0; at++) result = intersect(result, sorted[at]!)
  return result
}

/** `postings` cut down to `bound` when there is one. */
function within(postings: Postings, bound: Postings | undefined): Postings {
  return bound === undefined ? postings : intersect(postings, bound)
}
