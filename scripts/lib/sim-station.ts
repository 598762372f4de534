import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { canonicalJson } from '../../shared/canonical-json'
import type { OutboxEntry } from '../../shared/station-records'
import { residentIdCheckChar } from '../../shared/validators'
import type { StaffActor } from '../../src-renderer/db/staff-permissions'
import { StationDb } from '../../src-renderer/db/station-db'
import type { NewAttachment } from '../../src-renderer/features/attachments/new-attachments'
import { submitIntake, type IntakeDraft } from '../../src-renderer/features/intake/submit-intake'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { createCountyClient } from '../../src-renderer/sync/county-client'
import { sha256Hex } from '../../shared/sha256'
import { createSyncEngine, type SyncEngine, type SyncRoundResult } from '../../src-renderer/sync/sync-engine'
import { createFileUploader, pendingAttachments } from '../../src-renderer/sync/upload-files'
import { randomInt } from './prng'

/** The account a simulated station acts as: every station write names a signed-in staff member. */
const CLERK: StaffActor = { id: '2d7e5b1a-3c4f-4a6b-9d8e-7f6a5b4c3d2e', username: 'yuxiang', displayName: '玉香', role: 'clerk', stationCode: 'MHZMZ01' }

/** How often a simulated station's engine runs on its own; far shorter than in the app, to fit a run into seconds. */
type EngineTiming = { intervalMs: number; unreachableIntervalMs: number; retryBaseMs: number; timeoutMs: number }

const SIMULATION_TIMING: EngineTiming = { intervalMs: 100, unreachableIntervalMs: 200, retryBaseMs: 20, timeoutMs: 15_000 }

/** A mutation as the station made it: what the county must end up holding, once. */
type MadeMutation = { id: string; entityId: string; payload: string }

/**
 * One station device in Node: its own IndexedDB (a separate fake-indexeddb factory, as
 * separate as two machines), the real enrollment, the real `submitIntake`, and the real
 * sync engine talking to the county through the given address (a fault proxy).
 */
export type SimStation = {
  readonly code: string
  readonly db: StationDb
  readonly engine: SyncEngine
  readonly deviceId: string
  /** Every mutation that entered the outbox in a committed transaction, by id. */
  readonly made: ReadonlyMap<string, MadeMutation>
  /** Every attachment saved with a committed intake, by SHA-256: the bytes the county must end up with. */
  readonly filesMade: ReadonlyMap<string, Uint8Array>
  /** Syncs until the catalog has arrived (faults or not); a new device can take no intake before that. */
  firstSync(maxRounds?: number): Promise<void>
  makeIntake(): Promise<void>
  /** Stops the engine's timer and syncs until the outbox and the files are sent (or `maxRounds` rounds failed). */
  settle(maxRounds?: number): Promise<SyncRoundResult | undefined>
  close(): Promise<void>
}

export async function startSimStation(options: {
  code: string
  countyUrl: string
  enrollmentCode: string
  random: () => number
  timing?: EngineTiming
  /** Some intakes carry attachments (1 to 48 KB each), sent by tus in small chunks so faults meet them mid-file. */
  attachments?: boolean
}): Promise<SimStation> {
  const timing = options.timing ?? SIMULATION_TIMING
  const { random } = options
  const db = new StationDb(`sim-${options.code}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  const made = new Map<string, MadeMutation>()
  const filesMade = new Map<string, Uint8Array>()
  // Counts a mutation as made only when its transaction commits, as the clerk would see it saved.
  db.outbox.hook('creating', (_key, entry: OutboxEntry, transaction) => {
    transaction.on('complete', () => made.set(entry.id, { id: entry.id, entityId: entry.entityId, payload: canonicalJson(entry.payload) }))
  })
  const enrollment = await enrollDevice(db, { countyUrl: options.countyUrl, code: options.enrollmentCode, deviceName: `模拟设备 ${options.code}` })
  const engine = createSyncEngine({
    db,
    client: createCountyClient({ baseUrl: options.countyUrl, token: enrollment.token, timeoutMs: timing.timeoutMs, healthTimeoutMs: timing.timeoutMs }),
    intervalMs: timing.intervalMs,
    unreachableIntervalMs: timing.unreachableIntervalMs,
    retryBaseMs: timing.retryBaseMs,
    random,
    wakeUps: () => () => undefined,
    files: options.attachments
      ? createFileUploader({
          baseUrl: options.countyUrl,
          token: enrollment.token,
          chunkSize: SIM_CHUNK_SIZE,
          stallTimeoutMs: timing.timeoutMs,
          blobTimeoutMs: timing.timeoutMs,
          // tus-js-client's Node build reads Buffers, not Blobs.
          toUploadInput: async (blob) => Buffer.from(await blob.arrayBuffer()),
        })
      : undefined,
  })
  let serial = 0

  return {
    code: options.code,
    db,
    engine,
    deviceId: enrollment.deviceId,
    made,
    filesMade,
    async firstSync(maxRounds = 50) {
      for (let round = 0; round < maxRounds; round++) {
        const result = await engine.syncNow()
        if (result.ok && (await db.catalogItems.count()) > 0) return
      }
      throw new Error(`station ${options.code} got no catalog in ${maxRounds} rounds`)
    },
    async makeIntake() {
      // Only the station's 进驻事项: the county refuses an intake for any other item.
      const offered = new Set(await db.stationItems.toCollection().primaryKeys())
      const items = (await db.catalogItems.where('status').equals('active').toArray()).filter((item) => offered.has(item.id))
      if (items.length === 0) throw new Error(`station ${options.code} has no catalog or 进驻事项 yet`)
      const item = items[randomInt(random, 0, items.length - 1)]!
      serial++
      const first17 = `53282219500101${String(serial % 1000).padStart(3, '0')}`
      const draft: IntakeDraft = {
        itemId: item.id,
        applicant: { kind: 'person', name: '岩温', idNumber: first17 + residentIdCheckChar(first17), phone: '13908812345', address: '勐海镇曼真村' },
        serviceMode: 'self',
        materials: item.materials.map((material) => ({
          materialId: material.id,
          status: material.necessity === 'optional' ? ('notApplicable' as const) : ('provided' as const),
        })),
        staffName: '玉香',
      }
      const files =
        options.attachments && random() < 0.5
          ? await randomFiles(
              item.materials.map((material) => material.id),
              random,
            )
          : []
      await submitIntake(db, draft, { staff: CLERK, attachments: files.map((file) => file.attachment) })
      for (const file of files) filesMade.set(file.attachment.sha256, file.bytes)
    },
    async settle(maxRounds = 30) {
      engine.stop()
      let last: SyncRoundResult | undefined
      for (let round = 0; round < maxRounds; round++) {
        last = await engine.syncNow()
        if (last.ok && (await db.outbox.count()) === 0 && (await pendingAttachments(db)).length === 0) break
      }
      return last
    },
    async close() {
      engine.stop()
      db.close()
      await db.delete()
    },
  }
}

/** Small enough that a 48 KB file takes several requests, each of which may meet a fault. */
const SIM_CHUNK_SIZE = 8 * 1024

/** One or two files of seeded random bytes, on the item's first materials. */
async function randomFiles(materialIds: readonly string[], random: () => number): Promise<{ attachment: NewAttachment; bytes: Uint8Array }[]> {
  if (materialIds.length === 0) return []
  const count = Math.min(materialIds.length, randomInt(random, 1, 2))
  const files: { attachment: NewAttachment; bytes: Uint8Array }[] = []
  for (let index = 0; index < count; index++) {
    const bytes = new Uint8Array(randomInt(random, 1000, 48_000))
    for (let at = 0; at < bytes.length; at++) bytes[at] = Math.floor(random() * 256)
    const blob = new Blob([bytes], { type: 'image/jpeg' })
    const sha256 = await sha256Hex(blob)
    files.push({
      attachment: { materialId: materialIds[index]!, sha256, filename: `扫描件${index + 1}.jpg`, mime: 'image/jpeg', size: bytes.length, blob },
      bytes,
    })
  }
  return files
}
