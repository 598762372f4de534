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

/**
 * Posting lists under a small integer key, built by appending item positions in increasing order.
 * Keys stay small integers (V8 keeps them unboxed): characters are numbered densely first
 * (CharIds), so a pair of Chinese characters is not a key in the billions.
 */
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

/** Dense numbers for the characters met, 0, 1, 2, …: a catalog's names use a few thousand. */
class CharIds {
  private readonly ids = new Map<number, number>()

  /** The character's number, given one if it has none yet. */
  of(char: number): number {
    let id = this.ids.get(char)
    if (id === undefined) {
      id = this.ids.size
      this.ids.set(char, id)
    }
    return id
  }

  /** The character's number, or -1 for one no item holds. */
  find(char: number): number {
    return this.ids.get(char) ?? -1
  }
}

/** One key per ordered pair of character numbers; below 2^30 (a small integer) for the first 32,768 characters. */
const pairKey = (first: number, second: number) => first * 32768 + second
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
  const chars = new CharIds()
  const nameChars = new PostingsBuilder()
  const namePairs = new PostingsBuilder()
  const initials = new PostingsBuilder()
  const startPairs = new PostingsBuilder()
  const stepPairs = new PostingsBuilder()
  const codeEntries: { code: string; position: number }[] = []
  items.forEach((item, position) => {
    const name = names[position]!
    let before = -1
    for (let at = 0; at < name.length; at++) {
      const char = chars.of(name.charCodeAt(at))
      nameChars.add(char, position)
      if (before >= 0) namePairs.add(pairKey(before, char), position)
      before = char
    }
    for (const code of [item.implCode, item.baseCode, item.id]) codeEntries.push({ code: code.toLowerCase(), position })
    const syllables = item.searchKey.syllables
    syllables.forEach((syllable, index) => {
      const first = chars.of(syllable.charCodeAt(0))
      initials.add(first, position)
      if (syllable.length > 1) startPairs.add(pairKey(first, chars.of(syllable.charCodeAt(1))), position)
      const next = syllables[index + 1]
      const nextFirst = next === undefined ? -1 : chars.of(next.charCodeAt(0))
      if (nextFirst >= 0) startPairs.add(pairKey(first, nextFirst), position)
      for (let at = 0; at < syllable.length; at++) {
        const char = chars.of(syllable.charCodeAt(at))
        if (at + 1 < syllable.length) stepPairs.add(pairKey(char, chars.of(syllable.charCodeAt(at + 1))), position)
        if (nextFirst >= 0) stepPairs.add(pairKey(char, nextFirst), position)
      }
    })
  })
  const { forms: pinyinForms, formCount: pinyinFormCount } = letterForms(items)
  codeEntries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  // Side by side, sorted: a code prefix is a range of this list, found by two binary searches.
  const codes = codeEntries.map((entry) => entry.code)
  const codePositions = Int32Array.from(codeEntries, (entry) => entry.position)
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

  /** The postings of a character or pair of the query; none when a character is in no item. */
  const charPostings = (table: Map<number, Postings>, char: number) => {
    const id = chars.find(char)
    return id < 0 ? NO_POSTINGS : (table.get(id) ?? NO_POSTINGS)
  }
  const pairPostings = (table: Map<number, Postings>, first: number, second: number) => {
    const a = chars.find(first)
    const b = chars.find(second)
    return a < 0 || b < 0 ? NO_POSTINGS : (table.get(pairKey(a, b)) ?? NO_POSTINGS)
  }

  const markNameHits = (needle: string, bound: Postings | undefined) => {
    if (needle.length === 1) return markWhere(within(charPostings(index.nameChars, needle.charCodeAt(0)), bound))
    const lists: Postings[] = []
    for (let at = 0; at + 1 < needle.length; at++) lists.push(pairPostings(index.namePairs, needle.charCodeAt(at), needle.charCodeAt(at + 1)))
    markWhere(within(intersectAll(lists), bound), (position) => names[position]!.includes(needle))
  }

  /** The first code at or after `text` in the sorted list. */
  const firstCodeFrom = (text: string) => {
    let low = 0
    let high = codes.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (codes[middle]! < text) low = middle + 1
      else high = middle
    }
    return low
  }

  const markCodeHits = (compact: string) => {
    // Every code starting with `compact` sorts from it up to it followed by the highest code unit.
    const end = firstCodeFrom(`${compact}\uffff`)
    for (let at = firstCodeFrom(compact); at < end; at++) marks[codePositions[at]!] = 1
  }

  // Per letter form, this keystroke's answer: 0 not checked yet, 1 matches, 2 does not.
  const formVerdicts = new Uint8Array(pinyinFormCount)

  const markPinyinHits = (compact: string, bound: Postings | undefined) => {
    if (compact.length === 1) return markWhere(within(charPostings(index.initials, compact.charCodeAt(0)), bound))
    const lists = [pairPostings(index.startPairs, compact.charCodeAt(0), compact.charCodeAt(1))]
    if (compact.length === 2) return markWhere(within(lists[0]!, bound))
    for (let at = 1; at + 1 < compact.length; at++) lists.push(pairPostings(index.stepPairs, compact.charCodeAt(at), compact.charCodeAt(at + 1)))
    const candidates = within(intersectAll(lists), bound)
    if (/[0-9]/.test(compact)) return markWhere(candidates, (position) => matchesPinyin(items[position]!.searchKey, compact))
    // Letters only: items of one letter form get one answer, checked on the first of them.
    formVerdicts.fill(0)
    markWhere(candidates, (position) => {
      const form = pinyinForms[position]!
      if (formVerdicts[form] === 0) formVerdicts[form] = matchesPinyin(items[position]!.searchKey, compact) ? 1 : 2
      return formVerdicts[form] === 1
    })
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
 * Numbers the items by what a pinyin query of letters only can match in their syllables: each
 * syllable's leading letters, a syllable that starts with a digit standing as a gap that no such
 * query crosses. Items of one form match the same letter queries, so each form is checked once
 * per keystroke: a county's catalog lists one item under many 实施主体, and copies whose names
 * differ only in a number ("（12）") share a form too.
 */
function letterForms(items: readonly CatalogItemRecord[]): { forms: Int32Array; formCount: number } {
  const numbers = new Map<string, number>()
  const forms = Int32Array.from(items, (item) => {
    const form = item.searchKey.syllables.map((syllable) => /^[a-z]*/.exec(syllable)![0]).join(' ')
    let number = numbers.get(form)
    if (number === undefined) {
      number = numbers.size
      numbers.set(form, number)
    }
    return number
  })
  return { forms, formCount: numbers.size }
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
