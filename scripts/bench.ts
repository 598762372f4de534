import 'fake-indexeddb/auto'
import { performance } from 'node:perf_hooks'
import type { ServiceItem } from '../shared/catalog'
import { residentIdCheckChar } from '../shared/validators'
import { resolveConfig } from '../server/config'
import { ensureEnrollmentCode } from '../server/services/enrollment-service'
import { startCountyServer } from '../server/start-county-server'
import { StationDb } from '../src-renderer/db/station-db'
import { submitIntake } from '../src-renderer/features/intake/submit-intake'
import { enrollDevice } from '../src-renderer/features/setup/enroll-device'
import { createCountyClient } from '../src-renderer/sync/county-client'
import { createSyncEngine } from '../src-renderer/sync/sync-engine'

/**
 * `npm run bench`: speed figures, one JSON line each. The station side runs in Node over
 * fake-indexeddb here, so its local figures are only indicative; the county side is real
 * (PGlite in memory, loopback HTTP).
 */
const INTAKES = Number(process.env.BENCH_INTAKES ?? 1000)

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
    })
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
