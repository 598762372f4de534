import { payloadHash } from '../../shared/canonical-json'
import type { OutboxEntry } from '../../shared/station-records'
import { sentMutationSchema, type SentMutation } from '../../shared/sync-records'
import { chinaDate } from '../../shared/working-days'
import { toMutation } from './push-batch'

/**
 * The payload hash of each outbox entry by mutation id. The hash is over the mutation's
 * payload exactly as pushed, the same bytes the county hashes. It is synchronous (no
 * WebCrypto), so it can neither fail on a plain-http page nor let a Dexie transaction commit early.
 */
export function payloadHashesOf(entries: readonly OutboxEntry[]): Map<string, string> {
  return new Map(entries.map((entry) => [entry.id, payloadHash(toMutation(entry).payload)]))
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
