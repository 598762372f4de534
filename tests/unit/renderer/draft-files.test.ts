import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { deleteDraftFile, draftFilesUsage, loadDraftFiles, saveDraftFiles } from '../../../src-renderer/features/attachments/draft-files'
import type { PreparedAttachment } from '../../../src-renderer/features/attachments/prepare-attachment'
import { discardIntakeDraft, NEW_INTAKE_DRAFT_ID, saveIntakeDraft } from '../../../src-renderer/features/intake/intake-draft'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { sha256Hex } from '../../../shared/sha256'
import { clerk, MONDAY, catalogItem, draft, freshDb, seedStation } from './fixtures'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

async function file(materialId: string, text: string, originalSize = 5000): Promise<PreparedAttachment> {
  const blob = new Blob([text], { type: 'image/jpeg' })
  return { materialId, sha256: await sha256Hex(blob), filename: `${text}.jpg`, mime: 'image/jpeg', size: blob.size, originalSize, blob }
}

const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')

describe('files kept in a draft', () => {
  it('come back after a reload as they were added, and a removed one does not', async () => {
    db = freshDb()
    const front = await file('m1', '身份证正面')
    const back = await file('m1', '身份证反面')
    const household = await file('m2', '户口簿', 80_000)
    await saveDraftFiles(db, NEW_INTAKE_DRAFT_ID, [front, back])
    await saveDraftFiles(db, NEW_INTAKE_DRAFT_ID, [household])
    // Another draft's files are not this form's.
    await saveDraftFiles(db, 'another', [await file('m1', '别的草稿')])

    const restored = await loadDraftFiles(db, NEW_INTAKE_DRAFT_ID)
    expect(restored.map((row) => [row.materialId, row.filename, row.size, row.originalSize])).toEqual([
      ['m1', '身份证正面.jpg', front.size, 5000],
      ['m1', '身份证反面.jpg', back.size, 5000],
      ['m2', '户口簿.jpg', household.size, 80_000],
    ])
    expect(await restored[2]!.blob.text()).toBe('户口簿')
    expect(await sha256Hex(restored[2]!.blob)).toBe(household.sha256)

    await deleteDraftFile(db, NEW_INTAKE_DRAFT_ID, 'm1', back.sha256)
    expect((await loadDraftFiles(db, NEW_INTAKE_DRAFT_ID)).map((row) => row.filename)).toEqual(['身份证正面.jpg', '户口簿.jpg'])
    expect(await draftFilesUsage(db)).toEqual({ count: 3, bytes: front.size + household.size + (await file('m1', '别的草稿')).size })
  })

  it('keep nothing of a batch when the disk is full, and say so in Chinese', async () => {
    db = freshDb()
    let rows = 0
    db.draftFiles.hook('creating', () => {
      rows++
      if (rows === 2) throw quotaExceeded()
    })
    await expect(saveDraftFiles(db, NEW_INTAKE_DRAFT_ID, [await file('m1', '第一页'), await file('m1', '第二页')])).rejects.toMatchObject({
      code: 'storage_full',
      message: '本机存储空间不足，数据未保存。请清理磁盘空间后重试，或联系技术支持',
    })
    expect(await db.draftFiles.count()).toBe(0)
  })

  it('go with the draft when it is discarded', async () => {
    db = freshDb()
    await saveIntakeDraft(db, { applicantKind: 'person', serviceMode: 'self', itemId: catalogItem.id })
    await saveDraftFiles(db, NEW_INTAKE_DRAFT_ID, [await file('m1', '身份证正面')])
    await saveDraftFiles(db, 'another', [await file('m1', '别的草稿')])
    await discardIntakeDraft(db)
    expect(await db.drafts.count()).toBe(0)
    expect((await db.draftFiles.toArray()).map((row) => row.draftId)).toEqual(['another'])
  })
})

describe('submitIntake and the draft\u2019s files', () => {
  it('turns them into the intake\u2019s attachments and deletes them with the draft, in one transaction', async () => {
    db = freshDb()
    await seedStation(db)
    await saveIntakeDraft(db, { applicantKind: 'person', serviceMode: 'self', itemId: catalogItem.id })
    const front = await file('m1', '身份证正面')
    // A file of a material of another item the clerk chose first: not sent, but gone with the draft.
    const stray = await file('other-item-m1', '别的事项')
    await saveDraftFiles(db, NEW_INTAKE_DRAFT_ID, [front, stray])

    const restored = await loadDraftFiles(db, NEW_INTAKE_DRAFT_ID)
    const forItem = restored.filter((row) => catalogItem.materials.some((material) => material.id === row.materialId))
    const record = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY, draftId: NEW_INTAKE_DRAFT_ID, attachments: forItem })

    expect(record.materials[0]?.attachments).toEqual([front.sha256])
    expect((await db.attachments.toArray()).map((row) => [row.intakeId, row.filename])).toEqual([[record.id, '身份证正面.jpg']])
    expect(await db.draftFiles.count()).toBe(0)
    expect(await db.drafts.count()).toBe(0)
  })

  it('keeps the draft\u2019s files when the intake is refused', async () => {
    db = freshDb()
    await seedStation(db)
    await saveIntakeDraft(db, { applicantKind: 'person', serviceMode: 'self', itemId: catalogItem.id })
    const front = await file('m1', '身份证正面')
    await saveDraftFiles(db, NEW_INTAKE_DRAFT_ID, [front])
    const late = draft({
      materials: [
        { materialId: 'm1', status: 'provided' },
        { materialId: 'm2', status: 'deferred', dueDate: '2025-12-31' },
      ],
    })
    await expect(submitIntake(db, late, { staff: clerk, now: () => MONDAY, draftId: NEW_INTAKE_DRAFT_ID, attachments: [front] })).rejects.toMatchObject({
      code: 'invalid_intake',
    })
    expect((await loadDraftFiles(db, NEW_INTAKE_DRAFT_ID)).map((row) => row.sha256)).toEqual([front.sha256])
    expect([await db.intakes.count(), await db.attachments.count(), await db.drafts.count()]).toEqual([0, 0, 1])
  })

  it('writes nothing, and keeps the draft\u2019s files, when the disk fills up while deleting them', async () => {
    db = freshDb()
    await seedStation(db)
    await saveIntakeDraft(db, { applicantKind: 'person', serviceMode: 'self', itemId: catalogItem.id })
    const front = await file('m1', '身份证正面')
    await saveDraftFiles(db, NEW_INTAKE_DRAFT_ID, [front])
    // The last step of the transaction fails: everything before it must roll back.
    db.draftFiles.hook('deleting', () => {
      throw quotaExceeded()
    })
    await expect(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY, draftId: NEW_INTAKE_DRAFT_ID, attachments: [front] })).rejects.toMatchObject({
      code: 'storage_full',
    })
    expect([await db.intakes.count(), await db.outbox.count(), await db.attachments.count(), await db.audit.count()]).toEqual([0, 0, 0, 0])
    expect([await db.drafts.count(), await db.draftFiles.count()]).toEqual([1, 1])
  })
})
