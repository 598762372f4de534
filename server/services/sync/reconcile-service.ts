import { reconcileDigest, type reconcileRequestSchema, type ReconcileResponse } from '../../../shared/protocol'
import type { z } from '../../../shared/zod'
import type { Database } from '../../db/database'
import { listHeldFilesOfDay } from '../../repositories/blob-repository'
import { findMutationHashes, listMutationHashesCreatedBetween } from '../../repositories/mutation-repository'
import type { DeviceIdentity } from '../stations/device-auth-service'

type ParsedReconcileRequest = z.output<typeof reconcileRequestSchema>

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * 日终对账 for the device's own station. A listed mutation is checked against everything
 * the county holds from that station (a mutation made late one day may arrive the next);
 * the digest covers what the county holds from the station for that day, so the station can
 * tell "the county holds exactly my day" from one comparison. The files the day's intakes name
 * and the county holds are listed too, so the station sends again any file the county lacks.
 */
export async function reconcileDay(db: Database, device: DeviceIdentity, request: ParsedReconcileRequest): Promise<ReconcileResponse> {
  const listed = new Map(request.mutations.map((mutation) => [mutation.id, mutation.payloadHash]))
  const known = new Map((await findMutationHashes(db, device.stationCode, [...listed.keys()])).map((row) => [row.id, row.payloadHash]))

  const lacking: string[] = []
  const differing: ReconcileResponse['differing'] = []
  for (const [id, stationHash] of listed) {
    const countyHash = known.get(id)
    if (countyHash === undefined) lacking.push(id)
    else if (countyHash !== stationHash) differing.push({ id, stationHash, countyHash })
  }

  const { from, to } = dayBounds(request.day, request.utcOffsetMinutes)
  const held = await listMutationHashesCreatedBetween(db, device.stationCode, from, to)
  return {
    day: request.day,
    lacking,
    differing,
    held: {
      count: held.length,
      digest: reconcileDigest(held),
      unlisted: held
        .filter((row) => !listed.has(row.id))
        .map((row) => row.id)
        .sort(),
    },
    files: { held: await listHeldFilesOfDay(db, device.stationCode, from, to) },
  }
}

/** The instants a station day begins and ends, at the station's offset from UTC. */
function dayBounds(day: string, utcOffsetMinutes: number): { from: Date; to: Date } {
  const from = new Date(Date.parse(`${day}T00:00:00.000Z`) - utcOffsetMinutes * 60_000)
  return { from, to: new Date(from.getTime() + DAY_MS) }
}
