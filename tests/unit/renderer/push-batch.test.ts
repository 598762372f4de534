import { describe, expect, it } from 'vitest'
import type { OutboxEntry } from '../../../shared/station-records'
import { PUSH_BATCH_MAX_BYTES, PUSH_BATCH_MAX_MUTATIONS, PushBatchBuilder, toMutation } from '../../../src-renderer/sync/push-batch'

let serial = 0

/** A queued `audit.append` of the given record; `lines` makes it as large as a test needs. */
function entry(entityId: string, overrides: Partial<OutboxEntry> = {}, lines = 1): OutboxEntry {
  serial++
  const id = `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`
  return {
    seq: serial,
    id,
    type: 'audit.append',
    entityId,
    payload: {
      id: entityId,
      entries: Array.from({ length: lines }, () => ({ at: '2025-03-03T02:00:00.000Z', actor: '玉香', action: 'intake.submit', detail: 'x'.repeat(100) })),
    },
    createdAt: '2025-03-03T02:00:00.000Z',
    attempts: 0,
    ...overrides,
  } as OutboxEntry
}

const record = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`

function build(entries: OutboxEntry[], limits?: { maxMutations: number; maxBytes: number }): OutboxEntry[] {
  const builder = new PushBatchBuilder(limits)
  for (const candidate of entries) if (builder.offer(candidate) === 'full') break
  return builder.entries
}

describe('push batch', () => {
  it('defaults to at most 500 mutations and 4 MiB', () => {
    expect([PUSH_BATCH_MAX_MUTATIONS, PUSH_BATCH_MAX_BYTES]).toEqual([500, 4 * 1024 * 1024])
    const entries = Array.from({ length: 501 }, (_, index) => entry(record(index)))
    const batch = build(entries)
    expect(batch).toHaveLength(500)
    expect(batch.map((candidate) => candidate.id)).toEqual(entries.slice(0, 500).map((candidate) => candidate.id))
  })

  it('takes one mutation per record, in queue order; the next one waits for a later push', () => {
    const [a1, b1, a2, c1] = [entry(record(1)), entry(record(2)), entry(record(1)), entry(record(3))]
    expect(build([a1!, b1!, a2!, c1!])).toEqual([a1, b1, c1])
  })

  it('skips a rejected mutation and everything later of its record, and nothing else', () => {
    const rejection = { code: 'rejected', message: '该办件已办结，不能再补交材料' }
    const [a1, b1, a2, c1] = [entry(record(1), { rejection }), entry(record(2)), entry(record(1)), entry(record(3))]
    expect(build([a1!, b1!, a2!, c1!])).toEqual([b1, c1])
  })

  it('skips a mutation set aside after repeated 5xx (or excluded for this push) and what comes later of its record, and nothing else', () => {
    const setAside = { code: 'set_aside', message: '县级服务器多次处理出错', at: '2025-03-03T02:00:00.000Z' }
    const [a1, b1, a2, c1] = [entry(record(1), { setAside }), entry(record(2)), entry(record(1)), entry(record(3))]
    expect(build([a1!, b1!, a2!, c1!])).toEqual([b1, c1])
    const excluding = new PushBatchBuilder(undefined, new Set([b1!.id]))
    for (const candidate of [b1!, entry(record(2)), c1!]) excluding.offer(candidate)
    expect(excluding.entries).toEqual([c1])
  })

  it('stops at the byte limit counting the whole request body, without letting a younger entry jump ahead', () => {
    const big = [entry(record(1), {}, 40), entry(record(2), {}, 40), entry(record(3), {}, 40)]
    const small = entry(record(4))
    const bytes = (entries: OutboxEntry[]) => new TextEncoder().encode(JSON.stringify({ mutations: entries.map(toMutation) })).length
    const oneBody = bytes(big.slice(0, 1))
    const twoBody = bytes(big.slice(0, 2))
    const batch = build([...big, small], { maxMutations: 500, maxBytes: twoBody })
    expect(batch).toEqual(big.slice(0, 2))
    expect(build([...big, small], { maxMutations: 500, maxBytes: twoBody - 1 })).toEqual(big.slice(0, 1))
    // A single mutation larger than the limit still goes, alone: the county decides (413).
    expect(build([...big, small], { maxMutations: 500, maxBytes: oneBody - 1 })).toEqual(big.slice(0, 1))
  })
})
