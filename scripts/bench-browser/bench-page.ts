import type { IntakeRecord } from '../../shared/station-records'
import { residentIdCheckChar } from '../../shared/validators'
import { toCatalogItemRecord, type CatalogItemRecord } from '../../src-renderer/db/catalog-item-record'
import type { StaffActor } from '../../src-renderer/db/staff-permissions'
import { StationDb } from '../../src-renderer/db/station-db'
import { matchesCatalogFilter } from '../../src-renderer/features/catalog/catalog-queries'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { submitIntake } from '../../src-renderer/features/intake/submit-intake'
import { createCountyClient } from '../../src-renderer/sync/county-client'
import { createSyncEngine } from '../../src-renderer/sync/sync-engine'

/** The account the benchmark acts as: every station write names a signed-in staff member. */
const BENCH_CLERK: StaffActor = { id: '2d7e5b1a-3c4f-4a6b-9d8e-7f6a5b4c3d2e', username: 'yuxiang', displayName: '玉香', role: 'clerk', stationCode: 'MHZMZ01' }

/**
 * `npm run bench` in Chromium: the station's own modules (not copies) run against the browser's
 * real IndexedDB, in the same origin as the built app, so the app then opens what was made here.
 * Built and driven by scripts/lib/browser-bench.ts; never part of the app.
 */
const db = new StationDb()

/** Enrolls this origin's station database with the county and pulls the catalog, as the app would. */
let engine: ReturnType<typeof createSyncEngine> | undefined

async function enroll(countyUrl: string, code: string): Promise<void> {
  const enrollment = await enrollDevice(db, { countyUrl, code, deviceName: '性能测试' })
  engine = createSyncEngine({ db, client: createCountyClient({ baseUrl: countyUrl, token: enrollment.token }) })
  await syncNow()
}

/** One sync round (push, files, pull), so the app opens a station with nothing left to send. */
async function syncNow(): Promise<void> {
  const result = await engine!.syncNow()
  if (!result.ok) throw new Error('sync failed')
}

/** Saves `count` intakes through submitIntake (record, outbox, audit in one transaction); answers each save's time. */
async function saveIntakes(count: number): Promise<number[]> {
  const items = (await db.catalogItems.where('status').equals('active').toArray()).filter((item) => item.materials.length > 0)
  const times: number[] = []
  for (let index = 0; index < count; index++) {
    const item = items[index % items.length]!
    const first17 = `53282219500101${String(index % 1000).padStart(3, '0')}`
    const started = performance.now()
    await submitIntake(db, {
      itemId: item.id,
      applicant: { kind: 'person', name: '岩温', idNumber: first17 + residentIdCheckChar(first17), phone: '13908812345', address: '勐海镇曼真村' },
      serviceMode: 'self',
      materials: item.materials.map((material) => ({ materialId: material.id, status: material.necessity === 'optional' ? 'notApplicable' : 'provided', form: 'copy', count: 1 })),
      staffName: '玉香',
    }, { staff: BENCH_CLERK })
    times.push(performance.now() - started)
  }
  return times
}

/**
 * Catalog search as the 事项目录 page runs it on each keystroke (matchesCatalogFilter over the
 * items in memory, with their stored pinyin keys), over `total` items made from the pulled
 * catalog under new codes. Answers one time per keystroke of each query.
 */
async function catalogSearch(total: number, queries: readonly string[]): Promise<{ times: number[]; hits: Record<string, number> }> {
  const pulled = await db.catalogItems.toArray()
  const items: CatalogItemRecord[] = Array.from({ length: total }, (_, index) => {
    const model = pulled[index % pulled.length]!
    if (index < pulled.length) return model
    const code = `${model.implCode.slice(0, 6)}9${String(index).padStart(6, '0')}`
    return toCatalogItemRecord({ ...model, id: code, implCode: code, name: `${model.name}（${index}）` })
  })
  const times: number[] = []
  const hits: Record<string, number> = {}
  for (const query of queries) {
    for (let length = 1; length <= query.length; length++) {
      const typed = query.slice(0, length)
      const started = performance.now()
      const found = items.filter((item) => matchesCatalogFilter(item, { query: typed }))
      times.push(performance.now() - started)
      hits[typed] = found.length
    }
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
    stationBench: { enroll: typeof enroll; syncNow: typeof syncNow; saveIntakes: typeof saveIntakes; catalogSearch: typeof catalogSearch; seedIntakes: typeof seedIntakes; close: () => void }
  }
}

window.stationBench = { enroll, syncNow, saveIntakes, catalogSearch, seedIntakes, close: () => db.close() }
