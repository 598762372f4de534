import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { DATA_KEY_META_PREFIX } from '../../../shared/station-at-rest'
import { openDataKey } from '../../../src-renderer/db/data-key-access'
import { writeMeta } from '../../../src-renderer/db/meta'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { sha256Hex } from '../../../shared/sha256'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { enableDailyBackup, runDailyBackupIfDue } from '../../../src-renderer/features/maintenance/daily-backup'
import type { BackupFolder } from '../../../src-renderer/platform/platform'
import {
  BACKUP_INVALID_MESSAGE,
  BACKUP_WRONG_PASSWORD_MESSAGE,
  createStationBackup,
  restoreStationBackup,
} from '../../../src-renderer/features/maintenance/station-backup'
import { clerk, draft, freshDb, MONDAY, seedStation, TUESDAY } from './fixtures'

const opened: StationDb[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete()
})
const newDb = () => {
  const db = freshDb()
  opened.push(db)
  return db
}

const PASSWORD = 'beifen-2026'
const TOKEN = 'e'.repeat(40)
const pdf = new Uint8Array(3000).map((_, index) => (index * 7) % 256)

/** A desktop-mode station (key in the OS key store) with an intake, its attachment, the outbox, cursor and token. */
async function workingStation(): Promise<StationDb> {
  const db = newDb()
  await openDataKey(db, { wrap: async () => btoa('k'), unwrap: async () => new Uint8Array(32).fill(9) })
  await seedStation(db)
  await writeMeta(db, 'countyUrl', 'http://127.0.0.1:8787')
  await writeMeta(db, 'deviceToken', TOKEN)
  await writeMeta(db, 'pullCursor', '42')
  const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
  const sha256 = await sha256Hex(pdf)
  await db.attachments.put({
    id: `${intake.id}:m1:${sha256}`,
    sha256,
    intakeId: intake.id,
    materialId: 'm1',
    filename: '户口簿.pdf',
    mime: 'application/pdf',
    size: pdf.length,
    blob: new Blob([pdf], { type: 'application/pdf' }),
    state: 'pending',
    bytesConfirmed: 0,
    createdAt: MONDAY.toISOString(),
  })
  return db
}

async function everything(db: StationDb): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {}
  for (const table of db.tables) {
    const rows = (await table.toArray()) as Record<string, unknown>[]
    result[table.name] = await Promise.all(
      rows
        .filter((row) => !(table.name === 'meta' && String(row.key).startsWith(DATA_KEY_META_PREFIX)))
        .map(async (row) =>
          Object.fromEntries(
            await Promise.all(
              Object.entries(row)
                .filter(([field]) => field !== 'idNumberHashes')
                .map(async ([field, value]) => [field, value instanceof Blob ? [value.type, [...new Uint8Array(await value.arrayBuffer())]] : value]),
            ),
          ),
        ),
    )
  }
  return result
}

describe('station backup and restore', () => {
  it('restores every table and byte-identical files on a fresh device, which seals them under its own key', async () => {
    const source = await workingStation()
    const backup = await createStationBackup(source, PASSWORD, MONDAY)
    expect(backup.fileName).toMatch(/^本机备份-[0-9A-Z]+-20250303\.bmbak$/)
    expect(new TextDecoder().decode(backup.bytes)).not.toContain('岩温')

    const target = newDb()
    await openDataKey(target, { wrap: async () => btoa('k'), unwrap: async () => new Uint8Array(32).fill(3) })
    const summary = await restoreStationBackup(target, backup.bytes, PASSWORD)
    expect(summary).toMatchObject({ intakes: 1, files: 1 })
    expect(await everything(target)).toEqual(await everything(source))
    expect(((await target.intakes.toArray())[0] as Record<string, unknown>).idNumberHashes).toHaveLength(1)
    const file = (await target.attachments.toArray())[0]!
    expect(await sha256Hex(new Uint8Array(await file.blob.arrayBuffer()))).toBe(file.sha256)
  })

  it('a wrong password or a damaged file gives a Chinese error and writes nothing; so does a device that already holds data', async () => {
    const source = await workingStation()
    const backup = await createStationBackup(source, PASSWORD, MONDAY)
    const target = newDb()
    await expect(restoreStationBackup(target, backup.bytes, 'not-the-password')).rejects.toMatchObject({
      code: 'backup_wrong_password',
      message: BACKUP_WRONG_PASSWORD_MESSAGE,
    })

    const envelope = JSON.parse(new TextDecoder().decode(backup.bytes)) as { sealed: string }
    const flipped = envelope.sealed.slice(0, 100) + (envelope.sealed[100] === 'A' ? 'B' : 'A') + envelope.sealed.slice(101)
    const damaged = new TextEncoder().encode(JSON.stringify({ ...envelope, sealed: flipped }))
    await expect(restoreStationBackup(target, damaged, PASSWORD)).rejects.toMatchObject({ code: 'backup_wrong_password' })
    await expect(restoreStationBackup(target, new TextEncoder().encode('{"format":"zip"}'), PASSWORD)).rejects.toMatchObject({
      code: 'backup_invalid',
      message: BACKUP_INVALID_MESSAGE,
    })
    await expect(restoreStationBackup(target, backup.bytes.slice(0, 500), PASSWORD)).rejects.toMatchObject({ code: 'backup_invalid' })
    await expect(restoreStationBackup(target, backup.bytes, 'short')).rejects.toMatchObject({ code: 'backup_password' })
    for (const table of target.tables) expect(await table.count()).toBe(0)

    await expect(restoreStationBackup(source, backup.bytes, PASSWORD)).rejects.toMatchObject({ code: 'backup_not_empty' })
  })

  it('the desktop writes one backup a station day into the chosen folder, under the password typed when it was turned on', async () => {
    const source = await workingStation()
    const written = new Map<string, Uint8Array>()
    const folder: BackupFolder = {
      current: async () => 'D:\\备份',
      choose: async () => 'D:\\备份',
      write: async (name, bytes) => (written.set(name, bytes), `D:\\备份\\${name}`),
    }
    expect(await runDailyBackupIfDue(source, folder, MONDAY)).toBeNull()
    await enableDailyBackup(source, PASSWORD)
    // Kept sealed at rest: the raw row has no key in it.
    const raw = new Dexie(source.name)
    await raw.open()
    expect(await raw.table('meta').get('dailyBackupKey')).not.toHaveProperty('value')
    raw.close()
    expect(await runDailyBackupIfDue(source, folder, MONDAY)).toMatch(/20250303\.bmbak$/)
    expect(await runDailyBackupIfDue(source, folder, MONDAY)).toBeNull()
    expect(await runDailyBackupIfDue(source, folder, TUESDAY)).toMatch(/20250304\.bmbak$/)
    expect([...written.keys()]).toHaveLength(2)
    const target = newDb()
    await restoreStationBackup(target, [...written.values()][1]!, PASSWORD)
    expect(await target.intakes.count()).toBe(1)
    expect(await target.meta.get('dailyBackupKey')).toBeUndefined()
  })
})
