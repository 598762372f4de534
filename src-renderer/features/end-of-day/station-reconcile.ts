import { DATA_KEY_LOCKED_MESSAGE } from '../../db/data-key-vault'
import { readEnrollment } from '../../db/meta'
import type { StationDb } from '../../db/station-db'
import { createReconcileCall, type ReconcileCall } from '../../sync/county-client'
import { UserError } from '../../lib/user-error'

/** The reconcile call of this device, with the county address and token it enrolled with. */
export function stationReconcileCall(db: StationDb): ReconcileCall {
  return async (request) => {
    const enrollment = await readEnrollment(db)
    if (enrollment === null) throw new UserError('not_enrolled', '本设备尚未注册到县级服务器，不能对账')
    if (enrollment.deviceToken === null) throw new UserError('data_locked', DATA_KEY_LOCKED_MESSAGE)
    return createReconcileCall({ baseUrl: enrollment.countyUrl, token: enrollment.deviceToken })(request)
  }
}
