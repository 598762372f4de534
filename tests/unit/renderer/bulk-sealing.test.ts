import 'fake-indexeddb/auto'
import { Dexie, liveQuery } from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { IntakeRecord } from '../../../shared/station-records'
import { BULK_ROWS, SEALED_FIELD } from '../../../src-renderer/db/at-rest-middleware'
import { openManyBytes, sealManyBytes } from '../../../src-renderer/db/bulk-sealing'
import { DataKeyLockedError } from '../../../src-renderer/db/data-key-vault'
import { createDataKey, openBytes, SealBrokenError, sealBytes } from '../../../src-renderer/db/sealing'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { freshDb } from './fixtures'
import { intakeRecord } from './intake-record-fixture'

let db: StationDb | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  await db?.delete()
  db = undefined
})

const bytes = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 7) % 256)

describe('bulk sealing (WebCrypto) writes the bytes sealing.ts writes', () => {
  const plains = [bytes(0), bytes(1), bytes(1500), bytes(70_000)]

  it('what WebCrypto seals, noble opens, and the other way round', async () => {
    const key = createDataKey()
    const sealed = await sealManyBytes(key, plains)
    sealed.forEach((value, index) => {
      expect(value[0]).toBe(1)
      expect(value.length).toBe(1 + 12 + plains[index]!.length + 16)
      expect(openBytes(key, value)).toEqual(plains[index])
    })
    expect(
      await openManyBytes(
        key,
        plains.map((plain) => sealBytes(key, plain)),
      ),
    ).toEqual(plains)
  })

  it('gives every value its own random nonce, beyond what one getRandomValues call fills', async () => {
    const sealed = await sealManyBytes(
      createDataKey(),
      Array.from({ length: 6000 }, () => bytes(1)),
    )
    const nonces = new Set(sealed.map((value) => Buffer.from(value.subarray(1, 13)).toString('hex')))
    expect(nonces.size).toBe(6000)
  })

  it('refuses another key and altered bytes with SealBrokenError', async () => {
    const key = createDataKey()
    const [sealed] = await sealManyBytes(key, [bytes(40)])
    await expect(openManyBytes(createDataKey(), [sealed!])).rejects.toBeInstanceOf(SealBrokenError)
    const altered = sealed!.slice()
    altered[20]! ^= 1
    await expect(openManyBytes(key, [altered])).rejects.toBeInstanceOf(SealBrokenError)
    await expect(openManyBytes(key, [altered.subarray(0, 20)])).rejects.toBeInstanceOf(SealBrokenError)
  })
})

const intakes = (count: number, staffName = '玉香'): IntakeRecord[] =>
  Array.from({ length: count }, (_, index) =>
    intakeRecord({
      id: `7d444840-9dc0-41ff-9d4c-${String(index).padStart(12, '0')}`,
      intakeNo: `MHMZ01-20260930-ASC${String(index).padStart(4, '0')}`,
      staffName,
    }),
  )

/** A station database whose data key is in memory (as after a sign-in). */
function unlockedDb(): StationDb {
  const station = freshDb()
  station.dataKeys.unlock(createDataKey())
  return station
}

async function rawIntakes(name: string): Promise<Record<string, unknown>[]> {
  const raw = new Dexie(name)
  await raw.open()
  try {
    return await raw.table('intakes').toArray()
  } finally {
    raw.close()
  }
}

const byId = (rows: IntakeRecord[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id))
// What the middleware (ID-number hashes) and the queue hooks (due dates) add to an intake.
const withoutDerived = (intake: IntakeRecord) => {
  const { idNumberHashes: _hashes, openDueDate: _open, residentDueDate: _resident, ...rest } = intake as IntakeRecord & { idNumberHashes?: string[] }
  return rest
}

function spyOnWebCrypto() {
  return { encrypt: vi.spyOn(crypto.subtle, 'encrypt'), decrypt: vi.spyOn(crypto.subtle, 'decrypt') }
}

describe(`the at-rest middleware seals and opens ${BULK_ROWS} or more rows at once with WebCrypto`, () => {
  it('round trip: bulkAdd, toArray, bulkGet and a query of an index; raw rows hold no name; the hooks and the index fields see plain intakes', async () => {
    db = unlockedDb()
    const webCrypto = spyOnWebCrypto()
    const records = intakes(40)
    await db.intakes.bulkAdd(records)
    expect(webCrypto.encrypt).toHaveBeenCalledTimes(40)

    const raw = await rawIntakes(db.name)
    expect(raw).toHaveLength(40)
    expect(JSON.stringify(raw)).not.toContain('岩温')
    expect(raw.every((row) => SEALED_FIELD in row && typeof row.openDueDate === 'string' && (row.idNumberHashes as string[]).length === 1)).toBe(true)

    expect(byId(await db.intakes.toArray()).map(withoutDerived)).toEqual(byId(records).map(withoutDerived))
    expect(webCrypto.decrypt).toHaveBeenCalledTimes(40)
    expect((await db.intakes.bulkGet(records.map((record) => record.id))).map((intake) => intake!.applicant)).toEqual(records.map((record) => record.applicant))
    expect(await db.intakes.where('syncState').equals('pending').count()).toBe(40)
    expect((await db.intakes.where('intakeNo').startsWith('MHMZ01').toArray()).every((intake) => intake.applicant.name === '岩温')).toBe(true)

    // Updating them all: Dexie's updating hook reads the stored rows (a bulk getMany) and must see them plain.
    await db.intakes.bulkPut(records.map((record) => ({ ...record, staffName: '岩罕' })))
    expect(new Set((await db.intakes.toArray()).map((intake) => intake.staffName))).toEqual(new Set(['岩罕']))

    // A single row stays synchronous.
    webCrypto.decrypt.mockClear()
    webCrypto.encrypt.mockClear()
    await db.intakes.put({ ...records[0]!, staffName: '玉香' })
    expect((await db.intakes.get(records[0]!.id))?.staffName).toBe('玉香')
    expect(webCrypto.encrypt).not.toHaveBeenCalled()
    expect(webCrypto.decrypt).not.toHaveBeenCalled()
  })

  it('rows sealed one by one open in bulk, and rows sealed in bulk open one by one', async () => {
    db = unlockedDb()
    const webCrypto = spyOnWebCrypto()
    const oneByOne = intakes(BULK_ROWS)
    for (const record of oneByOne) await db.intakes.add(record)
    expect(webCrypto.encrypt).not.toHaveBeenCalled()
    expect(byId(await db.intakes.toArray()).map(withoutDerived)).toEqual(byId(oneByOne).map(withoutDerived))
    expect(webCrypto.decrypt).toHaveBeenCalledTimes(BULK_ROWS)

    const inBulk = intakes(BULK_ROWS, '岩罕')
    await db.intakes.bulkPut(inBulk)
    expect(webCrypto.encrypt).toHaveBeenCalledTimes(BULK_ROWS)
    webCrypto.decrypt.mockClear()
    for (const record of inBulk) expect(withoutDerived((await db.intakes.get(record.id))!)).toEqual(withoutDerived(record))
    expect(webCrypto.decrypt).not.toHaveBeenCalled()
  })

  it('a bulk read inside a read-write transaction is followed by writes in the same transaction (it was kept alive)', async () => {
    db = unlockedDb()
    const station = db
    const webCrypto = spyOnWebCrypto()
    await station.intakes.bulkAdd(intakes(30))
    await station.transaction('rw', station.intakes, async () => {
      const stored = await station.intakes.toArray()
      await station.intakes.bulkPut(stored.map((intake) => ({ ...intake, staffName: '岩罕' })))
      const again = await station.intakes.where('syncState').equals('pending').toArray()
      await station.intakes.put({ ...again[0]!, staffName: '玉罕' })
    })
    // Opened in bulk twice: the toArray and the query. The puts read nothing back (no Dexie hook
    // on intakes: the queue fields come from the row written, intake-queue-hooks.ts).
    expect(webCrypto.decrypt).toHaveBeenCalledTimes(60)
    const names = (await station.intakes.toArray()).map((intake) => intake.staffName).sort()
    expect(names).toEqual([...Array<string>(29).fill('岩罕'), '玉罕'].sort())
  })

  it('a bulk write whose sealing fails writes nothing, not even what its transaction wrote before', async () => {
    db = unlockedDb()
    const station = db
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle)
    let calls = 0
    vi.spyOn(crypto.subtle, 'encrypt').mockImplementation((...args) => (++calls === 10 ? Promise.reject(new Error('encrypt failed')) : encrypt(...args)))
    const [first, ...rest] = intakes(BULK_ROWS + 1)
    await expect(station.intakes.bulkPut(rest)).rejects.toThrow('encrypt failed')
    expect(await station.intakes.count()).toBe(0)

    calls = 0
    await expect(
      station.transaction('rw', station.intakes, async () => {
        await station.intakes.add(first!)
        await station.intakes.bulkPut(rest)
      }),
    ).rejects.toThrow('encrypt failed')
    expect(await station.intakes.count()).toBe(0)
  })

  it('another key refuses bulk and single reads with SealBrokenError; a locked vault refuses a bulk write and writes nothing', async () => {
    db = unlockedDb()
    const records = intakes(20)
    await db.intakes.bulkAdd(records)
    db.dataKeys.unlock(createDataKey())
    await expect(db.intakes.toArray()).rejects.toBeInstanceOf(SealBrokenError)
    await expect(db.intakes.bulkGet(records.map((record) => record.id))).rejects.toBeInstanceOf(SealBrokenError)
    await expect(db.intakes.get(records[0]!.id)).rejects.toBeInstanceOf(SealBrokenError)

    db.dataKeys.lock()
    await expect(db.intakes.bulkPut(intakes(20, '岩罕'))).rejects.toBeInstanceOf(DataKeyLockedError)
    // Locked reads show the plain fields only, as before.
    expect((await db.intakes.toArray()).map((intake) => [intake.staffName, intake.applicant])).toEqual(records.map(() => [undefined, undefined]))
  })

  it('a live query sees the plain rows, before and after a bulk write', async () => {
    db = unlockedDb()
    const station = db
    await station.intakes.bulkAdd(intakes(20))
    const seen: string[][] = []
    const subscription = liveQuery(() => station.intakes.toArray()).subscribe((rows) => seen.push([...new Set(rows.map((intake) => intake.staffName))]))
    await vi.waitFor(() => expect(seen).toEqual([['玉香']]))
    await station.intakes.bulkPut(intakes(20, '岩罕'))
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['岩罕']))
    subscription.unsubscribe()
  })

  it('without crypto.subtle (a page over plain http) rows are sealed and opened as before, and open with WebCrypto later', async () => {
    db = unlockedDb()
    const records = intakes(30)
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) })
    expect(globalThis.crypto.subtle).toBeUndefined()
    await db.intakes.bulkAdd(records)
    expect(byId(await db.intakes.toArray()).map(withoutDerived)).toEqual(byId(records).map(withoutDerived))
    expect(JSON.stringify(await rawIntakes(db.name))).not.toContain('岩温')

    vi.unstubAllGlobals()
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt')
    expect(byId(await db.intakes.toArray()).map(withoutDerived)).toEqual(byId(records).map(withoutDerived))
    expect(decrypt).toHaveBeenCalledTimes(30)
  })
})
