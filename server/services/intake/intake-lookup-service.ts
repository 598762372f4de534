import { INTAKE_STATUS_LABELS } from '../../../shared/intake-status'
import type { IntakeSubmitPayload } from '../../../shared/intake'
import { lookupKeySchema } from '../../../shared/intake'
import type { Database } from '../../db/database'
import { findIntakeByLookupKeyHash } from '../../repositories/intake-repository'
import { lookupKeyHash } from './intake-submit-service'
import { consumeRate, type RateRule } from '../rate-limits/rate-limit-service'

/**
 * 进度查询: what whoever holds the paper may see of an intake. Item, status and dates only,
 * never the applicant's name, ID number or phone: the key is printed on paper that gets
 * left on counters and photographed.
 */
export type IntakeProgress = {
  itemName: string
  statusLabel: string
  /** Instants (ISO); the page shows them in China time. */
  receivedAt: string
  acceptedAt?: string
  dueDate?: string
  completedAt?: string
  deliveredAt?: string
}

/**
 * Per address, like enrollment: guessing keys is hopeless at 128 bits, but the page reads the
 * database, so an address hammering it waits.
 */
const LOOKUPS_PER_MINUTE = 30
const lookupRule = (ip: string): RateRule => ({ bucket: `lookup-ip:${ip}`, limit: LOOKUPS_PER_MINUTE, windowSeconds: 60 })

/** The progress the key opens, or undefined for no key, a malformed one or one the county does not know. */
export async function lookUpIntakeProgress(db: Database, key: string | undefined, ip: string): Promise<IntakeProgress | undefined> {
  await consumeRate(db, lookupRule(ip), '查询过于频繁，请稍后再试')
  if (key === undefined || !lookupKeySchema.safeParse(key).success) return undefined
  const row = await findIntakeByLookupKeyHash(db, lookupKeyHash(key))
  if (!row) return undefined
  return {
    itemName: (row.payload as IntakeSubmitPayload).item.name,
    statusLabel: INTAKE_STATUS_LABELS[row.status],
    receivedAt: (row.stationReceivedAt ?? row.receivedAt).toISOString(),
    ...(row.acceptedAt ? { acceptedAt: row.acceptedAt.toISOString() } : {}),
    ...(row.dueDate ? { dueDate: row.dueDate } : {}),
    ...(row.completedAt ? { completedAt: row.completedAt.toISOString() } : {}),
    ...(row.deliveredAt ? { deliveredAt: row.deliveredAt.toISOString() } : {}),
  }
}
