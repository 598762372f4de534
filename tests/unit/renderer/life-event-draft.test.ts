import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lifeEventListSchema, type LifeEvent } from '../../../shared/life-event'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { saveDraftFiles } from '../../../src-renderer/features/attachments/draft-files'
import { saveIntakeDraft, loadIntakeDraft, NEW_INTAKE_DRAFT_ID } from '../../../src-renderer/features/intake/intake-draft'
import { buildBundleChecklist } from '../../../src-renderer/features/life-event/bundle-checklist'
import { submitLifeEventIntakes } from '../../../src-renderer/features/life-event/bundle-intake'
import {
  discardLifeEventDraft,
  LIFE_EVENT_DRAFT_ID,
  lifeEventDraftNotice,
  loadLifeEventDraft,
  restoreLifeEventDraft,
  saveLifeEventDraft,
} from '../../../src-renderer/features/life-event/life-event-draft'
import { initialLifeEventValues, toLifeEventDraft, type LifeEventFormValues } from '../../../src-renderer/features/life-event/life-event-form'
import { UserError } from '../../../src-renderer/lib/user-error'
import { demoCatalogItems } from './demo-catalog'
import { clerk, MONDAY, freshDb, residentId, seedStation } from './fixtures'
import { everyMaterialChosen } from './life-event-materials'

const birth: LifeEvent = lifeEventListSchema
  .parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../resources/catalog/menghai-life-events.json'), 'utf8')))
  .find((bundle) => bundle.id === 'birth')!

const BIRTH_REGISTRATION = '5328220400012' // 出生登记
const VACCINATION = '5328220500017' // 预防接种证办理
const MEDICAL_INSURANCE = '5328220500004' // 城乡居民基本医疗保险参保登记

const birthItems = () => demoCatalogItems().filter((item) => birth.itemIds.includes(item.id))

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

/** Half a sitting: three items chosen, the applicant partly typed, one shared material not brought. */
function halfFilled(): LifeEventFormValues {
  const values = initialLifeEventValues(buildBundleChecklist(birth, birthItems()))
  return {
    ...values,
    itemIds: [BIRTH_REGISTRATION, VACCINATION, MEDICAL_INSURANCE],
    person: { name: '玉罕', idNumber: '53282219', phone: '139' },
    serviceMode: 'proxy',
    assistReason: 'ill',
    proxyAuthorization: '授权委托书',
    note: '父亲代办',
    shared: { ...values.shared, s2: { status: 'missing' } },
  }
}

describe('一件事一次办 drafts', () => {
  it('saves the sitting half-typed, with its bundle and step, and reads it back apart from 新建办件’s draft', async () => {
    db = freshDb()
    expect(await loadLifeEventDraft(db)).toBeNull()
    await saveIntakeDraft(db, { applicantKind: 'person', serviceMode: 'self', person: { name: '岩温' } })
    const saved = await saveLifeEventDraft(db, { lifeEvent: birth, values: halfFilled(), step: 2 }, { now: () => MONDAY })
    expect(saved).toMatchObject({ id: LIFE_EVENT_DRAFT_ID, lifeEventId: 'birth', lifeEventName: '新生儿出生一件事', step: 2, savedAt: MONDAY.toISOString() })
    const loaded = await loadLifeEventDraft(db)
    expect(loaded?.values).toEqual(halfFilled())
    // The two forms' drafts live side by side: neither replaces nor reads the other.
    expect((await loadIntakeDraft(db, NEW_INTAKE_DRAFT_ID))?.values.person).toEqual({ name: '岩温' })
    await discardLifeEventDraft(db)
    expect(await loadLifeEventDraft(db)).toBeNull()
    expect(await loadIntakeDraft(db, NEW_INTAKE_DRAFT_ID)).not.toBeNull()
  })

  it('drops what no longer fits an odd or older shape and restores the rest', async () => {
    db = freshDb()
    await db.table('drafts').put({
      id: LIFE_EVENT_DRAFT_ID,
      lifeEventId: 'birth',
      // An older draft without the bundle's name, at a step that does not exist.
      step: 9,
      savedAt: MONDAY.toISOString(),
      values: {
        itemIds: [BIRTH_REGISTRATION, 42, VACCINATION],
        applicantKind: 'robot',
        person: { name: '玉罕', idNumber: 5328 },
        serviceMode: 'assisted',
        assistReason: 'bored',
        note: 'x'.repeat(2000),
        shared: { s0: { status: 'eLicence' }, s1: 'provided', s2: { status: 'lost', dueDate: '2025-03-07' } },
        own: { [VACCINATION]: 'none', [BIRTH_REGISTRATION]: { m1: { status: 'missing' }, m2: null } },
        leftover: true,
      },
    })
    const loaded = await loadLifeEventDraft(db)
    expect(loaded).not.toBeNull()
    expect(loaded).toMatchObject({ lifeEventId: 'birth', lifeEventName: '', step: 0 })
    expect(loaded!.values).toEqual({
      itemIds: [BIRTH_REGISTRATION, VACCINATION],
      applicantKind: 'person',
      person: { name: '玉罕', idNumber: undefined, phone: undefined, address: undefined },
      serviceMode: 'assisted',
      assistReason: undefined,
      assistNote: undefined,
      proxyAuthorization: undefined,
      organisation: undefined,
      note: undefined,
      shared: { s0: { status: 'eLicence', dueDate: undefined }, s2: { status: undefined, dueDate: '2025-03-07' } },
      own: { [BIRTH_REGISTRATION]: { m1: { status: 'missing', dueDate: undefined } }, [VACCINATION]: {} },
    })
    // A draft of another form under this id, or without a bundle, is no draft of this form.
    await db.table('drafts').put({ id: LIFE_EVENT_DRAFT_ID, values: {}, savedAt: MONDAY.toISOString() })
    expect(await loadLifeEventDraft(db)).toBeNull()
  })

  it('restores a draft whose item was withdrawn since: that item unchosen and named, the rest as typed, back at 选择事项', () => {
    const draft = { values: halfFilled(), step: 2 }
    const now = birthItems().map((item) => (item.id === VACCINATION ? { ...item, status: 'withdrawn' as const } : item))
    const restored = restoreLifeEventDraft(draft, buildBundleChecklist(birth, now))
    expect(restored.droppedItems).toEqual(['预防接种证办理'])
    expect(restored.values.itemIds).toEqual([BIRTH_REGISTRATION, MEDICAL_INSURANCE])
    expect(restored.step).toBe(0)
    expect(restored.values.person).toEqual({ name: '玉罕', idNumber: '53282219', phone: '139' })
    expect(restored.values).toMatchObject({ serviceMode: 'proxy', assistReason: 'ill', proxyAuthorization: '授权委托书', note: '父亲代办' })
    expect(restored.values.shared['s2']).toEqual({ status: 'missing' })

    // Unchanged catalog: everything back, at the step the clerk left.
    const same = restoreLifeEventDraft(draft, buildBundleChecklist(birth, birthItems()))
    expect(same).toMatchObject({ droppedItems: [], step: 2 })
    expect(same.values.itemIds).toEqual(draft.values.itemIds)

    // An item taken out of the bundle, or missing from this station's catalog, is named by its code.
    const smaller = { ...birth, itemIds: birth.itemIds.filter((id) => id !== MEDICAL_INSURANCE) }
    expect(restoreLifeEventDraft(draft, buildBundleChecklist(smaller, birthItems())).droppedItems).toEqual([MEDICAL_INSURANCE])
    const notHere = restoreLifeEventDraft(
      draft,
      buildBundleChecklist(
        birth,
        birthItems().filter((item) => item.id !== MEDICAL_INSURANCE),
      ),
    )
    expect(notHere.droppedItems).toEqual([MEDICAL_INSURANCE])
  })

  it('unsets a status the item no longer allows, so the clerk chooses again', () => {
    const checklist = buildBundleChecklist(birth, birthItems())
    const entry = checklist.items.find((candidate) => candidate.own.some((material) => material.necessity !== 'deferrable'))!
    const material = entry.own.find((candidate) => candidate.necessity !== 'deferrable')!
    const values = { ...halfFilled(), own: { [entry.item.id]: { [material.id]: { status: 'deferred' as const, dueDate: '2025-03-07' } } } }
    const restored = restoreLifeEventDraft({ values, step: 2 }, checklist)
    expect(restored.values.own[entry.item.id]?.[material.id]).toEqual({})
  })

  it('is deleted in the intakes’ transaction: kept when the submit is refused or fails part-way, gone once saved', async () => {
    db = freshDb()
    await seedStation(db)
    await db.catalogItems.bulkPut(birthItems().map(toCatalogItemRecord))
    const values: LifeEventFormValues = {
      ...halfFilled(),
      person: { name: '玉罕', idNumber: residentId(), phone: '13908812345', address: '勐海镇曼真村3组' },
      agent: { name: '岩三', idNumber: residentId('53282219700101003'), phone: '13908800000', relationship: '父亲' },
      ...everyMaterialChosen(buildBundleChecklist(birth, birthItems())),
    }
    values.shared = { ...values.shared, s0: { status: 'eLicence' }, agentIdCard: { status: 'provided' } }
    await saveLifeEventDraft(db, { lifeEvent: birth, values, step: 3 })
    const options = { staff: clerk, now: () => MONDAY, draftId: LIFE_EVENT_DRAFT_ID }

    // Refused before anything is written (the applicant's ID is cut short).
    const refused = await submitLifeEventIntakes(
      db,
      toLifeEventDraft({ ...values, person: { ...values.person, idNumber: '5328' } }, '玉香'),
      birth,
      options,
    ).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(UserError)
    expect(await loadLifeEventDraft(db)).not.toBeNull()

    // Fails after the draft's row is deleted (removing its files): the whole sitting rolls back, draft included.
    await saveDraftFiles(db, LIFE_EVENT_DRAFT_ID, [
      { materialId: 'm1', sha256: 'a'.repeat(64), filename: 'a.jpg', mime: 'image/jpeg', size: 3, originalSize: 3, blob: new Blob(['abc']) },
    ] as never)
    const failing = (): void => {
      throw new Error('disk gone')
    }
    db.draftFiles.hook('deleting', failing)
    const failed = await submitLifeEventIntakes(db, toLifeEventDraft(values, '玉香'), birth, options).catch((error: unknown) => error)
    db.draftFiles.hook('deleting').unsubscribe(failing)
    expect(failed).toBeInstanceOf(Error)
    expect(await loadLifeEventDraft(db)).not.toBeNull()
    expect(await db.intakes.count()).toBe(0)

    const records = await submitLifeEventIntakes(db, toLifeEventDraft(values, '玉香'), birth, options)
    expect(records).toHaveLength(3)
    expect(await loadLifeEventDraft(db)).toBeNull()
    expect(await db.draftFiles.count()).toBe(0)
  })

  it('tells 事项目录 which bundle the waiting draft is for, or that it has left this station’s catalog', () => {
    const draft = { lifeEventId: 'birth', lifeEventName: '新生儿出生一件事（旧名）' }
    expect(lifeEventDraftNotice(draft, [birth])).toEqual({ name: '新生儿出生一件事', available: true })
    expect(lifeEventDraftNotice(draft, [])).toEqual({ name: '新生儿出生一件事（旧名）', available: false })
  })
})
