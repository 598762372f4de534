import type { Database } from '../db/database'
import type { FileStore } from '../files/file-store'
import {
  ensureDataKeyRow,
  listStoredIntakeFields,
  listStoredMutationPayloads,
  listStoredPersonalChanges,
  listStoredReportPhones,
  markDataSealed,
  writeStoredChangeData,
  writeStoredIntakeFields,
  writeStoredMutationPayload,
  writeStoredReportPhone,
} from '../repositories/data-key-repository'
import { restartUnfinishedUploads } from '../repositories/upload-repository'
import type { CountyKeys } from './county-data-key'
import { intakeLookupHashes } from './intake-sealing'
import { DataKeyError, hasPlainPersonalField, isSealed, openPersonalFields, sealPersonalFields, sealText } from './personal-fields'

const BATCH = 500

export const WRONG_DATA_KEY =
  'COUNTY_DATA_KEY 与本县数据加密时所用的密钥不同，服务器未启动：请用原来的密钥启动（密钥丢失时，已加密的身份证号、电话和附件无法恢复）'

type AtRestLog = { info(details: object, message: string): void }

/**
 * Run at every start, before the server answers: refuses a key other than the one the data
 * was sealed with, then (once) seals what was stored before encryption: rows (SQL migrations
 * cannot, they do not hold the key) and finished files; unfinished uploads start again from 0
 * (their partial files were plain). Each pass is idempotent, so a start cut short does it again.
 */
export async function prepareCountyAtRest(db: Database, keys: CountyKeys, options: { store?: FileStore; log?: AtRestLog } = {}): Promise<void> {
  const row = await ensureDataKeyRow(db, keys.check)
  if (row.keyCheck !== keys.check) throw new DataKeyError(WRONG_DATA_KEY)
  if (row.rowsSealedAt === null) {
    const sealed = await sealLegacyRows(db, keys)
    await markDataSealed(db, 'rows', new Date())
    options.log?.info({ sealed }, 'personal fields of older rows sealed')
  }
  if (options.store !== undefined && row.filesSealedAt === null) {
    const store = options.store
    await db.transaction(async (tx) => {
      for (const id of await restartUnfinishedUploads(tx)) await store.discardPartial(id)
    })
    const files = await store.sealLegacyBlobs()
    await markDataSealed(db, 'files', new Date())
    options.log?.info({ files }, 'older attachments sealed')
  }
}

/** Seals personal fields still in plain text and fills intakes' lookup hashes; answers how many rows it changed. */
async function sealLegacyRows(db: Database, keys: CountyKeys): Promise<number> {
  let changed = 0

  for (let after: string | undefined, done = false; !done;) {
    done = await db.transaction(async (tx) => {
      const rows = await listStoredIntakeFields(tx, after, BATCH)
      for (const row of rows) {
        const hashes = intakeLookupHashes(keys, openPersonalFields(keys, row.payload))
        const stale = (Object.keys(hashes) as (keyof typeof hashes)[]).some((name) => hashes[name] !== row[name])
        if (!stale && !hasPlainPersonalField(row.payload) && !hasPlainPersonalField(row.handOver)) continue
        await writeStoredIntakeFields(tx, {
          id: row.id,
          payload: sealPersonalFields(keys, row.payload),
          handOver: row.handOver === null ? null : sealPersonalFields(keys, row.handOver),
          ...hashes,
        })
        changed++
      }
      after = rows.at(-1)?.id
      return rows.length < BATCH
    })
  }

  for (let after: { stationCode: string; id: string } | undefined, done = false; !done;) {
    done = await db.transaction(async (tx) => {
      const rows = await listStoredMutationPayloads(tx, after, BATCH)
      for (const row of rows) {
        if (!hasPlainPersonalField(row.payload)) continue
        await writeStoredMutationPayload(tx, { ...row, payload: sealPersonalFields(keys, row.payload) })
        changed++
      }
      const last = rows.at(-1)
      if (last) after = { stationCode: last.stationCode, id: last.id }
      return rows.length < BATCH
    })
  }

  for (let after = 0, done = false; !done;) {
    done = await db.transaction(async (tx) => {
      const rows = await listStoredPersonalChanges(tx, after, BATCH)
      for (const row of rows) {
        if (!hasPlainPersonalField(row.data)) continue
        await writeStoredChangeData(tx, { seq: row.seq, data: sealPersonalFields(keys, row.data) })
        changed++
      }
      after = rows.at(-1)?.seq ?? after
      return rows.length < BATCH
    })
  }

  for (let after: string | undefined, done = false; !done;) {
    done = await db.transaction(async (tx) => {
      const rows = await listStoredReportPhones(tx, after, BATCH)
      for (const row of rows) {
        if (isSealed(row.residentPhone)) continue
        await writeStoredReportPhone(tx, { id: row.id, residentPhone: sealText(keys, row.residentPhone) })
        changed++
      }
      after = rows.at(-1)?.id
      return rows.length < BATCH
    })
  }
  return changed
}
