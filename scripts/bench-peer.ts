import { randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import type { ServiceItem } from '../shared/catalog'
import { itemSnapshotOf, type IntakeSubmitInput } from '../shared/intake'
import { pushResponseSchema, type MutationInput } from '../shared/protocol'
import { residentIdCheckChar } from '../shared/validators'
import { resolveConfig } from '../server/config'
import { loadCatalogSeed } from '../server/seed/load-catalog-seed'
import { demoStationItemIds } from '../server/seed/demo-station-items'
import { enrollDevice, issueEnrollmentCode } from '../server/services/stations/enrollment-service'
import { startCountyServer, type CountyServer } from '../server/start-county-server'
import { createScratchDatabase, reachablePostgres } from './lib/scratch-postgres'
import { addSimulationStations } from './lib/sim-county'

/**
 * `npm run bench:peer`: the county server against the yardstick the design card names,
 * PouchDB replicating into express-pouchdb (memory adapter), on the same intake
 * payloads over loopback: a 5,000-intake push in batches of 500, and 100 stations
 * pushing 50 intakes each at the same moment. Our side runs on PGlite always and on
 * PostgreSQL when DATABASE_URL or 127.0.0.1:5432 answers. One JSON line per figure.
 */
const INTAKES = Number(process.env.BENCH_PEER_INTAKES ?? 5000)
const BATCH = 500
const STATIONS = Number(process.env.BENCH_PEER_STATIONS ?? 100)
const PER_STATION = 50

type Figure = { figure: string; value: number; unit: string; target?: string; met?: boolean; [detail: string]: unknown }
const figures: Figure[] = []
function report(figure: Figure): void {
  figures.push(figure)
  console.log(JSON.stringify(figure))
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

// ---- the payloads: one realistic intake each (about 800 bytes of JSON), the same for both sides

const ID_BASE = '53282219500101'
function intakePayload(stationCode: string, item: ServiceItem, index: number): IntakeSubmitInput {
  const first17 = ID_BASE + String(index % 1000).padStart(3, '0')
  return {
    id: randomUUID(),
    intakeNo: `${stationCode}-20261128-${String(index + 1).padStart(6, '0')}`,
    stationCode,
    item: itemSnapshotOf(item),
    applicant: { kind: 'person', name: '玉香', idNumber: first17 + residentIdCheckChar(first17), phone: '13908810001', address: '勐海县勐海镇曼真村委会曼真村民小组32号' },
    serviceMode: 'self',
    materials: item.materials.slice(0, 2).map((material) => ({ materialId: material.id, name: material.name, status: 'provided', form: 'original', count: 1, attachments: [] })),
    staffName: '岩温',
    createdAt: '2026-11-28T02:00:00.000Z',
    receivedAt: '2026-11-28T02:00:00.000Z',
    clockOffsetMs: 0,
  }
}

const mutationOf = (payload: IntakeSubmitInput): MutationInput => ({ id: randomUUID(), type: 'intake.submit', entityId: payload.id, payload, createdAt: payload.createdAt })

const chunks = <T>(list: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, index) => list.slice(index * size, (index + 1) * size))

// ---- the peer: PouchDB (memory) replicating into express-pouchdb (memory) over loopback

type PouchDatabase = {
  bulkDocs(docs: object[]): Promise<unknown>
  replicate: { to(target: string, options: { batch_size: number }): Promise<{ ok: boolean; docs_written: number; doc_write_failures: number }> }
  destroy(): Promise<unknown>
}
type PouchConstructor = { new (name: string): PouchDatabase; plugin(plugin: unknown): PouchConstructor; defaults(options: object): PouchConstructor }

const require = createRequire(import.meta.url)
const PouchDB = (require('pouchdb') as PouchConstructor).plugin(require('pouchdb-adapter-memory'))
const MemoryPouch = PouchDB.defaults({ adapter: 'memory' })

async function startPeer(): Promise<{ url: string; close(): Promise<void> }> {
  const express = require('express') as () => { use(path: string, handler: unknown): void; listen(port: number, host: string, ready: () => void): Server }
  const expressPouchDB = require('express-pouchdb') as (constructor: PouchConstructor, options: object) => unknown
  const app = express()
  app.use('/', expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: `/tmp/bench-peer-${process.pid}.log` }))
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('express-pouchdb did not listen on a port')
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** The peer's 5,000 push: the station's PouchDB already holds the docs (as our outbox does); timed is the replication. */
async function peerPush(peerUrl: string, payloads: IntakeSubmitInput[]): Promise<number> {
  const local = new MemoryPouch(`station-${randomUUID()}`)
  await local.bulkDocs(payloads.map((payload) => ({ _id: payload.id, ...payload })))
  const started = performance.now()
  const result = await local.replicate.to(`${peerUrl}/county-${randomUUID()}`, { batch_size: BATCH })
  const elapsed = performance.now() - started
  if (!result.ok || result.docs_written !== payloads.length) throw new Error(`PouchDB replicated ${result.docs_written} of ${payloads.length}`)
  await local.destroy()
  return elapsed
}

async function peerStations(peerUrl: string, perStation: IntakeSubmitInput[][]): Promise<StationsRun> {
  const target = `${peerUrl}/county-stations-${randomUUID()}`
  const locals = await Promise.all(
    perStation.map(async (payloads) => {
      const local = new MemoryPouch(`station-${randomUUID()}`)
      await local.bulkDocs(payloads.map((payload) => ({ _id: payload.id, ...payload })))
      return local
    }),
  )
  const started = performance.now()
  const outcomes = await Promise.all(
    locals.map(async (local, index) => {
      const t0 = performance.now()
      try {
        const result = await local.replicate.to(target, { batch_size: BATCH })
        return { ms: performance.now() - t0, applied: result.docs_written, error: result.ok && result.docs_written === perStation[index]!.length ? 0 : 1 }
      } catch {
        return { ms: performance.now() - t0, applied: 0, error: 1 }
      }
    }),
  )
  const total = performance.now() - started
  await Promise.all(locals.map((local) => local.destroy()))
  return summarise(total, outcomes)
}

// ---- our side: the county server, over HTTP like a station

type StationsRun = { total: number; p50: number; p99: number; errors: number; applied: number }

function summarise(total: number, outcomes: { ms: number; applied: number; error: number }[]): StationsRun {
  const latencies = outcomes.map((outcome) => outcome.ms)
  return {
    total,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: outcomes.reduce((sum, outcome) => sum + outcome.error, 0),
    applied: outcomes.reduce((sum, outcome) => sum + outcome.applied, 0),
  }
}

async function enrolledToken(county: CountyServer, stationCode: string): Promise<string> {
  const { code } = await issueEnrollmentCode(county.db, stationCode, 1)
  return (await enrollDevice(county.db, { code, deviceName: `压测设备 ${stationCode}` })).token
}

async function push(county: CountyServer, token: string, payloads: IntakeSubmitInput[]): Promise<number> {
  const response = await fetch(`${county.url}/api/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mutations: payloads.map(mutationOf) }),
  })
  if (response.status !== 200) throw new Error(`push answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
  return pushResponseSchema.parse(await response.json()).results.filter((result) => result.status === 'applied').length
}

async function countyPush(county: CountyServer, payloads: IntakeSubmitInput[]): Promise<number> {
  const token = await enrolledToken(county, payloads[0]!.stationCode)
  const started = performance.now()
  let applied = 0
  for (const batch of chunks(payloads, BATCH)) applied += await push(county, token, batch)
  const elapsed = performance.now() - started
  if (applied !== payloads.length) throw new Error(`the county applied ${applied} of ${payloads.length}`)
  return elapsed
}

async function countyStations(county: CountyServer, perStation: IntakeSubmitInput[][]): Promise<StationsRun> {
  const codes = perStation.map((payloads) => payloads[0]!.stationCode)
  await addSimulationStations(county.db, codes)
  const tokens: string[] = []
  for (const code of codes) tokens.push(await enrolledToken(county, code))
  const started = performance.now()
  const outcomes = await Promise.all(
    perStation.map(async (payloads, index) => {
      const t0 = performance.now()
      try {
        const applied = await push(county, tokens[index]!, payloads)
        return { ms: performance.now() - t0, applied, error: applied === payloads.length ? 0 : 1 }
      } catch {
        return { ms: performance.now() - t0, applied: 0, error: 1 }
      }
    }),
  )
  return summarise(performance.now() - started, outcomes)
}

async function withCounty<T>(databaseUrl: string | undefined, run: (county: CountyServer) => Promise<T>): Promise<T> {
  const county = await startCountyServer(resolveConfig({ env: {}, overrides: { port: 0, logLevel: 'silent', dataDir: 'memory://', databaseUrl } }))
  try {
    return await run(county)
  } finally {
    await county.close()
  }
}

// ---- PostgreSQL, when one answers: a fresh database, dropped afterwards

async function withPostgres<T>(run: (databaseUrl: string) => Promise<T>): Promise<T | undefined> {
  const serverUrl = await reachablePostgres()
  if (!serverUrl) return undefined
  const scratch = await createScratchDatabase(serverUrl, 'bench_peer')
  try {
    return await run(scratch.databaseUrl)
  } finally {
    await scratch.drop()
  }
}

// ---- the run

const seed = loadCatalogSeed(resolveConfig({ env: {}, overrides: { dataDir: 'memory://' } }).catalogPath)
if (!seed) throw new Error('the starter catalog is missing')
// Every station here is a village station (MHZMZ01, and simulation stations made from its
// template): the county takes in only its 进驻事项, so the payloads use those items alone.
const villageItemIds = new Set(demoStationItemIds('villageStation', seed.items))
const items = seed.items.filter((item) => item.status === 'active' && villageItemIds.has(item.id))
const payloads = Array.from({ length: INTAKES }, (_, index) => intakePayload('MHZMZ01', items[index % items.length]!, index))
const stationCodes = Array.from({ length: STATIONS }, (_, index) => `BENCH${String(index + 1).padStart(3, '0')}`)
const perStation = stationCodes.map((code) => Array.from({ length: PER_STATION }, (_, index) => intakePayload(code, items[index % items.length]!, index)))
console.log(JSON.stringify({ note: 'payloads', intakes: INTAKES, bytes: Buffer.byteLength(JSON.stringify(payloads)), batch: BATCH, stations: STATIONS, perStation: PER_STATION }))

const peer = await startPeer()
let peerPushMs: number
let peerRun: StationsRun
try {
  peerPushMs = await peerPush(peer.url, payloads)
  peerRun = await peerStations(peer.url, perStation)
} finally {
  await peer.close()
}
const peerRate = (INTAKES / peerPushMs) * 1000
report({ figure: `${INTAKES}-intake push: PouchDB → express-pouchdb`, value: Math.round(peerRate), unit: 'intakes/s', ms: Math.round(peerPushMs) })
reportStations('PouchDB → express-pouchdb', peerRun)

const runCounty = (databaseUrl: string | undefined) =>
  withCounty(databaseUrl, async (county) => ({ pushMs: await countyPush(county, payloads), stations: await countyStations(county, perStation) }))

const pglite = await runCounty(undefined)
reportCounty('PGlite', pglite, 3, false)
const postgres = await withPostgres((databaseUrl) => runCounty(databaseUrl))
if (postgres) reportCounty('PostgreSQL', postgres, 5, true)
else console.log(JSON.stringify({ note: 'PostgreSQL: nothing answers at DATABASE_URL or 127.0.0.1:5432; skipped' }))

const missed = figures.filter((figure) => figure.met === false)
console.log(JSON.stringify({ note: 'summary', targets: figures.filter((figure) => figure.met !== undefined).length, missed: missed.map((figure) => figure.figure) }))

function reportStations(side: string, run: StationsRun, target?: boolean): void {
  const met = target ? run.errors === 0 && run.applied === STATIONS * PER_STATION && run.p99 <= 1000 : undefined
  report({
    figure: `${STATIONS} stations × ${PER_STATION} intakes at once: ${side}`,
    value: Math.round(run.p99),
    unit: 'ms p99',
    total: Math.round(run.total),
    p50: Math.round(run.p50),
    errors: run.errors,
    applied: run.applied,
    ...(target ? { target: 'all applied, p99 ≤ 1000 ms', met } : {}),
  })
}

function reportCounty(side: string, run: { pushMs: number; stations: StationsRun }, ratioTarget: number, stationsTarget: boolean): void {
  const rate = (INTAKES / run.pushMs) * 1000
  const ratio = rate / peerRate
  report({
    figure: `${INTAKES}-intake push: county on ${side}`,
    value: Math.round(rate),
    unit: 'intakes/s',
    ms: Math.round(run.pushMs),
    ratio: Number(ratio.toFixed(2)),
    target: `≥ ${ratioTarget}× PouchDB`,
    met: ratio >= ratioTarget,
  })
  reportStations(`county on ${side}`, run.stations, stationsTarget)
  report({
    figure: `${STATIONS} stations at once: county on ${side} vs PouchDB (total time)`,
    value: Number((peerRun.total / run.stations.total).toFixed(2)),
    unit: '× faster',
  })
}
