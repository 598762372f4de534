import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { insertEnrollmentCode } from '../../server/repositories/enrollment-code-repository'
import { newEnrollmentCode } from '../../server/secrets'
import { sha256HexOfText } from '../../shared/sha256'
import { StationDb } from '../../src-renderer/db/station-db'
import { recordEvaluation } from '../../src-renderer/features/evaluation/record-evaluation'
import { submitIntake, type IntakeDraft } from '../../src-renderer/features/intake/submit-intake'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { createCountyClient } from '../../src-renderer/sync/county-client'
import { createSyncEngine, type SyncEngine } from '../../src-renderer/sync/sync-engine'
import { bearer, itemWith, operatorToken, startTestCounty, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'
import { stationActor } from './station-actor'

// Two devices of one station (two PCs at a township window), each with its own IndexedDB,
// running the real sync engine against the real county server.
const targets = await databaseTargets()
const STATION = 'MHZ01'

type Device = { db: StationDb; engine: SyncEngine }

describe.each(targets)('several devices of one station on $name', (target) => {
  let county: TestCounty
  let operator: string
  let item: ServiceItem
  const devices: Device[] = []

  const enrollNewDevice = async (name: string): Promise<Device> => {
    const code = newEnrollmentCode()
    await insertEnrollmentCode(county.server.db, {
      codeHash: sha256HexOfText(code),
      stationCode: STATION,
      expiresAt: new Date(Date.now() + 86_400_000),
      now: new Date(),
    })
    const db = new StationDb(`station-devices-${target.name}-${process.pid}-${name}`)
    const enrollment = await enrollDevice(db, { countyUrl: county.server.url, code, deviceName: name })
    const device = { db, engine: createSyncEngine({ db, client: createCountyClient({ baseUrl: county.server.url, token: enrollment.token }) }) }
    devices.push(device)
    return device
  }
  const sync = async (device: Device) => expect((await device.engine.syncNow()).ok).toBe(true)
  const decide = async (id: string, body: object) => {
    const response = await county.server.app.inject({ method: 'POST', url: `/api/v1/admin/intakes/${id}/decision`, headers: bearer(operator), payload: body })
    expect(response.statusCode).toBe(200)
  }
  const draft = (name: string): IntakeDraft => ({
    itemId: item.id,
    applicant: {
      kind: 'person',
      name,
      idNumber: '53282219451001204' + residentIdCheckChar('53282219451001204'),
      phone: '0691-5123456',
      address: '勐海镇曼真村五组',
    },
    serviceMode: 'self',
    materials: item.materials.map((material) => ({ materialId: material.id, status: 'provided' as const })),
    staffName: '玉香',
  })

  beforeAll(async () => {
    county = await startTestCounty(target)
    operator = await operatorToken(county.server)
    item = itemWith(
      (candidate) =>
        candidate.status === 'active' &&
        candidate.handling === '2' &&
        !candidate.acceptOnReceipt &&
        candidate.materials.every((material) => material.necessity !== 'optional'),
    )
  })
  afterAll(async () => {
    for (const device of devices) {
      device.engine.stop()
      await device.db.delete()
    }
    await county?.close()
  })

  it('gives every device all of the station\u2019s intakes, decisions and ratings, each once', async () => {
    const first = await enrollNewDevice('一号窗口')
    const second = await enrollNewDevice('二号窗口')
    await sync(first)
    await sync(second)

    const a = await submitIntake(first.db, draft('岩温'), { staff: stationActor(STATION) })
    const b = await submitIntake(second.db, draft('玉罕'), { staff: stationActor(STATION) })
    expect(a.intakeNo.split('-')[2]?.slice(0, 3)).not.toBe(b.intakeNo.split('-')[2]?.slice(0, 3))
    await sync(first)
    await sync(second)
    await sync(first)

    for (const device of [first, second]) {
      const held = await device.db.intakes.orderBy('intakeNo').toArray()
      expect(held.map((intake) => intake.intakeNo).sort()).toEqual([a.intakeNo, b.intakeNo].sort())
      expect(held.every((intake) => intake.syncState === 'synced' && intake.status === 'submitted')).toBe(true)
      expect(await device.db.outbox.count()).toBe(0)
    }
    // Each device's own record keeps what it collected: the copy pulled back did not replace it.
    expect((await first.db.intakes.get(a.id))?.applicant).toEqual(a.applicant)

    // The county decides the intake the first device took; the second device sees it too.
    await decide(a.id, { decision: 'accept' })
    await decide(a.id, { decision: 'complete', result: 'approved' })
    await sync(first)
    await sync(second)
    expect((await first.db.intakes.get(a.id))?.status).toBe('completed')
    expect((await second.db.intakes.get(a.id))?.status).toBe('completed')

    // The resident rates at the second window; the first window then knows it is rated.
    await recordEvaluation(second.db, { intakeId: a.id, rating: 1, source: 'residentOnScreen' }, { staff: stationActor(STATION) })
    await sync(second)
    await sync(first)
    expect((await first.db.intakes.get(a.id))?.evaluation?.rating).toBe(1)
    await expect(recordEvaluation(first.db, { intakeId: a.id, rating: 5, source: 'residentOnScreen' }, { staff: stationActor(STATION) })).rejects.toThrow(
      '该办件已评价',
    )
  })
})
