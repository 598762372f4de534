import { Dexie, type DBCore, type DBCoreCursor, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie'
import { DataKeyLockedError, normaliseIdNumber, type DataKeyVault } from './data-key-vault'
import { bulkSealingAvailable, openManyBytes, sealManyBytes } from './bulk-sealing'
import { jsonBytes, openBytes, parseJsonBytes, sealBytes } from './sealing'

/** Where a sealed row keeps its ciphertext: the sealed JSON of its other fields, and each Blob field's bytes. */
export const SEALED_FIELD = '$sealed'
const SEALED_BLOBS_FIELD = '$sealedBlobs'

type Row = Record<string, unknown>
type BlobMarker = { $blobType: string }

/**
 * Which rows of which tables are sealed. Every field of a sealed row is ciphertext except its
 * primary key and indexed fields (IndexedDB must read those), so a field added later is sealed
 * without anyone remembering to list it. `meta` seals only the rows that are secrets or personal.
 */
const SEALED_ROWS: Record<string, (row: Row) => boolean> = {
  intakes: () => true,
  outbox: () => true,
  drafts: () => true,
  attachments: () => true,
  draftFiles: () => true,
  meta: (row) => typeof row.key === 'string' && (row.key === 'deviceToken' || row.key === 'dailyBackupKey' || row.key.startsWith('report:')),
}

export const SEALED_TABLES = Object.keys(SEALED_ROWS)

/**
 * From this many sealed rows in one write or read, the rows are sealed or opened with WebCrypto
 * (bulk-sealing.ts), native and far faster than the JavaScript; fewer stay synchronous, where the wait and the
 * transaction's keep-alive reads would cost more than they save.
 */
export const BULK_ROWS = 16

/**
 * A Dexie DBCore middleware: rows are sealed (AES-GCM, sealing.ts) on their way into IndexedDB
 * and opened on their way out, so feature code and the sync engine read and write plain objects.
 * Level 1 puts it below Dexie's hooks and the intake queue middleware (level 2, intake-queue-hooks.ts): they see plain intakes.
 *
 * A single row is sealed and opened synchronously. Reading a new Blob's bytes and bulk crypto
 * (BULK_ROWS or more rows) are asynchronous; meanwhile the transaction is kept alive with reads
 * of its own (a transaction with nothing pending commits), so nothing is written before all is
 * sealed, and a read is followed by more work in the same transaction as before.
 * Intakes also get `idNumberHashes`, the keyed hashes the ID-number search looks up.
 */
export function atRestMiddleware(vault: DataKeyVault): Middleware<DBCore> {
  // Blobs this middleware opened, with their sealed bytes: writing one back (an attachment's
  // upload state changes) reuses the ciphertext instead of reading and sealing the file again.
  let sealedBlobs = new WeakMap<Blob, Uint8Array>()
  vault.subscribe(() => {
    sealedBlobs = new WeakMap()
  })

  return {
    stack: 'dbcore',
    name: 'AtRestEncryption',
    level: 1,
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName)
        const sealsRow = SEALED_ROWS[tableName]
        if (sealsRow === undefined) return table
        const plainFields = new Set(
          [table.schema.primaryKey, ...table.schema.indexes].flatMap((index) => [index.keyPath ?? []].flat().map((path) => path.split('.')[0]!)),
        )
        const hasSecrets = (row: Row) => Object.keys(row).some((field) => !plainFields.has(field) && field !== SEALED_FIELD && field !== SEALED_BLOBS_FIELD)

        /** `open` decrypts one sealed value: synchronously by default, or looks it up among those opened in bulk. */
        const openRow = (row: unknown, open = (sealed: Uint8Array) => openBytes(vault.dataKey(), sealed)): unknown => {
          if (!isRow(row) || !(SEALED_FIELD in row) || vault.state !== 'unlocked') return row
          const secrets = parseJsonBytes(open(row[SEALED_FIELD] as Uint8Array)) as Row
          const blobs = (row[SEALED_BLOBS_FIELD] ?? {}) as Record<string, Uint8Array>
          const opened: Row = {}
          for (const [field, value] of Object.entries(row)) if (field !== SEALED_FIELD && field !== SEALED_BLOBS_FIELD) opened[field] = value
          for (const [field, value] of Object.entries(secrets)) {
            if (isBlobMarker(value)) {
              const blob = new Blob([open(blobs[field]!) as Uint8Array<ArrayBuffer>], { type: value.$blobType })
              sealedBlobs.set(blob, blobs[field]!)
              opened[field] = blob
            } else {
              opened[field] = value
            }
          }
          return opened
        }

        /** Opens `rows` (as openRow), in bulk with WebCrypto if there are enough sealed ones. */
        const openRows = (rows: unknown[], trans: DBCoreTransaction): unknown[] | Promise<unknown[]> => {
          const sealed = rows.filter((row) => isRow(row) && SEALED_FIELD in row) as Row[]
          if (sealed.length < BULK_ROWS || !bulkSealingAvailable() || vault.state !== 'unlocked') return rows.map((row) => openRow(row))
          const ciphertexts = sealed.flatMap((row) => [row[SEALED_FIELD], ...Object.values(row[SEALED_BLOBS_FIELD] ?? {})] as Uint8Array[])
          return keptAlive(openManyBytes(vault.dataKey(), ciphertexts), trans).then((plains) => {
            const plainOf = new Map(ciphertexts.map((ciphertext, index) => [ciphertext, plains[index]!]))
            return rows.map((row) => openRow(row, (ciphertext) => plainOf.get(ciphertext)!))
          })
        }

        /** A row as stored, but for its sealed JSON: the plain fields (and sealed files), and the JSON bytes of the rest to seal. */
        const prepareRow = (row: Row): { stored: Row; secrets: Uint8Array } => {
          // A row read while locked and changed since still carries its old ciphertext: keep what it sealed.
          const previous = SEALED_FIELD in row ? (openRow(row) as Row) : {}
          const merged: Row = { ...previous, ...row }
          delete merged[SEALED_FIELD]
          delete merged[SEALED_BLOBS_FIELD]
          if (tableName === 'intakes') merged.idNumberHashes = idNumberHashesOf(merged, vault)
          const stored: Row = {}
          const secrets: Row = {}
          const blobs: Record<string, Uint8Array> = {}
          for (const [field, value] of Object.entries(merged)) {
            if (plainFields.has(field)) stored[field] = value
            else if (value instanceof Blob) {
              secrets[field] = { $blobType: value.type } satisfies BlobMarker
              blobs[field] = sealedBlobs.get(value)!
            } else secrets[field] = value
          }
          if (Object.keys(blobs).length > 0) stored[SEALED_BLOBS_FIELD] = blobs
          return { stored, secrets: jsonBytes(secrets) }
        }

        const sealRow = (row: Row): Row => {
          const { stored, secrets } = prepareRow(row)
          return { ...stored, [SEALED_FIELD]: sealBytes(vault.dataKey(), secrets) }
        }

        /** Seals the rows marked in `toSeal`, in bulk with WebCrypto if there are enough and it is there. */
        const sealRows = (rows: Row[], toSeal: boolean[]): Row[] | Promise<Row[]> => {
          const count = toSeal.filter(Boolean).length
          if (count < BULK_ROWS || !bulkSealingAvailable()) return rows.map((row, index) => (toSeal[index] ? sealRow(row) : row))
          const prepared = rows.map((row, index) => (toSeal[index] ? prepareRow(row) : null))
          const secrets = prepared.flatMap((row) => (row === null ? [] : [row.secrets]))
          return sealManyBytes(vault.dataKey(), secrets).then((ciphertexts) => {
            let next = 0
            return prepared.map((row, index) => (row === null ? rows[index]! : { ...row.stored, [SEALED_FIELD]: ciphertexts[next++]! }))
          })
        }

        /** The Blobs of `rows` not opened by this middleware: their bytes must be read before sealing. */
        const freshBlobs = (rows: Row[]): Blob[] => {
          const fresh = new Set<Blob>()
          for (const row of rows) for (const value of Object.values(row)) if (value instanceof Blob && !sealedBlobs.has(value)) fresh.add(value)
          return [...fresh]
        }

        /**
         * Reads and seals new files, keeping the transaction alive meanwhile by reads of its own, and
         * seals them synchronously as soon as the bytes are read. Kept in this form, the one files
         * always used: the same read awaited inside the work handed to keptAlive made Chromium
         * (not fake-indexeddb) commit the transaction before the write, a PrematureCommitError in the
         * 补交材料 journey, which saves a file with the supplement. Why that form lost the
         * transaction was not found; bulk crypto, which awaits only WebCrypto, is not affected.
         */
        const sealFreshBlobs = async (fresh: Blob[], trans: DBCoreTransaction): Promise<void> => {
          const key = vault.dataKey()
          const reading = Promise.all(fresh.map((blob) => blob.arrayBuffer()))
          let done = false
          const finish = () => {
            done = true
          }
          reading.then(finish, finish)
          while (!done) await table.get({ trans, key: KEEP_ALIVE_KEY })
          const buffers = await reading
          fresh.forEach((blob, index) => sealedBlobs.set(blob, sealBytes(key, new Uint8Array(buffers[index]!))))
        }

        /**
         * Waits for `work` while keeping the transaction alive by reads of its own (IndexedDB commits
         * a transaction with nothing pending); those reads need no Dexie zone. The result comes back
         * through Dexie.Promise, which carries Dexie's zone to what follows.
         */
        const keptAlive = <T>(work: Promise<T>, trans: DBCoreTransaction): Promise<T> => {
          const waiting = async () => {
            let settled: { value: T } | { error: unknown } | undefined
            work.then(
              (value) => (settled = { value }),
              (error: unknown) => (settled = { error }),
            )
            while (settled === undefined) await table.get({ trans, key: KEEP_ALIVE_KEY })
            if ('error' in settled) throw settled.error
            return settled.value
          }
          return Dexie.Promise.resolve(waiting())
        }

        const sealedTable: DBCoreTable = {
          ...table,
          // Not async: Dexie's own middlewares below read the transaction from its zone, which a
          // native await loses; the waits (new files, bulk crypto) return through Dexie.Promise, which keeps it.
          mutate(request: DBCoreMutateRequest) {
            if ((request.type !== 'add' && request.type !== 'put') || vault.state === 'off') return table.mutate(request)
            const values = request.values as Row[]
            const toSeal = values.map((row) => isRow(row) && sealsRow(row) && hasSecrets(row))
            if (!toSeal.some(Boolean)) return table.mutate(request)
            if (vault.state !== 'unlocked') return Promise.reject(new DataKeyLockedError())
            const write = () => {
              const sealing = sealRows(values, toSeal)
              if (Array.isArray(sealing)) return table.mutate({ ...request, values: sealing })
              return keptAlive(sealing, request.trans).then((sealed) => table.mutate({ ...request, values: sealed }))
            }
            const fresh = freshBlobs(values.filter((_, index) => toSeal[index]))
            if (fresh.length === 0) return write()
            return Dexie.Promise.resolve(sealFreshBlobs(fresh, request.trans)).then(write)
          },
          // `.then`, not async/await: each extra tick risks losing Dexie's transaction zone.
          get: (request) => table.get(request).then((row) => openRow(row)),
          getMany: (request) => table.getMany(request).then((rows) => openRows(rows, request.trans)),
          query: (request) =>
            table.query(request).then((response) => {
              if (!request.values) return response
              const opened = openRows(response.result, request.trans)
              return Array.isArray(opened) ? { ...response, result: opened } : opened.then((result) => ({ ...response, result }))
            }),
          openCursor: (request) => table.openCursor(request).then((cursor) => (cursor === null || !request.values ? cursor : openingCursor(cursor, openRow))),
        }
        return sealedTable
      },
    }),
  }
}

/** Any valid key: the keep-alive reads need not find anything. */
const KEEP_ALIVE_KEY = '\u0000keep-alive'

function openingCursor(cursor: DBCoreCursor, openRow: (row: unknown) => unknown): DBCoreCursor {
  let raw: unknown
  let opened: unknown
  // key and primaryKey delegate too: on a native IDBCursor they are getters that refuse another `this`.
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: {
      get() {
        if (cursor.value !== raw) {
          raw = cursor.value
          opened = openRow(raw)
        }
        return opened
      },
    },
  }) as DBCoreCursor
}

function idNumberHashesOf(intake: Row, vault: DataKeyVault): string[] {
  const applicant = intake.applicant as { idNumber?: unknown } | undefined
  const idNumbers = [applicant?.idNumber].filter((value): value is string => typeof value === 'string' && value.trim() !== '')
  return [...new Set(idNumbers.map((idNumber) => vault.idNumberHash(normaliseIdNumber(idNumber))))]
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isBlobMarker(value: unknown): value is BlobMarker {
  return isRow(value) && typeof value.$blobType === 'string' && Object.keys(value).length === 1
}
