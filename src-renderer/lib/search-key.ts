import { pinyin } from 'pinyin-pro'

/**
 * What catalog search compares a query with, computed once when an item is stored: the
 * name's syllables in toneless pinyin (`['cheng', 'xiang', …]`), with letters and digits
 * kept as their own lower-case runs and punctuation dropped. Running pinyin-pro over
 * every name on every keystroke would be the slow part of search, so it never happens there.
 */
export type CatalogSearchKey = { syllables: string[] }

export function catalogSearchKey(name: string): CatalogSearchKey {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    // pinyin-pro hands non-Chinese text back in runs that may hold punctuation and spaces ("》 ABC").
    .flatMap((syllable) => syllable.toLowerCase().match(/[a-z0-9]+/g) ?? [])
  return { syllables }
}

/** What the clerk typed, as compared: lower case, without spaces, apostrophes or separators. */
export function normaliseQuery(query: string): string {
  return query
    .trim()
    .toLowerCase()
    .replace(/[\s'’·\-_]+/g, '')
}

/**
 * Whether a pinyin query matches a run of consecutive syllables, each syllable given by a
 * non-empty prefix of itself. That one rule covers initials ("ylbx" → 养老保险), full pinyin
 * ("yanglao"), a mix ("yangl", "ylbaoxian") and a half-typed last syllable ("yanglaob").
 * Memoised on (syllable, query position), so a name costs at most syllables × query length × 6.
 */
export function matchesPinyin(key: CatalogSearchKey, pinyinQuery: string): boolean {
  const { syllables } = key
  if (pinyinQuery === '') return true
  // Created only when a branch fails: most names are rejected on their first letters without it.
  let failed: Set<number> | undefined
  const width = pinyinQuery.length + 1
  const matchFrom = (syllableIndex: number, queryIndex: number): boolean => {
    if (queryIndex === pinyinQuery.length) return true
    if (syllableIndex === syllables.length) return false
    const state = syllableIndex * width + queryIndex
    if (failed?.has(state)) return false
    const syllable = syllables[syllableIndex]!
    // How far the syllable and the query agree from here, compared char by char (no slices:
    // this runs for every item on every keystroke).
    const longest = Math.min(syllable.length, pinyinQuery.length - queryIndex)
    let common = 0
    while (common < longest && syllable.charCodeAt(common) === pinyinQuery.charCodeAt(queryIndex + common)) common++
    // Longest prefix first: a full syllable is the likelier reading of what was typed.
    for (let length = common; length >= 1; length--) {
      if (matchFrom(syllableIndex + 1, queryIndex + length)) return true
    }
    ;(failed ??= new Set()).add(state)
    return false
  }
  for (let start = 0; start < syllables.length; start++) {
    if (matchFrom(start, 0)) return true
  }
  return false
}
