import { describe, expect, it } from 'vitest'
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../../../server/http/json-body'
import { redactedError, redactText } from '../../../server/http/log-redaction'
import { findBadText } from '../../../server/http/text-guard'
import { truncateText } from '../../../shared/truncate-text'

describe('findBadText', () => {
  it('finds NUL and lone surrogates in values and keys, with the path of the first one', () => {
    expect(findBadText({ a: ['ok', 'x\u0000'] })).toEqual({ problem: 'nul', path: 'a.1' })
    expect(findBadText({ a: { b: 'x\ud83d' }, c: 'y\u0000' })).toEqual({ problem: 'loneSurrogate', path: 'a.b' })
    expect(findBadText({ a: '\ude00tail' })).toEqual({ problem: 'loneSurrogate', path: 'a' })
    expect(findBadText({ ['k\ud800']: 1 })).toEqual({ problem: 'loneSurrogate', path: 'k' })
    expect(findBadText(['\u0000'])).toEqual({ problem: 'nul', path: '0' })
  })

  it('passes whole surrogate pairs and everything that is not a string', () => {
    expect(findBadText({ a: '😀 办理', b: [1, true, null, { c: '𠀀' }] })).toBeUndefined()
  })

  it('walks a structure nested far past the call stack without recursing', () => {
    let deep: unknown = 'x\u0000'
    for (let level = 0; level < 200_000; level++) deep = [deep]
    expect(findBadText(deep)?.problem).toBe('nul')
  })
})

describe('exceedsJsonDepth', () => {
  it('counts brackets outside strings only, escapes included', () => {
    expect(exceedsJsonDepth(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`, MAX_JSON_DEPTH)).toBe(false)
    expect(exceedsJsonDepth(`${'['.repeat(MAX_JSON_DEPTH + 1)}`, MAX_JSON_DEPTH)).toBe(true)
    expect(exceedsJsonDepth(JSON.stringify({ text: '[[[[[[', quote: '\\"[[[[' }), 2)).toBe(false)
    expect(exceedsJsonDepth('{"a":{"b":{"c":1}}}', 2)).toBe(true)
  })

  it('answers for a million brackets in one pass', () => {
    expect(exceedsJsonDepth('['.repeat(1_000_000), MAX_JSON_DEPTH)).toBe(true)
  })
})

describe('truncateText', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(truncateText('办理', 5)).toBe('办理')
    expect(truncateText('abcdef', 4)).toBe('abc…')
  })

  it('never cuts between the halves of a surrogate pair', () => {
    const cut = truncateText(`ab😀cd`, 4)
    expect(cut).toBe('ab…')
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
    expect(truncateText(`a😀bcd`, 4)).toBe('a😀…')
    expect(truncateText('ab😀cd', 3, '')).toBe('ab')
    expect(truncateText('ab😀cd', 4, '')).toBe('ab😀')
  })
})

describe('log redaction', () => {
  it('keeps a database error\u2019s code and SQL but not its parameters, detail or quoted values', () => {
    const cause = Object.assign(new Error('invalid input syntax for type integer: "110105194912310021"'), {
      code: '22P02',
      detail: 'Key (id_number)=(110105194912310021) already exists.',
      where: 'row 110105194912310021',
      table: 'intakes',
    })
    const failure = Object.assign(new Error('Failed query: insert into "intakes" values ($1)\nparams: 玉香,110105194912310021,13908810001'), {
      query: 'insert into "intakes" values ($1)',
      params: ['玉香', '110105194912310021'],
      cause,
    })
    const logged = JSON.stringify(redactedError(failure))
    expect(logged).not.toMatch(/110105|玉香|13908810001/)
    expect(redactedError(failure)).toMatchObject({ query: 'insert into "intakes" values ($1)', cause: { code: '22P02', table: 'intakes' } })
  })

  it('masks quoted text, key values and long digit runs', () => {
    expect(redactText(`Unexpected token, "{"idNumber":"1101"" is not valid JSON`)).not.toContain('idNumber')
    expect(redactText('Key (phone)=(13908810001) exists')).toBe('Key (phone)=([redacted]) exists')
    expect(redactText('value 11010519491231002X here')).toBe('value [redacted] here')
  })
})
