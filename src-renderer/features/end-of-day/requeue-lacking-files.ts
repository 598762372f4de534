import type { RecordError } from '../../../shared/station-records'
import type { StationDb } from '../../db/station-db'

const COUNTY_LACKS: RecordError = { code: 'county_lacks', message: '日终对账发现县级服务器没有该附件，已重新排队上传' }

/**
 * 日终对账 of files: every attachment of the day's intakes that this station counts as
 * uploaded but whose hash the county did not list as held goes back to the upload queue,
 * from the start. Sending again is safe: the files step asks `HEAD /blobs` first, so a file
 * the county does hold (named by an intake the county has not received yet) costs one probe.
 * Returns how many files were put back.
 */
export async function requeueFilesCountyLacks(db: StationDb, intakeIds: readonly string[], countyHolds: readonly string[]): Promise<number> {
  if (intakeIds.length === 0) return 0
  const held = new Set(countyHolds)
  return db.transaction('rw', db.attachments, async () => {
    const lacking = (
      await db.attachments
        .where('intakeId')
        .anyOf([...new Set(intakeIds)])
        .toArray()
    ).filter((row) => row.state === 'uploaded' && !held.has(row.sha256))
    for (const row of lacking) {
      await db.attachments.update(row.id, { state: 'pending', bytesConfirmed: 0, uploadUrl: undefined, uploadedAt: undefined, lastError: COUNTY_LACKS })
    }
    return lacking.length
  })
}
