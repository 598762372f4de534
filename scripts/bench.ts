import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { CatalogSeed, ServiceItem } from '../shared/catalog'
import type { IntakeSubmitInput } from '../shared/intake'
import type { PushRequest } from '../shared/protocol'
import { residentIdCheckChar } from '../shared/validators'
import { resolveConfig } from '../server/config'
import { ensureEnrollmentCode } from '../server/services/enrollment-service'
import { startCountyServer } from '../server/start-county-server'
import type { StaffActor } from '../src-renderer/db/staff-permissions'
import { StationDb } from '../src-renderer/db/station-db'
import { submitIntake } from '../src-renderer/features/intake/submit-intake'
import { enrollDevice } from '../src-renderer/features/setup/enroll-device'
import { createCountyClient } from '../src-renderer/sync/county-client'
import { createSyncEngine } from '../src-renderer/sync/sync-engine'
import { benchStationInChromium } from './lib/browser-bench'

/** The account the benchmark acts as: every station write names a signed-in staff member. */
const BENCH_CLERK: StaffActor = { id: '2d7e5b1a-3c4f-4a6b-9d8e-7f6a5b4c3d2e', username: 'yuxiang', displayName: '玉香', role: 'clerk', stationCode: 'MHZMZ01' }

/**
 * `npm run bench`: speed figures, one JSON line each. The station side runs in Node over
 * fake-indexeddb here, so its local figures are only indicative; the county side is real
 * (PGlite in memory, loopback HTTP).
 */
const INTAKES = Number(process.env.BENCH_INTAKES ?? 1000)
const NEW_DEVICE_ITEMS = Number(process.env.BENCH_NEW_DEVICE_ITEMS ?? 5000)
const NEW_DEVICE_INTAKES = Number(process.env.BENCH_NEW_DEVICE_INTAKES ?? 10000)

function report(figure: string, value: number, unit: string, target?: number): void {
  console.log(JSON.stringify({ figure, value: Math.round(value), unit, ...(target === undefined ? {} : { target, withinTarget: value <= target }) }))
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

const county = await startCountyServer(resolveConfig({ env: {}, overrides: { port: 0, logLevel: 'silent', dataDir: 'memory://' } }))
const db = new StationDb(`bench-${process.pid}`)
try {
  const { code } = await ensureEnrollmentCode(county.db, 'MHZMZ01', 30)
  const enrollment = await enrollDevice(db, { countyUrl: county.url, code })
  const engine = createSyncEngine({ db, client: createCountyClient({ baseUrl: county.url, token: enrollment.token }) })

  let started = performance.now()
  await engine.syncNow()
  report('first sync: catalog pull', performance.now() - started, 'ms')

  const items = (await db.catalogItems.toArray()).filter((item: ServiceItem) => item.status === 'active')
  const idBase = '53282219500101'
  const saves: number[] = []
  for (let i = 0; i < INTAKES; i++) {
    const item = items[i % items.length]!
    const first17 = idBase + String(i % 1000).padStart(3, '0')
    const t0 = performance.now()
    await submitIntake(db, {
      itemId: item.id,
      applicant: { kind: 'person', name: '岩温', idNumber: first17 + residentIdCheckChar(first17), phone: '13908812345', address: '勐海镇曼真村' },
      serviceMode: 'self',
      materials: item.materials.map((material) => ({ materialId: material.id, status: material.necessity === 'optional' ? 'notApplicable' : 'provided' })),
      staffName: '玉香',
    }, { staff: BENCH_CLERK })
    saves.push(performance.now() - t0)
  }
  report('save an intake (record + outbox + audit), p95, fake-indexeddb', percentile(saves, 95), 'ms', 50)

  started = performance.now()
  const result = await engine.syncNow()
  const elapsed = performance.now() - started
  if (!result.ok || (await db.outbox.count()) !== 0) throw new Error('end-of-day push did not confirm every intake')
  report(`end-of-day push of ${INTAKES} intakes, loopback, PGlite`, elapsed, 'ms', 5000)
} finally {
  await db.delete()
  await county.close()
}

await benchNewDeviceFirstSync()

/**
 * A new device of a busy station: the county holds NEW_DEVICE_ITEMS catalog items (the
 * demo catalog copied under new codes) and NEW_DEVICE_INTAKES intakes of the station, sent
 * by its other device; the figure is the new device's first sync, until everything is local.
 */
async function benchNewDeviceFirstSync(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-catalog-'))
  const seed = JSON.parse(readFileSync(resolveConfig({ env: {} }).catalogPath, 'utf8')) as CatalogSeed
  const items: ServiceItem[] = Array.from({ length: NEW_DEVICE_ITEMS }, (_, index) => {
    const model = seed.items[index % seed.items.length]!
    if (index < seed.items.length) return model
    const code = `${model.implCode.slice(0, 6)}9${String(index).padStart(6, '0')}`
    return { ...model, id: code, implCode: code, name: `${model.name}（${index}）` }
  })
  const catalogPath = join(folder, 'catalog.json')
  writeFileSync(catalogPath, JSON.stringify({ ...seed, items }))
  const busy = await startCountyServer(resolveConfig({ env: {}, overrides: { port: 0, logLevel: 'silent', dataDir: 'memory://', catalogPath } }))
  const newDevice = new StationDb(`bench-new-device-${process.pid}`)
  try {
    const stationCode = 'MHZ01'
    const other = await ensureEnrollmentCode(busy.db, stationCode, 30)
    const enrolled = (await (
      await fetch(`${busy.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: other.code, deviceName: '一号窗口' }) })
    ).json()) as { token: string }
    const active = items.filter((item) => item.status === 'active')
    for (let start = 0; start < NEW_DEVICE_INTAKES; start += 500) {
      const mutations: PushRequest['mutations'] = []
      for (let index = start; index < Math.min(start + 500, NEW_DEVICE_INTAKES); index++) {
        const payload = intakePayload(stationCode, active[index % active.length]!, index)
        mutations.push({ id: randomUUID(), type: 'intake.submit', entityId: payload.id, payload, createdAt: payload.createdAt })
      }
      const pushed = await fetch(`${busy.url}/api/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${enrolled.token}` },
        body: JSON.stringify({ mutations }),
      })
      if (!pushed.ok) throw new Error(`seeding intakes failed: ${pushed.status} ${await pushed.text()}`)
    }

    const { code } = await ensureEnrollmentCode(busy.db, stationCode, 30)
    const started = performance.now()
    const enrollment = await enrollDevice(newDevice, { countyUrl: busy.url, code })
    const engine = createSyncEngine({ db: newDevice, client: createCountyClient({ baseUrl: busy.url, token: enrollment.token }) })
    const result = await engine.syncNow()
    const elapsed = performance.now() - started
    const [localItems, localIntakes] = [await newDevice.catalogItems.count(), await newDevice.intakes.count()]
    if (!result.ok || localItems !== NEW_DEVICE_ITEMS || localIntakes !== NEW_DEVICE_INTAKES) {
      throw new Error(`first sync incomplete: ${localItems} items, ${localIntakes} intakes`)
    }
    report(`first sync of a new device: ${NEW_DEVICE_ITEMS} items and ${NEW_DEVICE_INTAKES} intakes, loopback, PGlite, fake-indexeddb`, elapsed, 'ms', 30000)
  } finally {
    await newDevice.delete()
    await busy.close()
    rmSync(folder, { recursive: true, force: true })
  }
}

function intakePayload(stationCode: string, item: ServiceItem, index: number): IntakeSubmitInput {
  const first17 = `53282219500101${String(index % 1000).padStart(3, '0')}`
  return {
    id: randomUUID(),
    intakeNo: `${stationCode}-20261130-U01${String(index + 1).padStart(5, '0')}`,
    stationCode,
    item: {
      id: item.id,
      implCode: item.implCode,
      name: item.name,
      version: item.version,
      department: item.department,
      handling: item.handling,
      promisedLimitDays: item.promisedLimitDays,
      acceptOnReceipt: item.acceptOnReceipt,
    },
    applicant: { kind: 'person', name: '岩温', idNumber: first17 + residentIdCheckChar(first17), phone: '13908812345', address: '勐海镇曼真村' },
    serviceMode: 'self',
    materials: item.materials
      .filter((material) => material.necessity !== 'optional')
      .map((material) => ({ materialId: material.id, name: material.name, status: 'provided', form: 'copy', count: 1, attachments: [] })),
    staffName: '玉香',
    createdAt: new Date().toISOString(),
  }
}

await benchStationInBrowser()

/**
 * The station's own figures in real Chromium against the built app (browser mode), see
 * scripts/lib/browser-bench.ts: opening the intake list over BENCH_LIST_INTAKES local intakes,
 * catalog search over BENCH_CATALOG_ITEMS items per keystroke, and saving an intake.
 */
async function benchStationInBrowser(): Promise<void> {
  const listIntakes = Number(process.env.BENCH_LIST_INTAKES ?? 100_000)
  const catalogItems = Number(process.env.BENCH_CATALOG_ITEMS ?? 5000)
  const saves = Number(process.env.BENCH_BROWSER_SAVES ?? 300)
  const station = await startCountyServer(resolveConfig({ env: {}, overrides: { port: 0, logLevel: 'silent', dataDir: 'memory://' } }))
  try {
    const { code } = await ensureEnrollmentCode(station.db, 'MHZMZ01', 30)
    const figures = await benchStationInChromium({
      countyUrl: station.url,
      enrollmentCode: code,
      listIntakes,
      catalogItems,
      saves,
      // The demo station's demo agent (server/seed), for the 工作人员登录 screen.
      staff: { username: 'yanhan', password: 'station2026' },
    })
    const total = listIntakes + saves
    report(`open the intake list with ${total} local intakes, first rows shown, Chromium`, figures.intakeListFirstRowsMs, 'ms', 1000)
    report(`intake list with ${total} local intakes, jump to the last page, Chromium`, figures.intakeListLastPageMs, 'ms')
    report(`catalog search over ${catalogItems} items (pinyin initials, full pinyin, Chinese, code), p95 per keystroke, Chromium`, percentile(figures.catalogSearchMs, 95), 'ms', 16)
    report('save an intake (record + outbox + audit), p95, Chromium IndexedDB', percentile(figures.saveMs, 95), 'ms', 50)
  } finally {
    await station.close()
  }
}
