import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { readMeta } from '../../../src-renderer/db/meta'
import { StationDb } from '../../../src-renderer/db/station-db'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { sha256Hex } from '../../../shared/sha256'
import { pendingAttachments } from '../../../src-renderer/sync/upload-files'
import { clerk, MONDAY, draft, seedStation } from './fixtures'
import { createShippedDatabase } from './support/shipped-database'

describe('StationDb version 5 (attachments)', () => {
  it('opens a version-4 database: everything kept, an empty attachments table that takes an intake\u2019s files', async () => {
    const name = await createShippedDatabase(4, async (old) => {
      await old.table('meta').put({ key: 'pullCursor', value: '77' })
      await old.table('stationItems').put({ itemId: '532822000001' })
    })

    const db = new StationDb(name)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(5)
    expect(await readMeta(db, 'pullCursor')).toBe('77')
    expect(await db.stationItems.toArray()).toEqual([{ itemId: '532822000001' }])
    expect(await db.attachments.count()).toBe(0)

    await seedStation(db)
    const blob = new Blob(['户口簿首页'], { type: 'image/jpeg' })
    const sha256 = await sha256Hex(blob)
    const record = await submitIntake(db, draft(), {
      staff: clerk,
      now: () => MONDAY,
      attachments: [{ materialId: 'm2', sha256, filename: '户口簿.jpg', mime: 'image/jpeg', size: blob.size, blob }],
    })
    expect((await pendingAttachments(db)).map((row) => [row.intakeId, row.sha256])).toEqual([[record.id, sha256]])
    expect(await db.attachments.where('intakeId').equals(record.id).count()).toBe(1)
    db.close()
  })
})
