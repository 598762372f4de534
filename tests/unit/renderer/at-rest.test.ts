import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type { PullChange } from '../../../shared/protocol'
import type { StationStaff } from '../../../shared/staff'
import { hashStaffPassword } from '../../../server/staff-secrets'
import { SEALED_FIELD } from '../../../src-renderer/db/at-rest-middleware'
import { grantDataKey, lockDataKey, NO_KEY_COPY_MESSAGE, openDataKey } from '../../../src-renderer/db/data-key-access'
import { DataKeyLockedError } from '../../../src-renderer/db/data-key-vault'
import { findIntakesByIdNumber } from '../../../src-renderer/db/intake-id-search'
import { readEnrollment, writeMeta } from '../../../src-renderer/db/meta'
import { StationDb } from '../../../src-renderer/db/station-db'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { signInStaff, unlockStaff } from '../../../src-renderer/features/staff/sign-in'
import type { OsKeyStore } from '../../../src-renderer/platform/platform'
import { applyPullPage } from '../../../src-renderer/sync/apply-pull-page'
import { page } from './fake-county-client'
import { clerk, draft, freshDb, MONDAY, residentId, seedStation, station } from './fixtures'

let db: StationDb | undefined
afterEach(async () => {
  await db?.delete()
  db = undefined
})

const TOKEN = 'd'.repeat(40)
const NAME = '岩温'

const account = async (id: string, username: string, password: string): Promise<StationStaff> => ({
  id,
  username,
  displayName: username,
  role: 'lead',
  stationCode: station.code,
  active: true,
  updatedAt: '2026-11-30T02:00:00.000Z',
  passwordHash: await hashStaffPassword(password, 1000),
})
const YANHAN = '1a2c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70'
const YUXIANG = '2a2c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70'

/** An enrolled browser station with two pulled accounts and one intake with a file, stored before any key existed. */
async function enrolledStation(): Promise<StationDb> {
  const station = freshDb()
  await seedStation(station)
  await writeMeta(station, 'countyUrl', 'http://127.0.0.1:8787')
  await writeMeta(station, 'deviceToken', TOKEN)
  const staff = [await account(YANHAN, 'yanhan', 'agent-pass-1'), await account(YUXIANG, 'yuxiang', 'lead-pass-1')]
  const changes: PullChange[] = staff.map((data, index) => ({ seq: index + 1, id: data.id, entity: 'staff', op: 'put', data }))
  await applyPullPage(station, page(changes, '2'))
  return station
}

/** The rows as IndexedDB holds them, read without the middleware (what a stolen disk shows). */
async function rawRows(name: string, table: string): Promise<Record<string, unknown>[]> {
  const raw = new Dexie(name)
  await raw.open()
  try {
    return await raw.table(table).toArray()
  } finally {
    raw.close()
  }
}

const fileBytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2, 3, 250, 251, 252])

describe('station data at rest (browser mode: the data key wrapped by each staff password)', () => {
  it('the first sign-in makes the key and seals what was stored before; raw rows hold no name, ID number or token; sign-out locks, sign-in reads them again', async () => {
    db = await enrolledStation()
    await openDataKey(db)
    expect(db.dataKeys.state).toBe('off')
    const before = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })

    await signInStaff(db, { username: 'yanhan', password: 'agent-pass-1' })
    expect(db.dataKeys.state).toBe('unlocked')
    const idNumber = residentId()
    const rawText =
      JSON.stringify(await rawRows(db.name, 'intakes')) + JSON.stringify(await rawRows(db.name, 'outbox')) + JSON.stringify(await rawRows(db.name, 'meta'))
    expect(rawText).not.toContain(NAME)
    expect(rawText).not.toContain(idNumber)
    expect(rawText).not.toContain(TOKEN)
    expect((await rawRows(db.name, 'intakes'))[0]).toHaveProperty(SEALED_FIELD)

    // A file added now is sealed too, and reads back byte for byte.
    await db.draftFiles.put({
      id: 'd1:m1:' + 'a'.repeat(64),
      draftId: 'd1',
      materialId: 'm1',
      sha256: 'a'.repeat(64),
      filename: '岩温身份证.pdf',
      mime: 'application/pdf',
      size: fileBytes.length,
      originalSize: fileBytes.length,
      blob: new Blob([fileBytes], { type: 'application/pdf' }),
      addedAt: MONDAY.toISOString(),
    })
    const rawFile = (await rawRows(db.name, 'draftFiles'))[0]!
    expect(JSON.stringify(rawFile)).not.toContain('岩温')
    expect(rawFile.blob).toBeUndefined()
    const file = (await db.draftFiles.toArray())[0]!
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(fileBytes)
    expect(file.blob.type).toBe('application/pdf')

    expect((await db.intakes.get(before.id))?.applicant).toEqual(before.applicant)
    expect((await readEnrollment(db))?.deviceToken).toBe(TOKEN)

    lockDataKey(db)
    expect(db.dataKeys.state).toBe('locked')
    const locked = await db.intakes.get(before.id)
    expect(locked?.applicant).toBeUndefined()
    expect(locked?.intakeNo).toBe(before.intakeNo)
    // Enrolled, token unreadable: the app stays on its station view and the engine pauses.
    expect(await readEnrollment(db)).toMatchObject({ deviceToken: null, countyUrl: 'http://127.0.0.1:8787' })
    await expect(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })).rejects.toBeInstanceOf(DataKeyLockedError)
    await expect(findIntakesByIdNumber(db, idNumber)).rejects.toBeInstanceOf(DataKeyLockedError)

    await signInStaff(db, { username: 'yanhan', password: 'agent-pass-1' })
    expect((await db.intakes.get(before.id))?.applicant).toEqual(before.applicant)
    expect((await db.outbox.toArray())[0]?.payload).toMatchObject({ applicant: before.applicant })
  })

  it('finds intakes by ID number through the keyed hash, whatever the case of the check character', async () => {
    db = await enrolledStation()
    await openDataKey(db)
    await signInStaff(db, { username: 'yanhan', password: 'agent-pass-1' })
    const withX = residentId('53282219800101003')
    const first = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const second = await submitIntake(db, draft({ applicant: { kind: 'person', name: '玉罕', idNumber: withX, phone: '13908812345', address: '勐海镇' } }), {
      staff: clerk,
      now: () => MONDAY,
    })
    expect((await findIntakesByIdNumber(db, residentId())).map((intake) => intake.id)).toEqual([first.id])
    expect((await findIntakesByIdNumber(db, ` ${withX.toLowerCase()} `)).map((intake) => intake.id)).toEqual([second.id])
    expect(await findIntakesByIdNumber(db, residentId('53282219800101005'))).toEqual([])
    const rawHashes = (await rawRows(db.name, 'intakes')).flatMap((row) => row.idNumberHashes as string[])
    expect(rawHashes).toHaveLength(2)
    expect(rawHashes.join()).not.toContain(withX.slice(0, 12))
  })

  it('an account that never signed in here gets no key; a signed-in colleague grants it a copy; the idle unlock unwraps again', async () => {
    db = await enrolledStation()
    await openDataKey(db)
    await signInStaff(db, { username: 'yanhan', password: 'agent-pass-1' })
    lockDataKey(db)
    await expect(signInStaff(db, { username: 'yuxiang', password: 'lead-pass-1' })).rejects.toMatchObject({ code: 'no_key_copy', message: NO_KEY_COPY_MESSAGE })
    expect(db.dataKeys.state).toBe('locked')

    const yanhan = await signInStaff(db, { username: 'yanhan', password: 'agent-pass-1' })
    await grantDataKey(db, YUXIANG, 'lead-pass-1')
    lockDataKey(db)
    await signInStaff(db, { username: 'yuxiang', password: 'lead-pass-1' })
    expect(db.dataKeys.state).toBe('unlocked')

    lockDataKey(db)
    await expect(unlockStaff(db, yanhan, 'wrong-pass')).rejects.toMatchObject({ code: 'wrong_credentials' })
    await unlockStaff(db, yanhan, 'agent-pass-1')
    expect(db.dataKeys.state).toBe('unlocked')
  })

  it('a reopened database (a restarted app) starts locked and opens with the same key', async () => {
    db = await enrolledStation()
    await openDataKey(db)
    await signInStaff(db, { username: 'yanhan', password: 'agent-pass-1' })
    const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    db.close()
    const reopened = new StationDb(db.name)
    db = reopened
    await openDataKey(reopened)
    expect(reopened.dataKeys.state).toBe('locked')
    await signInStaff(reopened, { username: 'yanhan', password: 'agent-pass-1' })
    expect((await reopened.intakes.get(intake.id))?.applicant).toEqual(intake.applicant)
  })
})

describe('station data at rest (desktop: the data key wrapped by the OS key store)', () => {
  // Stands in for Electron safeStorage: a fixed wrap the test can see through.
  const keyStore = (): OsKeyStore & { calls: number } => {
    const store = {
      calls: 0,
      wrap: async (dataKey: Uint8Array) => {
        store.calls++
        return btoa(String.fromCharCode(...dataKey.map((byte) => byte ^ 0x5a)))
      },
      unwrap: async (wrapped: string) => Uint8Array.from(atob(wrapped), (char) => char.charCodeAt(0) ^ 0x5a),
    }
    return store
  }

  it('opens at start without a sign-in, seals existing rows, stays open on sign-out, and a restart unwraps the same key', async () => {
    db = await enrolledStation()
    const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const store = keyStore()
    await openDataKey(db, store)
    expect(db.dataKeys.state).toBe('unlocked')
    expect(JSON.stringify(await rawRows(db.name, 'intakes'))).not.toContain(NAME)
    lockDataKey(db)
    expect(db.dataKeys.state).toBe('unlocked')
    db.close()
    const reopened = new StationDb(db.name)
    db = reopened
    await openDataKey(reopened, store)
    expect(store.calls).toBe(1)
    expect((await reopened.intakes.get(intake.id))?.applicant).toEqual(intake.applicant)
  })
})
