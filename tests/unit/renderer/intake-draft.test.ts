import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { StationDb } from '../../../src-renderer/db/station-db'
import {
  discardIntakeDraft,
  loadIntakeDraft,
  NEW_INTAKE_DRAFT_ID,
  restoreIntakeDraftValues,
  saveIntakeDraft,
} from '../../../src-renderer/features/intake/intake-draft'
import type { IntakeFormValues } from '../../../src-renderer/db/intake-draft-record'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { UserError } from '../../../src-renderer/lib/user-error'
import { clerk, MONDAY, catalogItem, draft, freshDb, residentId, seedStation } from './fixtures'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

const halfFilled: IntakeFormValues = {
  itemId: catalogItem.id,
  applicantKind: 'person',
  person: { name: '岩温', idNumber: '5328221980', phone: '139' },
  organisation: { name: '曼真茶厂' },
  serviceMode: 'assisted',
  assistReason: 'elderly',
  materials: { m1: { status: 'provided' }, m2: { status: 'deferred', dueDate: '2025-03-07' } },
  staffName: '玉香',
}

describe('intake drafts', () => {
  it('saves the form as it is, half-typed, and reads it back', async () => {
    db = freshDb()
    expect(await loadIntakeDraft(db)).toBeNull()
    const saved = await saveIntakeDraft(db, halfFilled, { now: () => MONDAY })
    expect(saved).toEqual({ id: NEW_INTAKE_DRAFT_ID, values: halfFilled, savedAt: MONDAY.toISOString() })
    expect(await loadIntakeDraft(db)).toEqual(saved)

    // A later save replaces it: one draft per form.
    await saveIntakeDraft(db, { ...halfFilled, person: { name: '岩温', idNumber: residentId() } })
    expect(await db.drafts.count()).toBe(1)
    expect((await loadIntakeDraft(db))?.values.person?.idNumber).toBe(residentId())
  })

  it('放弃草稿 deletes it', async () => {
    db = freshDb()
    await saveIntakeDraft(db, halfFilled)
    await discardIntakeDraft(db)
    expect(await loadIntakeDraft(db)).toBeNull()
  })

  it('restores what still fits a form and drops what does not', async () => {
    db = freshDb()
    await db.drafts.put({
      id: NEW_INTAKE_DRAFT_ID,
      savedAt: MONDAY.toISOString(),
      values: {
        ...halfFilled,
        serviceMode: 'teleported',
        assistReason: 'bored',
        note: 'x'.repeat(5000),
        materials: { m1: { status: 'lost' }, m2: { status: 'deferred', dueDate: '2025-03-07' } },
      } as unknown as IntakeFormValues,
    })
    const restored = await loadIntakeDraft(db)
    expect(restored?.values).toMatchObject({ itemId: catalogItem.id, person: { name: '岩温' }, serviceMode: 'self', staffName: '玉香' })
    expect(restored?.values.assistReason).toBeUndefined()
    expect(restored?.values.note).toBeUndefined()
    expect(restored?.values.materials).toEqual({ m1: { status: undefined, dueDate: undefined }, m2: { status: 'deferred', dueDate: '2025-03-07' } })
  })

  it('reads a stored value that is no draft at all as no draft', async () => {
    db = freshDb()
    await db.drafts.put({ id: NEW_INTAKE_DRAFT_ID, savedAt: 42, values: 'garbage' } as never)
    expect(await loadIntakeDraft(db)).toBeNull()
  })
})

describe('restoreIntakeDraftValues', () => {
  it('keeps the chosen item and fills in the checklist for materials the draft lacks (unchosen, with the guide\u2019s form)', () => {
    const { values, itemDropped } = restoreIntakeDraftValues({ ...halfFilled, materials: { m2: { status: 'deferred', dueDate: '2025-03-07' } } }, [catalogItem])
    expect(itemDropped).toBe(false)
    expect(values.itemId).toBe(catalogItem.id)
    expect(values.materials).toEqual({
      m1: { form: 'original', count: 1 },
      m2: { status: 'deferred', dueDate: '2025-03-07', form: 'original', count: 1 },
      agentIdCard: { form: 'original', count: 1 },
    })
    expect(values.person).toEqual(halfFilled.person)
  })

  it('restores a draft saved before form and 份数 were recorded, with the guide\u2019s defaults, and keeps those it holds', async () => {
    db = freshDb()
    // As an older version of the form stored it: status and due date only.
    await db.drafts.put({ id: NEW_INTAKE_DRAFT_ID, savedAt: MONDAY.toISOString(), values: { ...halfFilled, materials: { m1: { status: 'provided' } } } })
    const old = await loadIntakeDraft(db)
    expect(old).not.toBeNull()
    expect(restoreIntakeDraftValues(old!.values, [catalogItem]).values.materials?.m1).toEqual({ status: 'provided', form: 'original', count: 1 })

    await saveIntakeDraft(db, { ...halfFilled, materials: { m1: { status: 'provided', form: 'copy', count: 3 } } })
    const kept = await loadIntakeDraft(db)
    expect(restoreIntakeDraftValues(kept!.values, [catalogItem]).values.materials?.m1).toEqual({ status: 'provided', form: 'copy', count: 3 })
  })

  it('drops an item that is no longer in use, with its materials, and says so', () => {
    const { values, itemDropped } = restoreIntakeDraftValues(halfFilled, [])
    expect(itemDropped).toBe(true)
    expect(values.itemId).toBeUndefined()
    expect(values.materials).toEqual({})
    expect(values.person).toEqual(halfFilled.person)
  })
})

describe('submitIntake with a draft', () => {
  it('deletes the draft in the same transaction as the intake', async () => {
    db = freshDb()
    await seedStation(db)
    await saveIntakeDraft(db, halfFilled)
    const record = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY, draftId: NEW_INTAKE_DRAFT_ID })
    expect(await db.intakes.get(record.id)).toBeDefined()
    expect(await loadIntakeDraft(db)).toBeNull()
  })

  it('keeps the draft, and writes nothing, when the intake is refused', async () => {
    db = freshDb()
    await seedStation(db)
    const saved = await saveIntakeDraft(db, halfFilled)
    const error = await submitIntake(db, draft({ applicant: { ...draft().applicant, phone: '123' } }), {
      staff: clerk,
      now: () => MONDAY,
      draftId: NEW_INTAKE_DRAFT_ID,
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserError)
    expect(await loadIntakeDraft(db)).toEqual(saved)
    expect(await db.intakes.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('keeps the draft when the write of the intake itself fails late in the transaction', async () => {
    db = freshDb()
    await seedStation(db)
    const saved = await saveIntakeDraft(db, halfFilled)
    // Fail at the last write (the audit entry), after the intake and outbox rows were added.
    db.audit.hook('creating', () => {
      throw new Error('disk error')
    })
    await expect(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY, draftId: NEW_INTAKE_DRAFT_ID })).rejects.toThrow('disk error')
    expect(await loadIntakeDraft(db)).toEqual(saved)
    expect(await db.intakes.count()).toBe(0)
  })

  it('saves no intake when deleting the draft fails: both or neither', async () => {
    db = freshDb()
    await seedStation(db)
    await saveIntakeDraft(db, halfFilled)
    db.drafts.hook('deleting', () => {
      throw new Error('disk error')
    })
    await expect(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY, draftId: NEW_INTAKE_DRAFT_ID })).rejects.toThrow('disk error')
    expect(await db.intakes.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.audit.count()).toBe(0)
    expect(await db.drafts.count()).toBe(1)
  })
})
