import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { readMeta } from '../../../src-renderer/db/meta'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { applyPullPage } from '../../../src-renderer/sync/apply-pull-page'
import { page } from './fake-county-client'
import { clerk, MONDAY, catalogItem, decisionFor, draft, freshDb, seedStation, station } from './fixtures'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

describe('applyPullPage', () => {
  it('applies catalog items, the station and decisions, and stores the cursor', async () => {
    db = freshDb()
    await seedStation(db)
    const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const newItem = { ...catalogItem, id: '532822000002', implCode: '532822000002', name: '残疾人证办理', status: 'suspended' as const }

    const summary = await applyPullPage(
      db,
      page(
        [
          { seq: 1, entity: 'catalogItem', op: 'put', id: newItem.id, data: newItem },
          { seq: 2, entity: 'station', op: 'put', id: station.code, data: { ...station, name: '曼真村便民服务站' } },
          { seq: 3, entity: 'intakeDecision', op: 'put', id: intake.id, data: decisionFor(intake, 'submitted') },
          { seq: 4, entity: 'intakeDecision', op: 'put', id: intake.id, data: decisionFor(intake, 'accepted') },
        ],
        '4',
      ),
    )

    expect(summary).toMatchObject({ catalogItems: 1, decisions: 2, stations: 1, unknownIntakes: 0, fromOtherDevices: 0, referenceData: 0 })
    // Each change of the county status is named, for the clerk's notifications.
    expect(summary.statusChanges).toEqual([
      { intakeId: intake.id, intakeNo: intake.intakeNo, itemName: intake.item.name, status: 'submitted' },
      { intakeId: intake.id, intakeNo: intake.intakeNo, itemName: intake.item.name, status: 'accepted' },
    ])
    expect((await db.catalogItems.get(newItem.id))?.status).toBe('suspended')
    expect((await readMeta(db, 'station'))?.name).toBe('曼真村便民服务站')
    const stored = await db.intakes.get(intake.id)
    // The later change wins, and the station's own fields are untouched.
    expect(stored?.status).toBe('accepted')
    expect(stored?.decision?.status).toBe('accepted')
    expect(stored?.applicant).toEqual(intake.applicant)
    expect(await readMeta(db, 'pullCursor')).toBe('4')
  })

  it('adds an intake another device of the station made, and keeps its own records as they are', async () => {
    db = freshDb()
    await seedStation(db)
    const own = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const { syncState: _ownState, ...ownAsSent } = own
    const othersId = '0d3c7c1e-8a4b-4f5e-9c2d-1b0a9e8d7c6b'
    const others = { ...ownAsSent, id: othersId, intakeNo: own.intakeNo.replace(/\d{4}$/, '0099'), applicant: { ...own.applicant, name: '玉罕' } }
    const rating = {
      id: '5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716',
      intakeId: othersId,
      rating: 2 as const,
      source: 'residentOnScreen' as const,
      createdAt: MONDAY.toISOString(),
    }

    const summary = await applyPullPage(
      db,
      page(
        [
          // The county echoes this device's own intake, with a changed copy it must not take.
          { seq: 1, entity: 'intake', op: 'put', id: own.id, data: { ...ownAsSent, note: '县级副本' } },
          { seq: 2, entity: 'intake', op: 'put', id: othersId, data: others },
          { seq: 3, entity: 'intakeDecision', op: 'put', id: othersId, data: decisionFor(others, 'submitted') },
          { seq: 4, entity: 'evaluation', op: 'put', id: rating.id, data: rating },
        ],
        '4',
      ),
    )

    expect(summary).toMatchObject({ fromOtherDevices: 2, decisions: 1, unknownIntakes: 0 })
    const kept = await db.intakes.get(own.id)
    expect(kept?.syncState).toBe('pending')
    expect(kept?.note).toBe(own.note)
    const added = await db.intakes.get(othersId)
    expect(added).toMatchObject({ syncState: 'synced', status: 'submitted', applicant: { name: '玉罕' }, evaluation: { rating: 2 } })
    expect(await db.outbox.count()).toBe(1)
  })

  it('applies runs of items and intakes in bulk with the outcome of one by one: the later item, the first intake, decisions in between', async () => {
    db = freshDb()
    await seedStation(db)
    const own = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const { syncState: _ownState, ...ownAsSent } = own
    const othersId = '7b6a5948-3726-4150-9f8e-7d6c5b4a3928'
    const others = { ...ownAsSent, id: othersId, intakeNo: own.intakeNo.replace(/\d{4}$/, '0098'), applicant: { ...own.applicant, name: '玉罕' } }
    const renamed = { ...catalogItem, name: '城乡居民基本养老保险参保登记（新）' }

    const summary = await applyPullPage(
      db,
      page(
        [
          { seq: 1, entity: 'catalogItem', op: 'put', id: catalogItem.id, data: { ...catalogItem, name: '旧名称' } },
          { seq: 2, entity: 'catalogItem', op: 'put', id: catalogItem.id, data: renamed },
          { seq: 3, entity: 'intake', op: 'put', id: othersId, data: others },
          // The same intake again on the page, changed: one by one, the second found the first and was skipped.
          { seq: 4, entity: 'intake', op: 'put', id: othersId, data: { ...others, note: '第二份' } },
          { seq: 5, entity: 'intake', op: 'put', id: own.id, data: { ...ownAsSent, note: '县级副本' } },
          // A decision between two runs reaches the intake the run before it added.
          { seq: 6, entity: 'intakeDecision', op: 'put', id: othersId, data: decisionFor(others, 'accepted') },
          { seq: 7, entity: 'catalogItem', op: 'put', id: catalogItem.id, data: { ...renamed, status: 'suspended' } },
        ],
        '7',
      ),
    )

    expect(summary).toMatchObject({ catalogItems: 3, fromOtherDevices: 1, decisions: 1, unknownIntakes: 0 })
    expect(await db.catalogItems.get(catalogItem.id)).toMatchObject({ name: renamed.name, status: 'suspended' })
    // Its search key was made from the name it kept.
    expect((await db.catalogItems.get(catalogItem.id))?.searchKey.syllables).toContain('xin')
    expect(await db.intakes.get(othersId)).toMatchObject({ note: others.note, status: 'accepted', syncState: 'synced' })
    expect(await db.intakes.get(own.id)).toMatchObject({ note: own.note, syncState: 'pending' })
    expect(await readMeta(db, 'pullCursor')).toBe('7')
  })

  it('finds which intakes are stored the same way in a large table, counted id by id, as in a small one, read key by key', async () => {
    db = freshDb()
    await seedStation(db)
    const own = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const { syncState: _ownState, ...ownAsSent } = own
    // More stored intakes than 20 per id the page names: the page's ids are counted, not every key read.
    const many = Array.from({ length: 60 }, (_, index) => ({
      ...own,
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      intakeNo: own.intakeNo.replace(/\d{4}$/, String(1000 + index)),
      syncState: 'synced' as const,
    }))
    await db.intakes.bulkAdd(many)
    const unknown = { ...ownAsSent, id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }

    const summary = await applyPullPage(
      db,
      page(
        [
          { seq: 1, entity: 'intake', op: 'put', id: own.id, data: { ...ownAsSent, note: '县级副本' } },
          { seq: 2, entity: 'intakeDecision', op: 'put', id: many[7]!.id, data: decisionFor(many[7]!, 'accepted') },
          { seq: 3, entity: 'intakeDecision', op: 'put', id: unknown.id, data: decisionFor(unknown, 'accepted') },
        ],
        '3',
      ),
    )

    expect(summary).toMatchObject({ decisions: 1, unknownIntakes: 1, fromOtherDevices: 0 })
    expect(await db.intakes.get(own.id)).toMatchObject({ note: own.note, syncState: 'pending' })
    expect(await db.intakes.get(many[7]!.id)).toMatchObject({ status: 'accepted' })
    expect(await db.intakes.count()).toBe(61)
  })

  it('keeps neither the changes nor the cursor when a write fails', async () => {
    db = freshDb()
    await seedStation(db)
    const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    db.intakes.hook('updating', () => {
      throw new Error('disk failure')
    })
    const newItem = { ...catalogItem, id: '532822000009', implCode: '532822000009' }

    await expect(
      applyPullPage(
        db,
        page(
          [
            { seq: 7, entity: 'catalogItem', op: 'put', id: newItem.id, data: newItem },
            { seq: 8, entity: 'intakeDecision', op: 'put', id: intake.id, data: decisionFor(intake, 'accepted') },
          ],
          '8',
        ),
      ),
    ).rejects.toThrow('disk failure')

    expect(await db.catalogItems.get(newItem.id)).toBeUndefined()
    expect(await readMeta(db, 'pullCursor')).toBeUndefined()
    expect((await db.intakes.get(intake.id))?.status).toBeUndefined()
  })

  it('refuses a page that does not match the protocol before writing anything', async () => {
    db = freshDb()
    const broken = page([{ seq: 1, entity: 'catalogItem', op: 'put', id: 'x', data: { ...catalogItem, promisedLimitDays: 99 } }], '1')
    await expect(applyPullPage(db, broken)).rejects.toThrow()
    expect(await db.catalogItems.count()).toBe(0)
    expect(await readMeta(db, 'pullCursor')).toBeUndefined()
  })

  it('stores calendars and bundles, and replaces the 进驻事项 list whole', async () => {
    db = freshDb()
    const calendar = { year: 2027, holidays: ['2027-01-01'], workdays: [], provisional: true }
    const bundle = {
      id: 'business',
      name: '企业开办一件事',
      description: '营业执照、公章刻制、参保登记一次办',
      itemIds: ['5328220400031', '5328220400032'],
      sharedMaterials: [{ name: '法定代表人居民身份证' }],
    }
    const summary = await applyPullPage(
      db,
      page(
        [
          { seq: 1, entity: 'calendar', op: 'put', id: '2027', data: calendar },
          { seq: 2, entity: 'lifeEvent', op: 'put', id: 'business', data: bundle },
          { seq: 3, entity: 'stationItems', op: 'put', id: station.code, data: { stationCode: station.code, itemIds: ['532822000001', '532822000002'] } },
          { seq: 4, entity: 'stationItems', op: 'put', id: station.code, data: { stationCode: station.code, itemIds: ['532822000002', '532822000003'] } },
        ],
        '4',
      ),
    )
    expect(summary.referenceData).toBe(4)
    expect(await db.calendar.get(2027)).toEqual(calendar)
    expect(await db.lifeEvents.get('business')).toEqual(bundle)
    expect((await db.stationItems.toArray()).map((row) => row.itemId).sort()).toEqual(['532822000002', '532822000003'])
  })

  it('takes a newer version of a year, never an older one, and re-derives only the station’s own due dates', async () => {
    db = freshDb()
    await seedStation(db)
    // 收件即受理, 5 working days from Monday 2025-03-03: due Monday 2025-03-10 with weekends only.
    const ownReckoning = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const countyDated = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    await applyPullPage(
      db,
      page(
        [{ seq: 1, entity: 'intakeDecision', op: 'put', id: countyDated.id, data: { ...decisionFor(countyDated, 'accepted'), dueDate: '2025-03-10' } }],
        '1',
      ),
    )
    expect((await db.intakes.get(ownReckoning.id))?.openDueDate).toBe('2025-03-10')

    const version = (number: number, holidays: string[]) => ({ year: 2025, holidays, workdays: [], version: number })
    await applyPullPage(db, page([{ seq: 2, entity: 'calendar', op: 'put', id: '2025', data: version(1, ['2025-03-05']) }], '2'))
    await applyPullPage(db, page([{ seq: 3, entity: 'calendar', op: 'put', id: '2025', data: version(2, ['2025-03-05', '2025-03-06']) }], '3'))
    expect((await db.intakes.get(ownReckoning.id))?.openDueDate).toBe('2025-03-12')
    // The county's 办结期限 stays as it issued it.
    expect((await db.intakes.get(countyDated.id))?.openDueDate).toBe('2025-03-10')

    const summary = await applyPullPage(db, page([{ seq: 4, entity: 'calendar', op: 'put', id: '2025', data: version(1, []) }], '4'))
    expect(summary.referenceData).toBe(0)
    expect((await db.calendar.get(2025))?.version).toBe(2)
    expect((await db.intakes.get(ownReckoning.id))?.openDueDate).toBe('2025-03-12')
  })
})
