import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { SEALED_FIELD } from '../../../src-renderer/db/at-rest-middleware'
import { openDataKey } from '../../../src-renderer/db/data-key-access'
import { findIntakesByIdNumber } from '../../../src-renderer/db/intake-id-search'
import { StationDb } from '../../../src-renderer/db/station-db'
import { intakeRecord } from './intake-record-fixture'

// Version 9 exactly as it shipped, written out on purpose (see station-db-migrations.test.ts).
const V9_STORES = {
  catalogItems: 'id, name, domain, status',
  intakes: 'id, &intakeNo, createdAt, status, syncState, openDueDate, residentDueDate, [syncState+createdAt], [status+createdAt]',
  outbox: '++seq, &id, entityId',
  meta: 'key',
  audit: '++seq, at, action',
  drafts: 'id',
  calendar: 'year',
  lifeEvents: 'id',
  stationItems: 'itemId',
  attachments: 'id, sha256, intakeId, state',
  sentMutations: 'id, day, entityId',
  syncLog: '++seq',
  staff: 'id, username',
  draftFiles: 'id, draftId',
}

let name = ''
afterEach(async () => {
  await Dexie.delete(name)
})

describe('StationDb version 12', () => {
  it('opens a version-9 database with plain rows; the first opening of the data key seals them and makes them findable by ID number', async () => {
    name = `migration-v12-${process.pid}-${Date.now()}`
    const old = new Dexie(name)
    old.version(9).stores(V9_STORES)
    await old.open()
    const intake = intakeRecord()
    await old.table('intakes').add(intake)
    await old.table('meta').put({ key: 'deviceToken', value: 't'.repeat(40) })
    old.close()

    const db = new StationDb(name)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(12)
    expect(await db.intakes.get(intake.id)).toEqual(intake)
    await openDataKey(db, { wrap: async () => btoa('k'), unwrap: async () => new Uint8Array(32).fill(1) })
    expect(await db.intakes.get(intake.id)).toMatchObject(intake)
    const idNumber = intake.applicant.kind === 'person' ? intake.applicant.idNumber : ''
    expect((await findIntakesByIdNumber(db, idNumber)).map((found) => found.id)).toEqual([intake.id])
    db.close()

    const raw = new Dexie(name)
    await raw.open()
    const rows = [...(await raw.table('intakes').toArray()), ...(await raw.table('meta').toArray())]
    raw.close()
    expect(JSON.stringify(rows)).not.toContain(idNumber)
    expect(JSON.stringify(rows)).not.toContain('t'.repeat(40))
    expect(rows[0]).toHaveProperty(SEALED_FIELD)
  })
})
