import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { describe, expect, it } from 'vitest'
import { SEALED_FIELD } from '../../../src-renderer/db/at-rest-middleware'
import { openDataKey } from '../../../src-renderer/db/data-key-access'
import { findIntakesByIdNumber } from '../../../src-renderer/db/intake-id-search'
import { StationDb } from '../../../src-renderer/db/station-db'
import { intakeRecord } from './intake-record-fixture'
import { createShippedDatabase } from './support/shipped-database'

describe('StationDb version 12', () => {
  it('opens a version-9 database with plain rows; the first opening of the data key seals them and makes them findable by ID number', async () => {
    const intake = intakeRecord()
    const name = await createShippedDatabase(9, async (old) => {
      await old.table('intakes').add(intake)
      await old.table('meta').put({ key: 'deviceToken', value: 't'.repeat(40) })
    })

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
