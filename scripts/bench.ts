import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { CatalogSeed, ServiceItem } from '../shared/catalog'
import { itemSnapshotOf, type IntakeSubmitInput } from '../shared/intake'
import type { PushRequest, PushResponse } from '../shared/protocol'
import { residentIdCheckChar } from '../shared/validators'
import { resolveConfig } from '../server/config'
import { getStationItems } from '../server/services/catalog/station-items-service'
import { ensureEnrollmentCode } from '../server/services/stations/enrollment-service'
import { startCountyServer } from '../server/start-county-server'
import { BENCH_PHASES, benchStationInChromium, type BenchPhase, type SyncFigure } from './lib/browser-bench'

/**
 * `npm run bench`: the station's figures of issue 12, each with its target and whether it was
 * met. Everything station-side runs in real Chromium (its IndexedDB) against the built app;
 * the county is real (PGlite in memory, loopback HTTP). The county's own push figures against
 * PouchDB are `npm run bench:peer`'s.
 *
 * BENCH_QUICK=1 shrinks every size tenfold (a smoke run of a few minutes; its figures do not
 * answer the targets). Each size can also be set alone, see SIZES. BENCH_ONLY=sync,save,catalog,list
 * (any of them, comma-separated) takes only those figures; BENCH_PROFILE=1 adds each phase's
 * heaviest functions, and BENCH_PROFILE_DIR=<folder> also writes each phase's CPU profile there.
 */
const QUICK = process.env.BENCH_QUICK === '1'
const ONLY = parseOnly(process.env.BENCH_ONLY)
const size = (name: string, full: number): number => Number(process.env[name] ?? (QUICK ? Math.max(1, Math.round(full / 10)) : full))
const SIZES = {
  newDeviceItems: size('BENCH_NEW_DEVICE_ITEMS', 5000),
  // Only the new device's first sync pulls them; seeding them is most of the county's start.
  newDeviceIntakes: ONLY === undefined || ONLY.has('sync') ? size('BENCH_NEW_DEVICE_INTAKES', 10_000) : 0,
  saves: size('BENCH_OUTBOX_INTAKES', 5000),
  catalogLarge: size('BENCH_CATALOG_LARGE', 50_000),
  listIntakes: size('BENCH_LIST_INTAKES', 100_000),
}
/**
 * PouchDB replicating the same 5,000 intakes into express-pouchdb on this machine (issue 12:
 * 1,800–2,700 per second); the station's end-to-end push is held to the county's PGlite target
 * against its upper end, 3× 2,700 per second. `npm run bench:peer` measures PouchDB live.
 */
const POUCHDB_INTAKES_PER_SECOND = Number(process.env.BENCH_POUCHDB_RATE ?? 2700)

/** The station whose other device already pushed its intakes; the new device enrolls here. */
const BUSY_STATION = 'MHZ01'

type Figure = { figure: string; value: number; unit: string; target: string; met: boolean | null; detail?: string }
const figures: Figure[] = []

function report(figure: Figure): void {
  figures.push(figure)
  const met = figure.met === null ? 'no target' : figure.met ? 'met' : 'NOT met'
  console.log(
    `${figure.figure}: ${Math.round(figure.value * 10) / 10} ${figure.unit}  (target ${figure.target}: ${met})${figure.detail ? `\n    ${figure.detail}` : ''}`,
  )
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

const round = (ms: number) => `${Math.round(ms)} ms`
/**
 * Where a sync round's time went: the county calls (request, server, the page's JSON and its
 * validation in the page) and what is left of the round. Pull pages are asked for ahead, while
 * the one before is applied, so pull time overlaps the station's work and "not in a call" is
 * only what no call covered.
 */
const syncProfile = (figure: SyncFigure) =>
  `pull ${figure.pulls} pages ${round(figure.pullMs)} (overlapping the applying), push ${figure.pushes} batches ${round(figure.pushMs)}, not in a call ${round(Math.max(0, figure.ms - figure.pullMs - figure.pushMs))}`

const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`)
/** The 1-, 5- and 15-minute load averages: figures taken on a busy machine are worth less. */
const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')
const loadAtStart = loadAverage()
const startedAll = performance.now()
const folder = mkdtempSync(join(tmpdir(), 'bench-catalog-'))
const county = await startBusyCounty()
try {
  const newDevice = await ensureEnrollmentCode(county.db, BUSY_STATION, 30)
  const station = await ensureEnrollmentCode(county.db, 'MHZMZ01', 30)
  const result = await benchStationInChromium(
    {
      countyUrl: county.url,
      newDeviceCode: newDevice.code,
      enrollmentCode: station.code,
      saves: SIZES.saves,
      catalogSizes: [SIZES.newDeviceItems, SIZES.catalogLarge],
      listIntakes: SIZES.listIntakes,
      // The demo station's demo agent (server/seed), for the 工作人员登录 screen.
      staff: { username: 'yanhan', password: 'station2026' },
      profile: process.env.BENCH_PROFILE === '1' || process.env.BENCH_PROFILE_DIR !== undefined,
      profileDir: process.env.BENCH_PROFILE_DIR,
      only: ONLY,
    },
    log,
  )
  const { firstSync, push, saveMs } = result
  console.log(
    `\nnpm run bench${QUICK ? ' (BENCH_QUICK=1: sizes a tenth, figures indicative only)' : ''}${ONLY ? ` (BENCH_ONLY=${[...ONLY].join(',')})` : ''}: Chromium ${'/usr/bin/chromium'}, county on PGlite (memory), loopback; load average ${loadAtStart} at the start, ${loadAverage()} now\n`,
  )
  if (firstSync !== undefined) {
    if (firstSync.items !== SIZES.newDeviceItems || firstSync.intakes !== SIZES.newDeviceIntakes) {
      throw new Error(`first sync incomplete: ${firstSync.items} items, ${firstSync.intakes} intakes`)
    }
    report({
      figure: `first sync of a new device (${SIZES.newDeviceItems} items + ${SIZES.newDeviceIntakes} intakes, sealed as on the desktop), Chromium IndexedDB`,
      value: firstSync.ms,
      unit: 'ms',
      target: '≤ 3000 ms',
      met: firstSync.ms <= 3000,
      detail: syncProfile(firstSync),
    })
  }
  if (push !== undefined) {
    const pushTargetMs = (SIZES.saves / (3 * POUCHDB_INTAKES_PER_SECOND)) * 1000
    report({
      figure: `${SIZES.saves}-intake outbox pushed end to end from Chromium IndexedDB (sync round: push, confirmations, pull back)`,
      value: push.ms,
      unit: 'ms',
      target: `≤ ${Math.round(pushTargetMs)} ms (3× PouchDB at ${POUCHDB_INTAKES_PER_SECOND}/s)`,
      met: push.ms <= pushTargetMs,
      detail: `${Math.round((push.confirmed / push.ms) * 1000)} intakes/s; ${syncProfile(push)}`,
    })
  }
  if (saveMs !== undefined) {
    const save95 = percentile(saveMs, 95)
    report({
      figure: `station save (record + outbox + audit, sealed, signed in), p95 of ${saveMs.length}, Chromium IndexedDB`,
      value: save95,
      unit: 'ms',
      target: '≤ 10 ms',
      met: save95 <= 10,
      detail: `p50 ${percentile(saveMs, 50).toFixed(1)} ms, max ${Math.max(...saveMs).toFixed(1)} ms`,
    })
  }
  for (const { size: items, pageMs, filterMs } of result.catalog) {
    const limit = items <= 5000 ? 8 : 16
    const p95 = percentile(pageMs, 95)
    report({
      figure: `catalog search over ${items} items, p95 per keystroke on the 事项目录 page (render + layout), Chromium`,
      value: p95,
      unit: 'ms',
      target: `≤ ${limit} ms`,
      met: p95 <= limit,
      detail: `p50 ${percentile(pageMs, 50).toFixed(1)} ms, max ${Math.max(...pageMs).toFixed(1)} ms; the search alone (no page): p95 ${percentile(filterMs, 95).toFixed(1)} ms`,
    })
  }
  if (result.list !== undefined) {
    const local = SIZES.listIntakes + (ONLY === undefined || ONLY.has('save') ? SIZES.saves : 1)
    report({
      figure: `intake list with ${local} local intakes, first rows shown, Chromium`,
      value: result.list.firstRowsMs,
      unit: 'ms',
      target: '≤ 300 ms',
      met: result.list.firstRowsMs <= 300,
      detail: `from the click's event to the first frame drawing a row, in the page; ${Math.round(result.list.harnessMs)} ms seen by the bench through Playwright (its click and wait included)`,
    })
    report({ figure: 'intake list, jump to the last page of 全部', value: result.list.lastPageMs, unit: 'ms', target: 'none', met: null })
  }
  for (const [phase, lines] of Object.entries(result.profiles)) console.log(`\nprofile, ${phase} (self time, heaviest first):\n  ${lines.join('\n  ')}`)
  const missed = figures.filter((figure) => figure.met === false).length
  console.log(
    `\n${figures.length} figures, ${missed === 0 ? 'every target met' : `${missed} target(s) NOT met`}; run took ${Math.round((performance.now() - startedAll) / 1000)} s`,
  )
} finally {
  await county.close()
  rmSync(folder, { recursive: true, force: true })
}

/**
 * The county of a busy station: the catalog holds SIZES.newDeviceItems items (the demo catalog
 * copied under new codes), and BUSY_STATION's other device has pushed SIZES.newDeviceIntakes
 * intakes, through the protocol, in batches of 500.
 */
async function startBusyCounty(): Promise<Awaited<ReturnType<typeof startCountyServer>>> {
  const seed = JSON.parse(readFileSync(resolveConfig({ env: {} }).catalogPath, 'utf8')) as CatalogSeed
  const items: ServiceItem[] = Array.from({ length: SIZES.newDeviceItems }, (_, index) => {
    const model = seed.items[index % seed.items.length]!
    if (index < seed.items.length) return model
    const code = `${model.implCode.slice(0, 6)}9${String(index).padStart(6, '0')}`
    return { ...model, id: code, implCode: code, name: `${model.name}（${index}）` }
  })
  const catalogPath = join(folder, 'catalog.json')
  writeFileSync(catalogPath, JSON.stringify({ ...seed, items }))
  const busy = await startCountyServer(resolveConfig({ env: {}, overrides: { port: 0, logLevel: 'silent', dataDir: 'memory://', catalogPath } }))
  log(`county: pushing ${SIZES.newDeviceIntakes} intakes of ${BUSY_STATION}'s other device`)
  const other = await ensureEnrollmentCode(busy.db, BUSY_STATION, 30)
  const enrolled = (await (
    await fetch(`${busy.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: other.code, deviceName: '一号窗口' }),
    })
  ).json()) as { token: string }
  // Only items the station offers (its 进驻事项): the county refuses an intake of any other.
  const offered = new Set((await getStationItems(busy.db, BUSY_STATION)).itemIds)
  const active = items.filter((item) => item.status === 'active' && (offered.size === 0 || offered.has(item.id)))
  for (let start = 0; start < SIZES.newDeviceIntakes; start += 500) {
    const mutations: PushRequest['mutations'] = []
    for (let index = start; index < Math.min(start + 500, SIZES.newDeviceIntakes); index++) {
      const payload = intakePayload(BUSY_STATION, active[index % active.length]!, index)
      mutations.push({ id: randomUUID(), type: 'intake.submit', entityId: payload.id, payload, createdAt: payload.createdAt })
    }
    const pushed = await fetch(`${busy.url}/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${enrolled.token}` },
      body: JSON.stringify({ mutations }),
    })
    if (!pushed.ok) throw new Error(`seeding intakes failed: ${pushed.status} ${await pushed.text()}`)
    const refused = ((await pushed.json()) as PushResponse).results.filter((result) => result.status !== 'applied')
    if (refused.length > 0) throw new Error(`seeding intakes: the county refused ${refused.length}, e.g. ${JSON.stringify(refused[0])}`)
  }
  return busy
}

function intakePayload(stationCode: string, item: ServiceItem, index: number): IntakeSubmitInput {
  const first17 = `53282219500101${String(index % 1000).padStart(3, '0')}`
  return {
    id: randomUUID(),
    intakeNo: `${stationCode}-20261130-U01${String(index + 1).padStart(5, '0')}`,
    stationCode,
    item: itemSnapshotOf(item),
    applicant: { kind: 'person', name: '岩温', idNumber: first17 + residentIdCheckChar(first17), phone: '13908812345', address: '勐海镇曼真村' },
    serviceMode: 'self',
    materials: item.materials
      .filter((material) => material.necessity !== 'optional')
      .map((material) => ({ materialId: material.id, name: material.name, status: 'provided', form: 'copy', count: 1, attachments: [] })),
    staffName: '玉香',
    createdAt: new Date().toISOString(),
  }
}

/** BENCH_ONLY's figures, or undefined for all of them. */
function parseOnly(value: string | undefined): ReadonlySet<BenchPhase> | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const phases = value.split(',').map((phase) => phase.trim())
  const unknown = phases.filter((phase) => !BENCH_PHASES.includes(phase as BenchPhase))
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')} (choose from ${BENCH_PHASES.join(', ')})`)
  return new Set(phases as BenchPhase[])
}
