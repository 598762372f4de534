import { enrollRequestSchema, type EnrollResponse } from '../../../shared/protocol'
import { writeMeta } from '../../db/meta'
import type { StationDb } from '../../db/station-db'
import { isQuotaError, STORAGE_FULL_MESSAGE, UserError } from '../../lib/user-error'
import { CountyError, enrollAtCounty, normaliseCountyUrl, type FetchLike } from '../../sync/county-client'

type EnrollDeviceInput = {
  /** As typed by the clerk, e.g. "10.53.1.2:8080" or "https://zwfw.menghai.gov.cn". */
  countyUrl: string
  /** The one-time enrollment code the county operator issued. */
  code: string
  deviceName?: string
}

/**
 * Registers this device with the county (POST /enroll) and stores the county URL, the
 * device token, its id and the station in one transaction. Throws a UserError with a
 * Chinese message for anything the clerk can fix (address, network, code).
 */
export async function enrollDevice(db: StationDb, input: EnrollDeviceInput, options: { fetch?: FetchLike; now?: () => Date } = {}): Promise<EnrollResponse> {
  const countyUrl = normaliseCountyUrl(input.countyUrl)
  if (countyUrl === null) {
    throw new UserError('invalid_url', '县级服务器地址不正确，请填写如 http://10.53.1.2:8080 的地址', [
      { path: ['countyUrl'], message: '县级服务器地址不正确，请填写如 http://10.53.1.2:8080 的地址' },
    ])
  }
  const request = enrollRequestSchema.safeParse({ code: input.code, deviceName: input.deviceName })
  if (!request.success) {
    const issue = request.error.issues[0]!
    throw new UserError('invalid_code', issue.message, [{ path: issue.path, message: issue.message }])
  }

  let response: EnrollResponse
  try {
    response = await enrollAtCounty(countyUrl, request.data, { fetch: options.fetch })
  } catch (error) {
    if (!(error instanceof CountyError)) throw error
    // 401 carries the county's reason (code used, expired or unknown); show it as is.
    const field = error.kind === 'unauthorized' || error.kind === 'rejected' ? 'code' : 'countyUrl'
    throw new UserError(`enroll_${error.kind}` as const, error.message, [{ path: [field], message: error.message }])
  }

  const now = options.now ?? (() => new Date())
  try {
    await db.transaction('rw', [db.meta, db.audit], async () => {
      await writeMeta(db, 'countyUrl', countyUrl)
      await writeMeta(db, 'deviceToken', response.token)
      await writeMeta(db, 'deviceId', response.deviceId)
      await writeMeta(db, 'deviceNumber', response.deviceNumber)
      await writeMeta(db, 'station', response.station)
      await db.audit.add({ at: now().toISOString(), action: 'device.enroll', entityId: response.deviceId, detail: response.station.code })
    })
  } catch (error) {
    if (isQuotaError(error)) throw new UserError('storage_full', STORAGE_FULL_MESSAGE)
    throw error
  }
  return response
}
