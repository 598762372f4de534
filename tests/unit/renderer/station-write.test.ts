import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { MutationInput } from '../../../shared/protocol'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { writeStationMutation, type StationWrite } from '../../../src-renderer/db/station-write'
import { UserError } from '../../../src-renderer/lib/user-error'
import { clerk, draft, freshDb, lead, MONDAY, seedStation } from './fixtures'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

const WITHDRAW_ID = '5b0c9c0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e'

/** A withdrawal written straight through the write path: the record change is a note on the intake. */
function withdrawal(intakeId: string, overrides: Partial<StationWrite<string>> = {}): StationWrite<string> {
  return {
    actor: clerk,
    action: 'intake.action',
    tables: [db.intakes],
    now: () => MONDAY,
    change: async ({ createdAt, actor }) => {
      await db.intakes.update(intakeId, { note: '申请人撤回' })
      return {
        mutation: {
          id: WITHDRAW_ID,
          type: 'intake.withdraw',
          entityId: intakeId,
          payload: { intakeId, reason: '不再需要', staffName: actor.displayName, createdAt },
          createdAt,
        },
        audit: { action: 'intake.withdraw', entityId: intakeId, detail: '撤回' },
        result: 'done',
      }
    },
    ...overrides,
  }
}

async function withIntake(): Promise<string> {
  db = freshDb()
  await seedStation(db)
  return (await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })).id
}

describe('the station write path', () => {
  it('writes the record change, its outbox entry and an audit entry naming the actor together', async () => {
    const intakeId = await withIntake()
    expect(await writeStationMutation(db, withdrawal(intakeId))).toBe('done')
    expect((await db.intakes.get(intakeId))?.note).toBe('申请人撤回')
    const queued = await db.outbox.where('id').equals(WITHDRAW_ID).first()
    expect(queued).toMatchObject({ type: 'intake.withdraw', entityId: intakeId, attempts: 0, createdAt: MONDAY.toISOString() })
    expect((await db.audit.toArray()).at(-1)).toEqual(
      expect.objectContaining({
        action: 'intake.withdraw',
        entityId: intakeId,
        at: MONDAY.toISOString(),
        staffName: '玉香',
        by: { staffId: clerk.id, username: 'yuxiang', role: 'clerk' },
      }),
    )
  })

  it('refuses an actor without the permission before touching anything', async () => {
    const intakeId = await withIntake()
    const before = [await db.outbox.count(), await db.audit.count()]
    const error = await writeStationMutation(db, withdrawal(intakeId, { actor: { ...clerk, role: 'agent' } })).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'forbidden_role', message: expect.stringContaining('综合窗口人员或站点负责人') })
    expect([await db.outbox.count(), await db.audit.count()]).toEqual(before)
    expect((await db.intakes.get(intakeId))?.note).toBeUndefined()
  })

  it('writes nothing when the change, the mutation schema or the disk fails', async () => {
    const intakeId = await withIntake()
    const before = [await db.outbox.count(), await db.audit.count()]
    const refused = withdrawal(intakeId, {
      change: async () => {
        await db.intakes.update(intakeId, { note: '写了一半' })
        throw new UserError('withdraw_refused', '该办件已办结，不能再撤回')
      },
    })
    await expect(writeStationMutation(db, refused)).rejects.toMatchObject({ code: 'withdraw_refused' })

    // A payload the shared schema refuses (no reason) aborts the record change too.
    const invalid = withdrawal(intakeId)
    const change = invalid.change
    invalid.change = async (context) => {
      const written = await change(context)
      const mutation = { ...written.mutation, payload: { intakeId, reason: '', staffName: '玉香', createdAt: context.createdAt } } as MutationInput
      return { ...written, mutation }
    }
    await expect(writeStationMutation(db, invalid)).rejects.toThrow()

    db.audit.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    await expect(writeStationMutation(db, withdrawal(intakeId, { actor: lead }))).rejects.toMatchObject({
      code: 'storage_full',
      message: '本机存储空间不足，数据未保存。请清理磁盘空间后重试，或联系技术支持',
    })
    expect([await db.outbox.count(), await db.audit.count()]).toEqual(before)
    expect((await db.intakes.get(intakeId))?.note).toBeUndefined()
  })
})
