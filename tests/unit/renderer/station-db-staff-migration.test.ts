import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { readMeta } from '../../../src-renderer/db/meta'
import { StationDb } from '../../../src-renderer/db/station-db'
import { station } from './fixtures'
import { createShippedDatabase } from './support/shipped-database'

describe('StationDb version 7 (staff accounts)', () => {
  it('opens a version-4 database: everything stays, the staff table is there, empty, and takes pulled accounts by username', async () => {
    const name = await createShippedDatabase(4, async (old) => {
      await old.table('meta').put({ key: 'station', value: station })
      await old.table('audit').add({ at: '2026-11-30T02:00:00.000Z', action: 'intake.submit', staffName: '岩罕' })
    })

    const db = new StationDb(name)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(7)
    expect(await readMeta(db, 'station')).toEqual(station)
    expect(await db.audit.count()).toBe(1)
    expect(await db.staff.count()).toBe(0)
    await db.staff.put({
      id: '4a2c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70',
      stationCode: station.code,
      username: 'yanhan',
      displayName: '岩罕',
      role: 'agent',
      passwordHash: 'pbkdf2-sha256$1000$AAAA$AAAA',
      active: true,
      updatedAt: '2026-11-30T02:00:00.000Z',
    })
    expect((await db.staff.where('username').equals('yanhan').first())?.displayName).toBe('岩罕')
    db.close()
  })
})
