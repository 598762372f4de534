import { canonicalJson } from '../../shared/canonical-json'
import { sha256Hex } from '../../shared/sha256'
import type { OutboxEntry } from '../../shared/station-records'
import { sentMutationSchema, type SentMutation } from '../../shared/sync-records'
import { chinaDate } from '../../shared/working-days'
import { toMutation } from './push-batch'

const encoder = new TextEncoder()

/**
 * The payload hash of each outbox entry by mutation id. The hash is over the mutation's
 * payload exactly as pushed (its canonical JSON), the same bytes the county hashes. Taken before
 * the confirmations' transaction opens, so it may wait: with WebCrypto where the page has it (a
 * batch of 500 at once, native), else synchronously in JavaScript (a page over
 * plain http), never failing for want of `crypto.subtle`.
 */
export async function payloadHashesOf(entries: readonly OutboxEntry[]): Promise<Map<string, string>> {
  const hashes = await Promise.all(entries.map((entry) => sha256Hex(encoder.encode(canonicalJson(toMutation(entry).payload)))))
  return new Map(entries.map((entry, index) => [entry.id, hashes[index]!]))
}

/** The log row for an entry the county just confirmed (`applied` or `duplicate`). */
export function sentMutationOf(entry: OutboxEntry, hash: string, confirmedAt: Date): SentMutation {
  return sentMutationSchema.parse({
    id: entry.id,
    type: entry.type,
    entityId: entry.entityId,
    payloadHash: hash,
    createdAt: entry.createdAt,
    confirmedAt: confirmedAt.toISOString(),
    day: chinaDate(new Date(entry.createdAt)),
  })
}
