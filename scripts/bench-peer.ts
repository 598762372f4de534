import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { CatalogSeed, ServiceItem } from '../shared/catalog'
import { itemSnapshotOf, type IntakeSubmitInput } from '../shared/intake'
import { pullResponseSchema, pushResponseSchema, type MutationInput } from '../shared/protocol'
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
 * PostgreSQL when DATABASE_URL or 127.0.0.1:5432 answers; on each it also times the
 * county's side of a new device's first pull (5,000 items and 10,000 intakes, pages of
 * 1,000, nothing applied), the server share of the first-sync figure of `npm run bench`.
 * One JSON line per figure; `cpuMs` is this process's CPU time over the figure (server,
 * clients and, on PGlite, the database; not PostgreSQL's), steadier than wall time on a
 * shared machine, and the load average is printed at the start and the end.
 */
const INTAKES = Number(process.env.BENCH_PEER_INTAKES ?? 5000)
const BATCH = 500
const STATIONS = Number(process.env.BENCH_PEER_STATIONS ?? 100)
const PER_STATION = 50
const PULL_ITEMS = Number(process.env.BENCH_PEER_PULL_ITEMS ?? 5000)
const PULL_INTAKES = Number(process.env.BENCH_PEER_PULL_INTAKES ?? 10_000)
const PULL_LIMIT = 1000

type Figure = { figure: string; value: number; unit: string; target?: string; met?: boolean; [detail: string]: unknown }
const figures: Figure[] = []
function report(figure: Figure): void {
  figures.push(figure)
  console.log(JSON.stringify(figure))
}

/** Runs `work` and answers its result with the wall and CPU milliseconds it took. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const result = await work()
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  return { result, ms, cpuMs: Math.round((used.user + used.system) / 1000) }
}

const loadAverage = () => loadavg().map((value) => Number(value.toFixed(1)))

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

// ---- the payloads: one realistic intake each (about 800 bytes of JSON), the same for both sides

const ID_BASE = '53282219500101'
function intakePayload(stationCode: string, item: ServiceItem, index: number, day = '20261128'): IntakeSubmitInput {
  const first17 = ID_BASE + String(index % 1000).padStart(3, '0')
  return {
    id: randomUUID(),
    intakeNo: `${stationCode}-${day}-${String(index + 1).padStart(6, '0')}`,
    stationCode,
    item: itemSnapshotOf(item),
    applicant: {
      kind: 'person',
      name: '玉香',
      idNumber: first17 + residentIdCheckChar(first17),
      phone: '13908810001',
      address: '勐海县勐海镇曼真村委会曼真村民小组32号',
    },
    serviceMode: 'self',
    materials: item.materials
      .slice(0, 2)
      .map((material) => ({ materialId: material.id, name: material.name, status: 'provided', form: 'original', count: 1, attachments: [] })),
    staffName: '岩温',
    createdAt: '2026-11-28T02:00:00.000Z',
    receivedAt: '2026-11-28T02:00:00.000Z',
    clockOffsetMs: 0,
  }
}

const mutationOf = (payload: IntakeSubmitInput): MutationInput => ({
  id: randomUUID(),
  type: 'intake.submit',
  entityId: payload.id,
  payload,
  createdAt: payload.createdAt,
})

const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, index) => list.slice(index * size, (index + 1) * size))

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
async function peerPush(peerUrl: string, payloads: IntakeSubmitInput[]): Promise<{ ms: number; cpuMs: number }> {
  const local = new MemoryPouch(`station-${randomUUID()}`)
  await local.bulkDocs(payloads.map((payload) => ({ _id: payload.id, ...payload })))
  const { result, ms, cpuMs } = await timed(() => local.replicate.to(`${peerUrl}/county-${randomUUID()}`, { batch_size: BATCH }))
  if (!result.ok || result.docs_written !== payloads.length) throw new Error(`PouchDB replicated ${result.docs_written} of ${payloads.length}`)
  await local.destroy()
  return { ms, cpuMs }
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
  const {
    result: outcomes,
    ms,
    cpuMs,
  } = await timed(() =>
    Promise.all(
      locals.map(async (local, index) => {
        const t0 = performance.now()
        try {
          const result = await local.replicate.to(target, { batch_size: BATCH })
          return { ms: performance.now() - t0, applied: result.docs_written, error: result.ok && result.docs_written === perStation[index]!.length ? 0 : 1 }
        } catch {
          return { ms: performance.now() - t0, applied: 0, error: 1 }
        }
      }),
    ),
  )
  await Promise.all(locals.map((local) => local.destroy()))
  return summarise(ms, cpuMs, outcomes)
}

// ---- our side: the county server, over HTTP like a station

type StationsRun = { total: number; cpuMs: number; p50: number; p99: number; errors: number; applied: number }

function summarise(total: number, cpuMs: number, outcomes: { ms: number; applied: number; error: number }[]): StationsRun {
  const latencies = outcomes.map((outcome) => outcome.ms)
  return {
    total,
    cpuMs,
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

async function countyPush(county: CountyServer, payloads: IntakeSubmitInput[]): Promise<{ ms: number; cpuMs: number }> {
  const token = await enrolledToken(county, payloads[0]!.stationCode)
  const {
    result: applied,
    ms,
    cpuMs,
  } = await timed(async () => {
    let count = 0
    for (const batch of chunks(payloads, BATCH)) count += await push(county, token, batch)
    return count
  })
  if (applied !== payloads.length) throw new Error(`the county applied ${applied} of ${payloads.length}`)
  return { ms, cpuMs }
}

async function countyStations(county: CountyServer, perStation: IntakeSubmitInput[][]): Promise<StationsRun> {
  const codes = perStation.map((payloads) => payloads[0]!.stationCode)
  await addSimulationStations(county.db, codes)
  const tokens: string[] = []
  for (const code of codes) tokens.push(await enrolledToken(county, code))
  const {
    result: outcomes,
    ms,
    cpuMs,
  } = await timed(() =>
    Promise.all(
      perStation.map(async (payloads, index) => {
        const t0 = performance.now()
        try {
          const applied = await push(county, tokens[index]!, payloads)
          return { ms: performance.now() - t0, applied, error: applied === payloads.length ? 0 : 1 }
        } catch {
          return { ms: performance.now() - t0, applied: 0, error: 1 }
        }
      }),
    ),
  )
  return summarise(ms, cpuMs, outcomes)
}

type PullRun = { ms: number; cpuMs: number; pages: number; changes: number; bytes: number }

/**
 * A new device's first pull, the county's side: a catalog of PULL_ITEMS items (the starter
 * catalog copied under new codes, as `npm run bench` does) and PULL_INTAKES intakes another
 * device of the township centre pushed; timed is the new device pulling every page.
 */
async function countyFirstPull(databaseUrl: string | undefined, catalogSeed: CatalogSeed): Promise<PullRun> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-peer-'))
  const catalogPath = join(folder, 'catalog.json')
  const catalog = Array.from({ length: PULL_ITEMS }, (_, index) => {
    const model = catalogSeed.items[index % catalogSeed.items.length]!
    if (index < catalogSeed.items.length) return model
    const code = `${model.implCode.slice(0, 6)}9${String(index).padStart(6, '0')}`
    return { ...model, id: code, implCode: code, name: `${model.name}（${index}）` }
  })
  writeFileSync(catalogPath, JSON.stringify({ ...catalogSeed, items: catalog }))
  try {
    return await withCounty(databaseUrl, { catalogPath }, async (county) => {
      const other = await enrolledToken(county, PULL_STATION)
      const intakes = Array.from({ length: PULL_INTAKES }, (_, index) =>
        intakePayload(PULL_STATION, centreItems[index % centreItems.length]!, index, '20261130'),
      )
      for (const batch of chunks(intakes, BATCH)) await push(county, other, batch)
      const token = await enrolledToken(county, PULL_STATION)
      const { result, ms, cpuMs } = await timed(async () => {
        const totals = { pages: 0, changes: 0, bytes: 0 }
        for (let cursor = '', more = true; more;) {
          const response = await fetch(`${county.url}/api/v1/pull?cursor=${cursor}&limit=${PULL_LIMIT}`, { headers: { authorization: `Bearer ${token}` } })
          const text = await response.text()
          if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${text.slice(0, 300)}`)
          const page = pullResponseSchema.parse(JSON.parse(text))
          totals.pages++
          totals.changes += page.changes.length
          totals.bytes += Buffer.byteLength(text)
          cursor = page.cursor
          more = page.more
        }
        return totals
      })
      return { ms, cpuMs, ...result }
    })
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

async function withCounty<T>(databaseUrl: string | undefined, overrides: { catalogPath?: string }, run: (county: CountyServer) => Promise<T>): Promise<T> {
  const county = await startCountyServer(
    resolveConfig({ env: {}, overrides: { port: 0, logLevel: 'silent', dataDir: 'memory://', databaseUrl, ...overrides } }),
  )
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
/** The first pull's station: a township centre, which takes in more items than a village station. */
const PULL_STATION = 'MHZ01'
const centreItemIds = new Set(demoStationItemIds('townshipCentre', seed.items))
const centreItems = seed.items.filter((item) => item.status === 'active' && centreItemIds.has(item.id))
const payloads = Array.from({ length: INTAKES }, (_, index) => intakePayload('MHZMZ01', items[index % items.length]!, index))
const stationCodes = Array.from({ length: STATIONS }, (_, index) => `BENCH${String(index + 1).padStart(3, '0')}`)
const perStation = stationCodes.map((code) => Array.from({ length: PER_STATION }, (_, index) => intakePayload(code, items[index % items.length]!, index)))
console.log(
  JSON.stringify({
    note: 'payloads',
    intakes: INTAKES,
    bytes: Buffer.byteLength(JSON.stringify(payloads)),
    batch: BATCH,
    stations: STATIONS,
    perStation: PER_STATION,
    loadAverage: loadAverage(),
  }),
)

const peer = await startPeer()
let peerPushRun: { ms: number; cpuMs: number }
let peerRun: StationsRun
try {
  peerPushRun = await peerPush(peer.url, payloads)
  peerRun = await peerStations(peer.url, perStation)
} finally {
  await peer.close()
}
const peerRate = (INTAKES / peerPushRun.ms) * 1000
report({
  figure: `${INTAKES}-intake push: PouchDB → express-pouchdb`,
  value: Math.round(peerRate),
  unit: 'intakes/s',
  ms: Math.round(peerPushRun.ms),
  cpuMs: peerPushRun.cpuMs,
})
reportStations('PouchDB → express-pouchdb', peerRun)

const countyPushes = (databaseUrl: string | undefined) =>
  withCounty(databaseUrl, {}, async (county) => ({ push: await countyPush(county, payloads), stations: await countyStations(county, perStation) }))

const pglite = { ...(await countyPushes(undefined)), pull: await countyFirstPull(undefined, seed) }
reportCounty('PGlite', pglite, 3, false)
// The first pull needs a county of its own (its catalog), so a database of its own.
const postgres = await withPostgres(async (databaseUrl) => ({
  ...(await countyPushes(databaseUrl)),
  pull: (await withPostgres((pullDatabaseUrl) => countyFirstPull(pullDatabaseUrl, seed)))!,
}))
if (postgres) reportCounty('PostgreSQL', postgres, 5, true)
else console.log(JSON.stringify({ note: 'PostgreSQL: nothing answers at DATABASE_URL or 127.0.0.1:5432; skipped' }))

const missed = figures.filter((figure) => figure.met === false)
console.log(
  JSON.stringify({
    note: 'summary',
    targets: figures.filter((figure) => figure.met !== undefined).length,
    missed: missed.map((figure) => figure.figure),
    loadAverage: loadAverage(),
  }),
)

function reportStations(side: string, run: StationsRun, target?: boolean): void {
  const met = target ? run.errors === 0 && run.applied === STATIONS * PER_STATION && run.p99 <= 1000 : undefined
  report({
    figure: `${STATIONS} stations × ${PER_STATION} intakes at once: ${side}`,
    value: Math.round(run.p99),
    unit: 'ms p99',
    total: Math.round(run.total),
    cpuMs: run.cpuMs,
    p50: Math.round(run.p50),
    errors: run.errors,
    applied: run.applied,
    ...(target ? { target: 'all applied, p99 ≤ 1000 ms', met } : {}),
  })
}

function reportCounty(
  side: string,
  run: { push: { ms: number; cpuMs: number }; stations: StationsRun; pull: PullRun },
  ratioTarget: number,
  stationsTarget: boolean,
): void {
  const rate = (INTAKES / run.push.ms) * 1000
  const ratio = rate / peerRate
  report({
    figure: `${INTAKES}-intake push: county on ${side}`,
    value: Math.round(rate),
    unit: 'intakes/s',
    ms: Math.round(run.push.ms),
    cpuMs: run.push.cpuMs,
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
  report({
    figure: `first pull of a new device, county side (${PULL_ITEMS} items + ${PULL_INTAKES} intakes, pages of ${PULL_LIMIT}): county on ${side}`,
    value: Math.round(run.pull.ms),
    unit: 'ms',
    cpuMs: run.pull.cpuMs,
    pages: run.pull.pages,
    changes: run.pull.changes,
    bytes: run.pull.bytes,
    note: 'the server share of the whole first sync, whose target (≤ 3 s) npm run bench measures',
  })
}
