import { payloadHash } from '../../shared/canonical-json'
import type { OutboxEntry } from '../../shared/station-records'
import { sentMutationSchema, type SentMutation } from '../../shared/sync-records'
import { chinaDate } from '../../shared/working-days'
import { toMutation } from './push-batch'

/**
 * The payload hash of each outbox entry by mutation id, computed BEFORE the transaction that
 * settles the county's answers: WebCrypto is not an IndexedDB request, and awaiting it inside a
 * Dexie transaction would let the transaction commit early. The hash is over the mutation's
 * payload exactly as pushed, the same bytes the county hashes.
 */
export async function payloadHashesOf(entries: readonly OutboxEntry[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>()
  for (const entry of entries) hashes.set(entry.id, await payloadHash(toMutation(entry).payload))
  return hashes
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
