import { mutationSchema, type Mutation } from '../../shared/protocol'
import type { OutboxEntry } from '../../shared/station-records'

/** At most this many mutations per push (the county takes up to 1000). */
export const PUSH_BATCH_MAX_MUTATIONS = 500
/** At most this many bytes of JSON per push body (the county takes up to 8 MiB). */
export const PUSH_BATCH_MAX_BYTES = 4 * 1024 * 1024

type PushBatchLimits = { maxMutations: number; maxBytes: number }

/** `{"mutations":[` + `]}`: what the body holds besides the mutations and their commas. */
const ENVELOPE_BYTES = '{"mutations":[]}'.length

const encoder = new TextEncoder()

/** Mutations already parsed out of their entry: a push sizes, sends and hashes each entry's mutation, one parse is enough. */
const parsedMutations = new WeakMap<OutboxEntry, Mutation>()

/**
 * The mutation exactly as the protocol defines it, without local bookkeeping. Parsed once per
 * entry object (the parse copies the payload, and a batch of 500 was parsed three times over);
 * the bookkeeping a round changes on an entry is not part of the mutation.
 */
export function toMutation(entry: OutboxEntry): Mutation {
  let mutation = parsedMutations.get(entry)
  if (mutation === undefined) {
    mutation = mutationSchema.parse(entry)
    parsedMutations.set(entry, mutation)
  }
  return mutation
}

type Offer = 'taken' | 'skipped' | 'full'

/**
 * Picks the next push from the outbox, offered oldest first (by local sequence):
 * - an entry the county rejected, or one set aside after repeated 5xx (or excluded by the
 *   caller), is not sent, and every later entry of the same record waits behind it (a
 *   supplement must not reach the county before its intake);
 * - at most one entry per record per push: if the county rejects it, the record's next
 *   entry has not been sent yet, so it can still wait;
 * - the batch ends at the mutation or byte limit; nothing younger jumps ahead of an
 *   entry that did not fit (a single entry over the byte limit still goes alone).
 */
export class PushBatchBuilder {
  readonly entries: OutboxEntry[] = []
  private bytes = ENVELOPE_BYTES
  private readonly blocked = new Set<string>()
  private readonly taken = new Set<string>()
  private full = false

  constructor(
    private readonly limits: PushBatchLimits = { maxMutations: PUSH_BATCH_MAX_MUTATIONS, maxBytes: PUSH_BATCH_MAX_BYTES },
    private readonly excluded: ReadonlySet<string> = new Set(),
  ) {}

  offer(entry: OutboxEntry): Offer {
    if (this.full) return 'full'
    if (entry.rejection !== undefined || entry.setAside !== undefined || this.excluded.has(entry.id)) {
      this.blocked.add(entry.entityId)
      return 'skipped'
    }
    if (this.blocked.has(entry.entityId) || this.taken.has(entry.entityId)) return 'skipped'
    const size = encoder.encode(JSON.stringify(toMutation(entry))).length + (this.entries.length > 0 ? 1 : 0)
    if (this.entries.length > 0 && this.bytes + size > this.limits.maxBytes) {
      this.full = true
      return 'full'
    }
    this.entries.push(entry)
    this.taken.add(entry.entityId)
    this.bytes += size
    if (this.entries.length >= this.limits.maxMutations) this.full = true
    return 'taken'
  }

  get isFull(): boolean {
    return this.full
  }
}
