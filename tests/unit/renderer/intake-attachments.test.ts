import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { intakeSubmitMutationSchema } from '../../../shared/protocol'
import type { StationDb } from '../../../src-renderer/db/station-db'
import type { NewAttachment } from '../../../src-renderer/features/attachments/new-attachments'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { sha256Hex } from '../../../shared/sha256'
import { UserError } from '../../../src-renderer/lib/user-error'
import { pendingAttachments } from '../../../src-renderer/sync/upload-files'
import { clerk, MONDAY, draft, freshDb, seedStation } from './fixtures'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

async function attachment(materialId: string, text: string, filename = `${text}.jpg`): Promise<NewAttachment> {
  const blob = new Blob([text], { type: 'image/jpeg' })
  return { materialId, sha256: await sha256Hex(blob), filename, mime: 'image/jpeg', size: blob.size, blob }
}

describe('an intake with attachments', () => {
  it('stores the files with the record and its outbox entry, names them by hash, and queues them for upload', async () => {
    db = freshDb()
    await seedStation(db)
    const idCard = await attachment('m1', '身份证正面')
    const idBack = await attachment('m1', '身份证反面')
    const household = await attachment('m2', '户口簿')
    // The same file added twice to one material is one attachment.
    const record = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY, attachments: [idCard, idBack, household, { ...idCard }] })

    expect(record.materials.map((material) => material.attachments)).toEqual([[idCard.sha256, idBack.sha256], [household.sha256]])
    const mutation = intakeSubmitMutationSchema.parse((await db.outbox.toArray())[0])
    expect(mutation.payload.materials[0]?.attachments).toEqual([idCard.sha256, idBack.sha256])

    const stored = await pendingAttachments(db)
    expect(stored).toHaveLength(3)
    expect(stored.map((row) => [row.materialId, row.filename, row.state, row.bytesConfirmed])).toEqual(
      expect.arrayContaining([
        ['m1', '身份证正面.jpg', 'pending', 0],
        ['m1', '身份证反面.jpg', 'pending', 0],
        ['m2', '户口簿.jpg', 'pending', 0],
      ]),
    )
    const kept = stored.find((row) => row.sha256 === household.sha256)!
    expect(kept.intakeId).toBe(record.id)
    expect(await kept.blob.text()).toBe('户口簿')
    expect(await sha256Hex(kept.blob)).toBe(household.sha256)
  })

  it('writes neither the intake nor its files when the intake is refused', async () => {
    db = freshDb()
    await seedStation(db)
    const stray = await attachment('not-a-material', '别的材料')
    const error = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY, attachments: [stray] }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toContain('不属于该事项')
    expect([await db.intakes.count(), await db.outbox.count(), await db.attachments.count()]).toEqual([0, 0, 0])
  })
})
