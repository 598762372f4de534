import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeResponseSchema } from '../../shared/admin'
import { residentIdCheckChar } from '../../shared/validators'
import { ensureEnrollmentCode } from '../../server/services/stations/enrollment-service'
import { StationDb } from '../../src-renderer/db/station-db'
import { submitIntake } from '../../src-renderer/features/intake/submit-intake'
import { buildBundleChecklist } from '../../src-renderer/features/life-event/bundle-checklist'
import { submitLifeEventIntakes } from '../../src-renderer/features/life-event/bundle-intake'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { createCountyClient } from '../../src-renderer/sync/county-client'
import { createSyncEngine, type SyncEngine } from '../../src-renderer/sync/sync-engine'
import { bearer, operatorToken, startTestCounty, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'
import { stationActor } from './station-actor'
import { everyMaterialChosen } from '../unit/renderer/life-event-materials'

// A 一件事一次办 sitting taken on a real station database, pushed by the real sync engine,
// and read back through the console's intake detail.
const targets = await databaseTargets()
// A 乡镇 centre: its 进驻事项 hold the whole 新生儿出生 bundle (a village station's do not).
const STATION = 'MHZ01'
const BIRTH_ITEMS = ['5328220400012', '5328220500017', '5328220500004'] // 出生登记, 预防接种证办理, 城乡居民医保参保登记

describe.each(targets)('一件事一次办 intakes on the county server ($name)', (target) => {
  let county: TestCounty
  let db: StationDb
  let engine: SyncEngine
  let admin: string

  const detail = async (id: string) => {
    const response = await county.server.app.inject({ method: 'GET', url: `/api/v1/admin/intakes/${id}`, headers: bearer(admin) })
    expect(response.statusCode, response.body).toBe(200)
    return adminIntakeResponseSchema.parse(response.json())
  }

  beforeAll(async () => {
    county = await startTestCounty(target)
    admin = await operatorToken(county.server)
    db = new StationDb(`life-event-${target.name}-${process.pid}`)
    const { code } = await ensureEnrollmentCode(county.server.db, STATION, 30)
    const enrollment = await enrollDevice(db, { countyUrl: county.server.url, code })
    engine = createSyncEngine({ db, client: createCountyClient({ baseUrl: county.server.url, token: enrollment.token, fetch }) })
    expect((await engine.syncNow()).ok).toBe(true)
  })

  afterAll(async () => {
    engine?.stop()
    await db?.delete()
    await county?.close()
  })

  it('keeps each intake\u2019s lifeEvent and lists the sitting\u2019s intakes in every one\u2019s detail', async () => {
    const birth = await db.lifeEvents.get('birth')
    expect(birth?.name).toBe('新生儿出生一件事')
    // Bundle materials start unchosen: the clerk sets each, here as usual (已收取, or 不适用 when optional).
    const chosen = everyMaterialChosen(buildBundleChecklist(birth!, await db.catalogItems.toArray()))
    const records = await submitLifeEventIntakes(
      db,
      {
        itemIds: BIRTH_ITEMS,
        applicant: {
          kind: 'person',
          name: '玉罕',
          idNumber: `53282219950101002${residentIdCheckChar('53282219950101002')}`,
          phone: '13908812345',
          address: '勐海镇曼真村',
        },
        serviceMode: 'self',
        staffName: '玉香',
        ...chosen,
      },
      birth!,
      { staff: stationActor(STATION) },
    )
    // An ordinary intake of the same day: it has no bundle, and is no bundle's sibling.
    const single = await submitIntake(
      db,
      {
        itemId: BIRTH_ITEMS[0]!,
        applicant: records[0]!.applicant,
        serviceMode: 'self',
        materials: records[0]!.materials.map((material) => ({ materialId: material.materialId, status: material.status })),
        staffName: '玉香',
      },
      { staff: stationActor(STATION) },
    )
    expect((await engine.syncNow()).ok).toBe(true)
    expect(await db.outbox.count()).toBe(0)

    const bundleId = records[0]!.lifeEvent!.bundleId
    for (const record of records) {
      const { intake, bundle } = await detail(record.id)
      expect(intake.payload['lifeEvent']).toEqual({ id: 'birth', name: '新生儿出生一件事', bundleId, itemCount: 3 })
      expect(bundle).toMatchObject({ id: 'birth', name: '新生儿出生一件事', bundleId, itemCount: 3 })
      expect(bundle!.intakes.map((sibling) => sibling.intakeNo)).toEqual(records.map((candidate) => candidate.intakeNo).sort())
      expect(bundle!.intakes.every((sibling) => sibling.accessible)).toBe(true)
      expect(bundle!.intakes.find((sibling) => sibling.id === record.id)?.status).toBe(intake.status)
      expect(new Set(bundle!.intakes.map((sibling) => sibling.itemName))).toEqual(new Set(records.map((candidate) => candidate.item.name)))
    }
    expect((await detail(single.id)).bundle).toBeUndefined()
  })
})
