import { ATTACHMENT_UPLOAD_STATE_LABELS, type StationAttachment } from '../../../shared/station-attachment'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StationDb } from '../../db/station-db'
import { formatBytes } from './attachment-rules'

/** One file of an intake as its detail page shows it: what it is and how much of it the county holds. */
export type AttachmentProgressRow = {
  id: string
  filename: string
  materialName: string
  sizeText: string
  stateLabel: string
  /** 0..100, from the bytes the county confirmed. */
  percent: number
  uploaded: boolean
  error: string | null
}

/** An intake's files, in the order of its materials. */
export async function loadIntakeAttachments(db: StationDb, intakeId: string): Promise<StationAttachment[]> {
  return db.attachments.where('intakeId').equals(intakeId).toArray()
}

export function attachmentProgressRows(intake: Pick<IntakeRecord, 'materials'>, rows: readonly StationAttachment[]): AttachmentProgressRow[] {
  const order = new Map(intake.materials.map((material, index) => [material.materialId, index]))
  const names = new Map(intake.materials.map((material) => [material.materialId, material.name]))
  return [...rows]
    .sort((a, b) => (order.get(a.materialId) ?? 0) - (order.get(b.materialId) ?? 0) || a.createdAt.localeCompare(b.createdAt))
    .map((row) => ({
      id: row.id,
      filename: row.filename,
      materialName: names.get(row.materialId) ?? row.materialId,
      sizeText: formatBytes(row.size),
      stateLabel: ATTACHMENT_UPLOAD_STATE_LABELS[row.state],
      percent: row.state === 'uploaded' ? 100 : Math.min(99, Math.floor((row.bytesConfirmed / row.size) * 100)),
      uploaded: row.state === 'uploaded',
      error: row.state === 'uploaded' ? null : (row.lastError?.message ?? null),
    }))
}

/** The status bar's line about files: how many wait, and while sending, the batch's bytes. */
export function fileBacklogText(progress: { waiting: number; bytesSent: number; bytesTotal: number; current: string | null }): string {
  if (progress.current !== null && progress.bytesTotal > 0) {
    return `附件上传中：${formatBytes(progress.bytesSent)} / ${formatBytes(progress.bytesTotal)}（待上传 ${progress.waiting} 个）`
  }
  return `待上传附件：${progress.waiting}`
}

export function batchPercent(progress: { bytesSent: number; bytesTotal: number }): number {
  return progress.bytesTotal === 0 ? 100 : Math.floor((progress.bytesSent / progress.bytesTotal) * 100)
}
