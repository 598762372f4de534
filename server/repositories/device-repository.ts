import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Executor, Transaction } from '../db/database'
import { devices, stations, type DeviceRow } from '../db/schema'

export async function insertDevice(
  db: Executor,
  device: { id: string; stationCode: string; deviceNumber: number; name: string; tokenHash: string; now: Date },
): Promise<void> {
  await db.insert(devices).values({
    id: device.id,
    stationCode: device.stationCode,
    deviceNumber: device.deviceNumber,
    name: device.name,
    tokenHash: device.tokenHash,
    createdAt: device.now,
    lastSeenAt: device.now,
  })
}

/** A device whose token matches and that was not revoked, with when its station was deactivated (null: active); one query, as every device request asks. */
export async function findActiveDeviceByTokenHash(db: Executor, tokenHash: string): Promise<(DeviceRow & { stationDeactivatedAt: Date | null }) | undefined> {
  const [row] = await db
    .select({ device: devices, stationDeactivatedAt: stations.deactivatedAt })
    .from(devices)
    .innerJoin(stations, eq(stations.code, devices.stationCode))
    .where(and(eq(devices.tokenHash, tokenHash), isNull(devices.revokedAt)))
  return row && { ...row.device, stationDeactivatedAt: row.stationDeactivatedAt }
}

export async function touchDevice(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, id))
}

export async function findDevice(db: Executor, id: string): Promise<DeviceRow | undefined> {
  const [row] = await db.select().from(devices).where(eq(devices.id, id))
  return row
}

/** Revokes the device unless it already was: the first revocation time stands. Answers the row as it is now. */
export async function revokeDevice(db: Executor, id: string, now: Date): Promise<DeviceRow | undefined> {
  const [revoked] = await db
    .update(devices)
    .set({ revokedAt: now })
    .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
    .returning()
  return revoked ?? findDevice(db, id)
}

/** Every device ever enrolled, revoked ones included, oldest first. */
export async function listDeviceRows(db: Executor): Promise<DeviceRow[]> {
  return db.select().from(devices).orderBy(asc(devices.stationCode), asc(devices.createdAt))
}

/**
 * The next device number of a station: one more than any it ever had, revoked devices
 * included, so a number is never handed out twice. The station row is locked first, so
 * two enrollments of one station at the same moment queue instead of taking the same
 * number (the unique index would refuse the second anyway).
 */
export async function nextDeviceNumber(tx: Transaction, stationCode: string): Promise<number> {
  await tx.select({ code: stations.code }).from(stations).where(eq(stations.code, stationCode)).for('update')
  const [row] = await tx
    .select({ highest: sql<number | null>`max(${devices.deviceNumber})` })
    .from(devices)
    .where(eq(devices.stationCode, stationCode))
  return Number(row?.highest ?? 0) + 1
}
