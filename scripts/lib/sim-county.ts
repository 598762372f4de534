import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { buffer } from 'node:stream/consumers'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Operator } from '../../shared/admin'
import type { Station } from '../../shared/station'
import { resolveConfig, type CountyConfig } from '../../server/config'
import type { Database } from '../../server/db/database'
import { intakes, mutations } from '../../server/db/schema'
import { countyKeysOf } from '../../server/at-rest/key-registry'
import { openPersonalFields } from '../../server/at-rest/personal-fields'
import { createFileStore } from '../../server/files/file-store'
import { findStationBlob } from '../../server/repositories/blob-repository'
import { appendChange } from '../../server/repositories/change-repository'
import { findStation, insertStation, updateStation } from '../../server/repositories/station-repository'
import { inChangeTransaction } from '../../server/services/sync/change-transaction'
import { ensureEnrollmentCode } from '../../server/services/stations/enrollment-service'
import { decideIntake } from '../../server/services/intake/intake-decision-service'
import { ensureStationItems } from '../../server/services/catalog/station-items-service'
import { startCountyServer, type CountyServer } from '../../server/start-county-server'
import { DEMO_STATIONS } from '../../server/seed/demo-stations'
import type { ProxyTarget } from './fault-proxy'

/**
 * A real county server that can be restarted on the same data: PGlite in a folder of
 * its own (removed on close), or the PostgreSQL database of `databaseUrl`.
 */
export type SimCounty = ProxyTarget & {
  /** The server now running (a new one after each restart). */
  readonly server: CountyServer
  readonly restarts: number
  /** The bytes the county keeps for a station's attachment (its row and its file), or null. */
  readStationFile(stationCode: string, sha256: string): Promise<Uint8Array | null>
  close(): Promise<void>
}

export async function startSimCounty(options: { databaseUrl?: string } = {}): Promise<SimCounty> {
  const dataDir = options.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'bianmin-sim-'))
  // Attachments must outlive a restart as their rows do, on PostgreSQL too (where there is no data folder).
  const filesDir = dataDir ? join(dataDir, 'files') : mkdtempSync(join(tmpdir(), 'bianmin-sim-files-'))
  const config: CountyConfig = resolveConfig({
    env: {},
    // A fixed key of its own: the data must open again after a restart, on PostgreSQL too.
    overrides: {
      port: 0,
      logLevel: 'silent',
      dataDir: dataDir ?? 'memory://',
      databaseUrl: options.databaseUrl,
      filesDir,
      dataKey: randomBytes(32).toString('base64'),
    },
  })
  let server = await startCountyServer(config)
  const store = createFileStore(filesDir, countyKeysOf(server.db).file)
  let up = true
  let restarts = 0
  return {
    get server() {
      return server
    },
    get restarts() {
      return restarts
    },
    url: () => (up ? server.url : null),
    async restart() {
      up = false
      // Closing waits for the requests under way, then closes the database; the new server
      // opens the same data, migrates and seeds again (both idempotent), on a new port.
      await server.close()
      server = await startCountyServer(config)
      restarts++
      up = true
    },
    async readStationFile(stationCode, sha256) {
      if ((await findStationBlob(server.db, stationCode, sha256)) === undefined || !(await store.hasBlob(sha256))) return null
      return new Uint8Array(await buffer(store.openBlob(sha256)))
    },
    async close() {
      up = false
      await server.close()
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
      rmSync(filesDir, { recursive: true, force: true })
    },
  }
}

/**
 * Adds stations for a simulation: copies of a demo village station (same county, same
 * 进驻事项) under new codes, published to their devices as the seed publishes a station.
 */
export async function addSimulationStations(db: Database, codes: readonly string[]): Promise<void> {
  const template = await findStation(db, DEMO_STATIONS.find((station) => station.kind === 'villageStation')!.code)
  if (!template) throw new Error('the demo stations were not seeded')
  for (const [index, code] of codes.entries()) {
    const base: Station = { ...template, code, name: `模拟便民服务站${index + 1}` }
    await inChangeTransaction(db, async (tx) => {
      // The row first: station items refer to it.
      await insertStation(tx, base)
      const itemIds = await ensureStationItems(tx, code, () => template.itemIds)
      const station: Station = { ...base, itemIds }
      await updateStation(tx, station)
      await appendChange(tx, { stationCode: code, entity: 'station', entityId: code, op: 'put', data: station })
    })
  }
}

/** A one-time enrollment code for a new device of the station. */
export async function enrollmentCodeFor(db: Database, stationCode: string): Promise<string> {
  return (await ensureEnrollmentCode(db, stationCode, 1)).code
}

export type HeldMutation = { stationCode: string; id: string; deviceId: string; payload: unknown }
export type HeldIntake = { id: string; stationCode: string; intakeNo: string; mutationId: string; status: string }

/** What the county holds for the given stations, read behind the API. */
export async function countyHoldings(db: Database, stationCodes: readonly string[]): Promise<{ mutations: HeldMutation[]; intakes: HeldIntake[] }> {
  if (stationCodes.length === 0) return { mutations: [], intakes: [] }
  const codes = [...stationCodes]
  const heldMutations = await db
    .select({ stationCode: mutations.stationCode, id: mutations.id, deviceId: mutations.deviceId, payload: mutations.payload })
    .from(mutations)
    .where(inArray(mutations.stationCode, codes))
  const heldIntakes = await db
    .select({ id: intakes.id, stationCode: intakes.stationCode, intakeNo: intakes.intakeNo, mutationId: intakes.mutationId, status: intakes.status })
    .from(intakes)
    .where(inArray(intakes.stationCode, codes))
  // The county seals residents' ID numbers and phones at rest; the audit compares plain payloads.
  const keys = countyKeysOf(db)
  return { mutations: heldMutations.map((row) => ({ ...row, payload: openPersonalFields(keys, row.payload) })), intakes: heldIntakes }
}

const SIMULATION_OPERATOR: Operator = { username: 'admin', displayName: '模拟审批人员', role: 'countyAdmin' }

/**
 * The county takes one decision on one of the station's intakes, as an operator would:
 * the oldest submitted one is accepted, else the oldest accepted one is completed. The
 * decision travels back to the station by pull. Returns false when there was nothing to decide.
 */
export async function decideOneIntake(db: Database, stationCode: string): Promise<boolean> {
  for (const [status, request] of [
    ['submitted', { decision: 'accept' }],
    ['accepted', { decision: 'complete', result: 'approved' }],
  ] as const) {
    const [intake] = await db
      .select({ id: intakes.id })
      .from(intakes)
      .where(and(eq(intakes.stationCode, stationCode), eq(intakes.status, status)))
      .orderBy(asc(intakes.receivedAt))
      .limit(1)
    if (intake) {
      await decideIntake(db, SIMULATION_OPERATOR, intake.id, request)
      return true
    }
  }
  return false
}
