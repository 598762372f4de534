import type { Readable } from 'node:stream'
import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import type { BlobRow } from '../../db/file-schema'
import type { FileStore } from '../../files/file-store'
import { findAnyBlob, findDepartmentBlob, findStationBlob } from '../../repositories/blob-repository'
import type { Operator } from '../../../shared/admin'
import type { DeviceIdentity } from '../stations/device-auth-service'
import { intakeDepartmentScope, OTHER_DEPARTMENT } from '../operators/operator-scope'

/**
 * Whether the county holds the file for the device's station: the row and the bytes on disk
 * (a files folder lost or moved makes the station upload again rather than trust a row).
 */
export async function stationHoldsBlob(db: Database, store: FileStore, device: DeviceIdentity, sha256: string): Promise<boolean> {
  const row = await findStationBlob(db, device.stationCode, sha256)
  return row !== undefined && (await store.hasBlob(sha256))
}

/** `open`: the file's plain bytes (the store decrypts them as they stream). */
type AdminFile = { open(): Readable; size: number; filename: string; mime: string }

/**
 * A file for the console's preview or download, whichever station sent it. A department
 * reviewer gets only files named by an intake of their department (403 otherwise).
 */
export async function adminFile(db: Database, store: FileStore, operator: Operator, sha256: string): Promise<AdminFile> {
  const row: BlobRow | undefined = await findAnyBlob(db, sha256)
  if (!row || !(await store.hasBlob(sha256))) throw new AppError('not_found', '县级服务器尚未收到该附件，站点可能还未上传')
  const department = intakeDepartmentScope(operator)
  if (department !== undefined && !(await findDepartmentBlob(db, sha256, department))) throw new AppError('forbidden', OTHER_DEPARTMENT)
  return { open: () => store.openBlob(sha256), size: row.size, filename: row.filename, mime: row.mime }
}
