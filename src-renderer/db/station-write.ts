import type { Table } from 'dexie'
import { mutationSchema, type MutationInput } from '../../shared/protocol'
import type { AuditAction, OutboxEntry } from '../../shared/station-records'
import { isQuotaError, STORAGE_FULL_MESSAGE, UserError } from '../lib/user-error'
import { newUuid } from '../lib/uuid'
import { assertCan, auditActor, type StaffAction, type StaffActor } from './staff-permissions'
import type { StationDb } from './station-db'

/** What a change gives the write path besides its own record writes: the mutation to send and the trail line. */
export type StationChange<T> = {
  /** The mutation exactly as it will be pushed (validated here with the shared protocol schema). */
  mutation: MutationInput
  audit: { action: AuditAction; entityId: string; intakeNo?: string; detail?: string }
  result: T
}

/** Passed to a change: the one instant and the acting staff member it is written under. */
export type StationWriteContext = { createdAt: string; actor: StaffActor; newId: () => string }

export type StationWrite<T> = {
  /** The signed-in staff member: required, nothing is written on nobody's behalf. */
  actor: StaffActor
  action: StaffAction
  /** The tables the change itself reads or writes (outbox and audit are added here). */
  tables: readonly Table[]
  /** Reads and writes the record inside the transaction; throwing aborts everything. */
  change: (context: StationWriteContext) => Promise<StationChange<T>>
  now?: () => Date
  newId?: () => string
}

/**
 * The station's ONE write path for mutations, the twin of the county's mutation transaction:
 * the actor's permission is checked first, then the record change, its outbox entry and its
 * audit entry are written in ONE Dexie transaction, or none of them (PROTOCOL.md principle 4).
 * No other module adds to the outbox (tests/unit/renderer/outbox-writers.test.ts checks it), so
 * every mutation the county receives has a trail line naming the account that made it.
 *
 * Throws UserError `not_signed_in` / `forbidden_role` (permissions), `storage_full`, or what the change throws.
 */
export async function writeStationMutation<T>(db: StationDb, write: StationWrite<T>): Promise<T> {
  assertCan(write.actor, write.action)
  const createdAt = (write.now ?? (() => new Date()))().toISOString()
  const newId = write.newId ?? newUuid
  return stationTransaction(db, [...write.tables, db.outbox, db.audit], async () => {
    const { mutation, audit, result } = await write.change({ createdAt, actor: write.actor, newId })
    // Parsed once, whole: the outbox entry is that mutation and the queue's counter (parsing the
    // entry again would validate the payload a second time). Both rows are written at once.
    const entry: OutboxEntry = { ...mutationSchema.parse(mutation), attempts: 0 }
    await Promise.all([db.outbox.add(entry), db.audit.add({ at: createdAt, ...audit, ...auditActor(write.actor) })])
    return result
  })
}

/**
 * A read-write transaction whose storage-full failure becomes the clerk's message. IndexedDB
 * may report a full disk on any write or only at commit, so the whole transaction is wrapped:
 * writes that span several mutations (一件事一次办) use this around their writeStationMutation calls.
 */
export async function stationTransaction<T>(db: StationDb, tables: readonly Table[], body: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', [...new Set(tables)], body)
  } catch (error) {
    if (isQuotaError(error)) throw new UserError('storage_full', STORAGE_FULL_MESSAGE)
    throw error
  }
}
