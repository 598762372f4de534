import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { StationDb } from '../../../src-renderer/db/station-db'
import { loadDraftFiles, saveDraftFiles } from '../../../src-renderer/features/attachments/draft-files'
import { loadIntakeDraft, NEW_INTAKE_DRAFT_ID } from '../../../src-renderer/features/intake/intake-draft'
import { sha256Hex } from '../../../shared/sha256'
import { intakeRecord } from './intake-record-fixture'
import { createShippedDatabase } from './support/shipped-database'

describe('StationDb version 9', () => {
  it('opens a version-8 database: its intakes and draft stay, and draft files can be kept from now on', async () => {
    const intake = intakeRecord()
    // A draft from version 8: no form or 份数 on its materials, its files were only in memory.
    const values = { applicantKind: 'person', serviceMode: 'self', itemId: intake.item.id, materials: { m1: { status: 'provided' } } }
    const name = await createShippedDatabase(8, async (old) => {
      await old.table('intakes').add(intake)
      await old.table('drafts').put({ id: NEW_INTAKE_DRAFT_ID, savedAt: '2026-09-30T02:00:00.000Z', values })
    })

    const db = new StationDb(name)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(9)
    expect(await db.intakes.get(intake.id)).toEqual(intake)
    expect((await loadIntakeDraft(db))?.values).toMatchObject(values)
    expect(await db.draftFiles.count()).toBe(0)

    const blob = new Blob(['身份证正面'], { type: 'image/jpeg' })
    const sha256 = await sha256Hex(blob)
    await saveDraftFiles(db, NEW_INTAKE_DRAFT_ID, [
      { materialId: 'm1', sha256, filename: '身份证正面.jpg', mime: 'image/jpeg', size: blob.size, originalSize: blob.size, blob },
    ])
    expect((await loadDraftFiles(db, NEW_INTAKE_DRAFT_ID)).map((row) => row.sha256)).toEqual([sha256])
    db.close()
  })
})
