import { canonicalJson } from '../../shared/canonical-json'
import type { HeldIntake, HeldMutation } from './sim-county'
import type { SimStation } from './sim-station'

/**
 * The comparison a simulation ends with: mutations and intakes, and (when the county's
 * files can be read) the stations' attachments, each of which the county must hold
 * byte for byte.
 */
type SyncAudit = {
  /** Mutations the stations made (committed to their outboxes). */
  made: number
  /** Mutations the county holds for those stations. */
  onServer: number
  /** Extra copies on the county: a mutation or intake held more than once, or one no station made. */
  duplicates: number
  /** Made but not on the county as made: missing, or held with a different payload; also intakes missing. */
  lost: number
  /** Attachments the stations saved with their intakes (distinct per station and SHA-256). */
  filesMade: number
  /** Of those, the county holds (for that station) with exactly the bytes made. */
  filesOnServer: number
  /** Held by the county with other bytes than the station made. */
  corruptFiles: number
}

/** The bytes the county holds for a station's file, or null when it holds none. */
type CountyFileReader = (stationCode: string, sha256: string) => Promise<Uint8Array | null>

/** What the one JSON line does not carry, for the diagnosis on stderr. */
type SyncAuditDetail = {
  /** Station records not `synced`, plus mutations still in an outbox. */
  unsynced: number
  /** Station intakes whose status differs from the county's (the pull did not bring the last decision). */
  staleDecisions: number
}

export async function auditSync(
  stations: readonly SimStation[],
  held: { mutations: readonly HeldMutation[]; intakes: readonly HeldIntake[] },
  countyFile?: CountyFileReader,
): Promise<SyncAudit & SyncAuditDetail> {
  const made = new Map<string, { stationCode: string; payload: string }>()
  const madeIntakeIds = new Set<string>()
  for (const station of stations) {
    for (const mutation of station.made.values()) made.set(`${station.code}/${mutation.id}`, { stationCode: station.code, payload: mutation.payload })
    for (const intake of await station.db.intakes.toArray()) madeIntakeIds.add(intake.id)
  }

  let duplicates = 0
  let lost = 0
  const seen = new Map<string, number>()
  for (const mutation of held.mutations) {
    const key = `${mutation.stationCode}/${mutation.id}`
    seen.set(key, (seen.get(key) ?? 0) + 1)
    const original = made.get(key)
    if (original === undefined) duplicates++
    else if (canonicalJson(mutation.payload) !== asCountyKeepsIt(original.payload)) lost++
  }
  for (const [key, count] of seen) if (made.has(key)) duplicates += count - 1
  for (const key of made.keys()) if (!seen.has(key)) lost++

  const intakeCopies = new Map<string, number>()
  for (const intake of held.intakes) {
    const key = `${intake.stationCode}/${intake.intakeNo}`
    intakeCopies.set(key, (intakeCopies.get(key) ?? 0) + 1)
    if (!madeIntakeIds.has(intake.id)) duplicates++
  }
  for (const count of intakeCopies.values()) duplicates += count - 1
  const heldIntakeIds = new Set(held.intakes.map((intake) => intake.id))
  for (const id of madeIntakeIds) if (!heldIntakeIds.has(id)) lost++

  const statusById = new Map(held.intakes.map((intake) => [intake.id, intake.status]))
  let unsynced = 0
  let staleDecisions = 0
  for (const station of stations) {
    unsynced += await station.db.outbox.count()
    for (const intake of await station.db.intakes.toArray()) {
      if (intake.syncState !== 'synced') unsynced++
      const countyStatus = statusById.get(intake.id)
      if (countyStatus !== undefined && intake.status !== countyStatus) staleDecisions++
    }
  }

  let filesMade = 0
  let filesOnServer = 0
  let corruptFiles = 0
  if (countyFile) {
    for (const station of stations) {
      unsynced += await station.db.attachments.where('state').notEqual('uploaded').count()
      for (const [sha256, bytes] of station.filesMade) {
        filesMade++
        const kept = await countyFile(station.code, sha256)
        if (kept === null) lost++
        else if (Buffer.compare(Buffer.from(kept), Buffer.from(bytes)) === 0) filesOnServer++
        else corruptFiles++
      }
    }
  }

  return { made: made.size, onServer: held.mutations.length, duplicates, lost, filesMade, filesOnServer, corruptFiles, unsynced, staleDecisions }
}

/** The one line `npm run simulate` prints, fields in the documented order. */
export function auditLine(audit: SyncAudit): string {
  const { made, onServer, duplicates, lost, filesMade, filesOnServer, corruptFiles } = audit
  return JSON.stringify({ made, onServer, duplicates, lost, filesMade, filesOnServer, corruptFiles })
}

export function auditPassed(audit: SyncAudit & SyncAuditDetail): boolean {
  return (
    audit.lost === 0 &&
    audit.duplicates === 0 &&
    audit.corruptFiles === 0 &&
    audit.unsynced === 0 &&
    audit.staleDecisions === 0 &&
    audit.made === audit.onServer
  )
}

/**
 * A payload as the county stores it: an intake's 进度查询码 (`lookupKey`) is kept only as its hash
 * (server/services/intake/intake-submit-service.ts), so the stored payload goes without it.
 */
function asCountyKeepsIt(payloadJson: string): string {
  const payload = JSON.parse(payloadJson) as Record<string, unknown>
  if (!('lookupKey' in payload)) return payloadJson
  const { lookupKey: _kept, ...stored } = payload
  return canonicalJson(stored)
}
