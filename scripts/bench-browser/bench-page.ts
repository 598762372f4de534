import type { IntakeRecord } from '../../shared/station-records'
import { residentIdCheckChar } from '../../shared/validators'
import type { CatalogItemRecord } from '../../src-renderer/db/catalog-item-record'
import { openDataKey } from '../../src-renderer/db/data-key-access'
import type { StaffActor } from '../../src-renderer/db/staff-permissions'
import { StationDb } from '../../src-renderer/db/station-db'
import { createCatalogQueryIndex } from '../../src-renderer/features/catalog/catalog-query-index'
import { readStationItemIds } from '../../src-renderer/features/catalog/catalog-reference'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { submitIntake } from '../../src-renderer/features/intake/submit-intake'
import { signInStaff } from '../../src-renderer/features/staff/sign-in'
import { createCountyClient, type CountyClient } from '../../src-renderer/sync/county-client'
import { createSyncEngine } from '../../src-renderer/sync/sync-engine'

/** The account the benchmark acts as once signed in: every station write names a signed-in staff member. */
let signedIn: StaffActor | undefined

/**
 * `npm run bench` in Chromium: the station's own modules (not copies) run against the browser's
 * real IndexedDB, in the same origin as the built app, so the app then opens what was made here.
 * Built and driven by scripts/lib/browser-bench.ts; never part of the app.
 */
const db = new StationDb()

/** Enrolls this origin's station database with the county and pulls the catalog, as the app would. */
/** On a loaded machine the county may take seconds to answer /health; a bench round must not fail on that. */
const PATIENT = { healthTimeoutMs: 60_000, timeoutMs: 300_000 }

let engine: ReturnType<typeof createSyncEngine> | undefined
let clientTimes: ClientTimes = { pushMs: 0, pullMs: 0, pushes: 0, pulls: 0 }

/** Where a sync round's time goes: waiting on the county (request, JSON, validation) per call, the rest is this station. */
export type ClientTimes = { pushMs: number; pullMs: number; pushes: number; pulls: number }

function timedClient(client: CountyClient, times: () => ClientTimes): CountyClient {
  return {
    health: () => client.health(),
    push: async (mutations) => {
      const started = performance.now()
      try {
        return await client.push(mutations)
      } finally {
        times().pushMs += performance.now() - started
        times().pushes++
      }
    },
    pull: async (cursor, limit) => {
      const started = performance.now()
      try {
        return await client.pull(cursor, limit)
      } finally {
        times().pullMs += performance.now() - started
        times().pulls++
      }
    },
  }
}

async function enroll(countyUrl: string, code: string): Promise<void> {
  const enrollment = await enrollDevice(db, { countyUrl, code, deviceName: '性能测试' })
  engine = createSyncEngine({ db, client: timedClient(createCountyClient({ baseUrl: countyUrl, token: enrollment.token, ...PATIENT }), () => clientTimes) })
  await syncNow()
}

/** One sync round (push, files, pull), so the app opens a station with nothing left to send; answers its time and where it went. */
async function syncNow(): Promise<{ ms: number; confirmed: number } & ClientTimes> {
  clientTimes = { pushMs: 0, pullMs: 0, pushes: 0, pulls: 0 }
  const started = performance.now()
  const result = await engine!.syncNow()
  const ms = performance.now() - started
  if (!result.ok) throw new Error(`sync failed: ${result.error}`)
  if ((await db.outbox.count()) !== 0) throw new Error('the outbox is not empty after a sync round')
  return { ms, confirmed: result.confirmed, ...clientTimes }
}

/**
 * Signs in as the app's 工作人员登录 does, after the enrollment's sync brought the accounts: the
 * browser's data key is made (the rows synced so far sealed) and held, so every later write of
 * this page is sealed at rest exactly as the app's.
 */
async function signIn(username: string, password: string): Promise<void> {
  await openDataKey(db)
  signedIn = await signInStaff(db, { username, password })
}

/** The desktop's OS key store, as the bench has none: the data key is kept as it is (only its wrapping differs). */
const benchKeyStore = {
  wrap: async (dataKey: Uint8Array) => Array.from(dataKey, (byte) => byte.toString(16).padStart(2, '0')).join(''),
  unwrap: async (wrapped: string) => Uint8Array.from(wrapped.match(/../g) ?? [], (pair) => parseInt(pair, 16)),
}

/**
 * A new device of a busy station: enrolls a database of its own and syncs once, until the
 * catalog and the station's intakes are local. Answers the time from the enroll request to
 * the end of that round, where it went, and what arrived; the database is deleted after.
 * The device holds its data key from the start, as the desktop app does (OS key store), so
 * the pulled intakes are sealed as they are stored; a browser station seals them at its
 * first sign-in instead.
 */
async function firstSync(countyUrl: string, code: string): Promise<{ ms: number; items: number; intakes: number } & ClientTimes> {
  const device = new StationDb('bench-new-device')
  const times: ClientTimes = { pushMs: 0, pullMs: 0, pushes: 0, pulls: 0 }
  try {
    await openDataKey(device, benchKeyStore)
    const started = performance.now()
    const enrollment = await enrollDevice(device, { countyUrl, code, deviceName: '新设备' })
    const newEngine = createSyncEngine({
      db: device,
      client: timedClient(createCountyClient({ baseUrl: countyUrl, token: enrollment.token, ...PATIENT }), () => times),
    })
    const result = await newEngine.syncNow()
    const ms = performance.now() - started
    if (!result.ok) throw new Error(`first sync failed: ${result.error}`)
    return { ms, items: await device.catalogItems.count(), intakes: await device.intakes.count(), ...times }
  } finally {
    await device.delete()
  }
}

/**
 * Adds copies of the pulled catalog under new codes until the local catalog holds `total`
 * items, as a county with that many would; their search keys are the model's plus the number
 * that the copy's name ends with (what catalogSearchKey makes of "（123）").
 */
async function seedCatalog(total: number): Promise<number> {
  const pulled = await db.catalogItems.toArray()
  const copies: CatalogItemRecord[] = []
  for (let index = pulled.length; index < total; index++) {
    const model = pulled[index % pulled.length]!
    const code = `${model.implCode.slice(0, 6)}8${String(index).padStart(6, '0')}`
    copies.push({
      ...model,
      id: code,
      implCode: code,
      name: `${model.name}（${index}）`,
      searchKey: { syllables: [...model.searchKey.syllables, String(index)] },
    })
  }
  for (let start = 0; start < copies.length; start += 5000) await db.catalogItems.bulkPut(copies.slice(start, start + 5000))
  return db.catalogItems.count()
}

/**
 * Saves `count` intakes through submitIntake (record, outbox, audit in one transaction, sealed)
 * as the signed-in account, of the items in use this station offers (submitIntake refuses the
 * others); answers each save's time.
 */
async function saveIntakes(count: number): Promise<number[]> {
  if (signedIn === undefined) throw new Error("sign in before saving: the app never saves on nobody's behalf")
  const staff = signedIn
  const offered = await readStationItemIds(db)
  const items = (await db.catalogItems.where('status').equals('active').toArray()).filter(
    (item) => item.materials.length > 0 && (offered.size === 0 || offered.has(item.id)),
  )
  const times: number[] = []
  for (let index = 0; index < count; index++) {
    const item = items[index % items.length]!
    const first17 = `53282219500101${String(index % 1000).padStart(3, '0')}`
    const started = performance.now()
    await submitIntake(
      db,
      {
        itemId: item.id,
        applicant: { kind: 'person', name: '岩温', idNumber: first17 + residentIdCheckChar(first17), phone: '13908812345', address: '勐海镇曼真村' },
        serviceMode: 'self',
        materials: item.materials.map((material) => ({
          materialId: material.id,
          status: material.necessity === 'optional' ? 'notApplicable' : 'provided',
          form: 'copy',
          count: 1,
        })),
        staffName: staff.displayName,
      },
      { staff },
    )
    times.push(performance.now() - started)
  }
  return times
}

/**
 * Catalog search alone, as the 事项目录 page runs it on each keystroke (its query index over
 * the items in memory, built once), over `total` items made from the pulled catalog under new
 * codes. Answers one time per keystroke of each query, the box cleared between queries.
 */
async function catalogSearch(total: number, queries: readonly string[]): Promise<{ times: number[]; hits: Record<string, number> }> {
  const pulled = await db.catalogItems.toArray()
  const items: CatalogItemRecord[] = Array.from({ length: total }, (_, index) => {
    const model = pulled[index % pulled.length]!
    if (index < pulled.length) return model
    const code = `${model.implCode.slice(0, 6)}9${String(index).padStart(6, '0')}`
    return { ...model, id: code, implCode: code, name: `${model.name}（${index}）`, searchKey: { syllables: [...model.searchKey.syllables, String(index)] } }
  })
  const index = createCatalogQueryIndex(items)
  const times: number[] = []
  const hits: Record<string, number> = {}
  for (const query of queries) {
    for (let length = 1; length <= query.length; length++) {
      const typed = query.slice(0, length)
      const started = performance.now()
      const found = index.search(typed)
      times.push(performance.now() - started)
      hits[typed] = found.length
    }
    index.search('')
  }
  return { times, hits }
}

/**
 * Adds `count` intakes of other days, in chunks, through the app's StationDb (its hooks set the
 * queue fields): copies of one saved intake, spread over the past year, synced, some accepted
 * by the county with a due date (a few overdue), some completed.
 */
async function seedIntakes(count: number): Promise<number> {
  const template = (await db.intakes.orderBy('createdAt').last())!
  const now = Date.now()
  const chunk = 5000
  for (let start = 0; start < count; start += chunk) {
    const records: IntakeRecord[] = []
    for (let index = start; index < Math.min(start + chunk, count); index++) {
      const createdAt = new Date(now - (index + 1) * 5 * 60_000).toISOString()
      const id = crypto.randomUUID()
      const intakeNo = `MHZMZ01-${createdAt.slice(0, 10).replaceAll('-', '')}-BEN${String(index).padStart(6, '0')}`
      const record: IntakeRecord = { ...template, id, intakeNo, createdAt, syncState: 'synced', lastError: undefined }
      if (index % 10 === 0) {
        const status = index % 20 === 0 ? 'completed' : 'accepted'
        const history = [{ status, at: createdAt, by: '县政务服务中心' } as const]
        const dueDate = new Date(now + ((index % 40) - 10) * 86_400_000).toISOString().slice(0, 10)
        record.decision = { intakeId: id, intakeNo, status, receivedAt: createdAt, acceptedAt: createdAt, dueDate, history }
        record.status = status
      }
      records.push(record)
    }
    await db.intakes.bulkAdd(records)
  }
  return db.intakes.count()
}

declare global {
  // An interface on purpose: only an interface merges into the DOM's Window.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    stationBench: {
      enroll: typeof enroll
      signIn: typeof signIn
      syncNow: typeof syncNow
      firstSync: typeof firstSync
      seedCatalog: typeof seedCatalog
      saveIntakes: typeof saveIntakes
      catalogSearch: typeof catalogSearch
      seedIntakes: typeof seedIntakes
      close: () => void
    }
  }
}

window.stationBench = { enroll, signIn, syncNow, firstSync, seedCatalog, saveIntakes, catalogSearch, seedIntakes, close: () => db.close() }
