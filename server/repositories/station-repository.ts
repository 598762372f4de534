import { asc, eq } from 'drizzle-orm'
import type { Station } from '../../shared/station'
import type { Executor } from '../db/database'
import { counties, stations, type StationRow } from '../db/schema'

/** The station as the protocol publishes it, county name included. */
export async function findStation(db: Executor, code: string): Promise<Station | undefined> {
  const [row] = await db
    .select({ station: stations, countyName: counties.name })
    .from(stations)
    .innerJoin(counties, eq(counties.code, stations.countyCode))
    .where(eq(stations.code, code))
  return row ? toStation(row.station, row.countyName) : undefined
}

/** Every station of the county, by code (the console's station list). */
export async function listStationRows(db: Executor): Promise<StationRow[]> {
  return db.select().from(stations).orderBy(asc(stations.code))
}

/** The station's row as the county keeps it (address, phone, 停用 included). */
export async function findStationRow(db: Executor, code: string): Promise<StationRow | undefined> {
  const [row] = await db.select().from(stations).where(eq(stations.code, code))
  return row
}

/** When the station was deactivated (停用), null while in use, undefined when there is no such station. */
export async function findStationDeactivatedAt(db: Executor, code: string): Promise<Date | null | undefined> {
  const [row] = await db.select({ deactivatedAt: stations.deactivatedAt }).from(stations).where(eq(stations.code, code))
  return row ? row.deactivatedAt : undefined
}

type StationContact = { address: string; phone: string }

/** Sets what the protocol does not publish: address and phone. */
export async function updateStationContact(db: Executor, code: string, contact: StationContact): Promise<void> {
  await db
    .update(stations)
    .set({ ...contact, updatedAt: new Date() })
    .where(eq(stations.code, code))
}

/** 停用 (a time) or back in use (null). */
export async function setStationDeactivatedAt(db: Executor, code: string, deactivatedAt: Date | null): Promise<void> {
  await db.update(stations).set({ deactivatedAt, updatedAt: new Date() }).where(eq(stations.code, code))
}

export async function insertStation(db: Executor, station: Station): Promise<void> {
  await db.insert(stations).values(fromStation(station))
}

export async function updateStation(db: Executor, station: Station): Promise<void> {
  await db
    .update(stations)
    .set({ ...fromStation(station), updatedAt: new Date() })
    .where(eq(stations.code, station.code))
}

function toStation(row: StationRow, countyName: string): Station {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind as Station['kind'],
    township: row.township,
    countyCode: row.countyCode,
    countyName,
    itemIds: row.itemIds,
  }
}

function fromStation(station: Station) {
  return {
    code: station.code,
    name: station.name,
    kind: station.kind,
    township: station.township,
    countyCode: station.countyCode,
    itemIds: station.itemIds,
  }
}
