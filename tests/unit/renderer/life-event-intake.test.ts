import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lifeEventListSchema, type LifeEvent } from '../../../shared/life-event'
import { intakeSubmitMutationSchema } from '../../../shared/protocol'
import { intakeSequenceKey } from '../../../shared/station-records'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { submitLifeEventIntakes, type LifeEventIntakeDraft } from '../../../src-renderer/features/life-event/bundle-intake'
import { loadBundleIntakes } from '../../../src-renderer/features/life-event/bundle-siblings'
import { UserError } from '../../../src-renderer/lib/user-error'
import { buildBundleChecklist } from '../../../src-renderer/features/life-event/bundle-checklist'
import { demoCatalogItems } from './demo-catalog'
import { everyMaterialChosen } from './life-event-materials'
import { clerk, MONDAY, freshDb, residentId, seedStation } from './fixtures'

const birth: LifeEvent = lifeEventListSchema
  .parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../resources/catalog/menghai-life-events.json'), 'utf8')))
  .find((bundle) => bundle.id === 'birth')!

const BIRTH_REGISTRATION = '5328220400012' // 出生登记
const VACCINATION = '5328220500017' // 预防接种证办理
const MEDICAL_INSURANCE = '5328220500004' // 城乡居民基本医疗保险参保登记
const FAMILY_REGISTRATION = '5328220500014' // 生育登记

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

async function seedBirthItems(status: { [id: string]: 'suspended' | 'withdrawn' } = {}): Promise<void> {
  db = freshDb()
  await seedStation(db)
  const items = demoCatalogItems().filter((item) => birth.itemIds.includes(item.id))
  await db.catalogItems.bulkPut(items.map((item) => toCatalogItemRecord({ ...item, status: status[item.id] ?? item.status })))
}

/** A sitting with every material set (they start unchosen); `shared` and `own` overrides are merged in. */
function bundleDraft(overrides: Partial<LifeEventIntakeDraft> = {}): LifeEventIntakeDraft {
  const chosen = everyMaterialChosen(buildBundleChecklist(birth, demoCatalogItems()))
  const own = Object.fromEntries(Object.entries(chosen.own).map(([itemId, materials]) => [itemId, { ...materials, ...overrides.own?.[itemId] }]))
  return {
    itemIds: [BIRTH_REGISTRATION, VACCINATION, MEDICAL_INSURANCE],
    applicant: { kind: 'person', name: '玉罕', idNumber: residentId(), phone: '13908812345', address: '勐海镇曼真村3组' },
    serviceMode: 'self',
    staffName: '玉香',
    ...overrides,
    shared: { ...chosen.shared, ...overrides.shared },
    own,
  }
}

async function written(): Promise<{ intakes: number; outbox: number; audit: number; counter: unknown }> {
  return {
    intakes: await db.intakes.count(),
    outbox: await db.outbox.count(),
    audit: await db.audit.count(),
    counter: (await db.meta.get(intakeSequenceKey('20250303')))?.value,
  }
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

describe('submitLifeEventIntakes', () => {
  it('makes one intake per chosen item, with one applicant, the shared statuses and one bundle id', async () => {
    await seedBirthItems()
    // s0 is 出生医学证明: checked as an electronic licence once, for all three items.
    const records = await submitLifeEventIntakes(db, bundleDraft({ shared: { s0: { status: 'eLicence' } } }), birth, { staff: clerk, now: () => MONDAY })

    expect(records.map((record) => record.item.name)).toEqual(['城乡居民基本医疗保险参保登记', '出生登记', '预防接种证办理'])
    expect(new Set(records.map((record) => record.intakeNo)).size).toBe(3)
    expect(records.map((record) => record.intakeNo)).toEqual(['MHMZ01-20250303-ASC0001', 'MHMZ01-20250303-ASC0002', 'MHMZ01-20250303-ASC0003'])
    const bundleIds = new Set(records.map((record) => record.lifeEvent?.bundleId))
    expect(bundleIds.size).toBe(1)
    for (const record of records) {
      expect(record.lifeEvent).toMatchObject({ id: 'birth', name: '新生儿出生一件事', itemCount: 3 })
      expect(record.applicant).toMatchObject({ name: '玉罕', idNumber: residentId() })
      expect(record.materials.find((material) => material.name === '出生医学证明')?.status).toBe('eLicence')
    }
    // The item's own materials as the clerk set them: 医保's optional 居住证 is not applicable.
    expect(records[0]!.materials.find((material) => material.name === '居住证')?.status).toBe('notApplicable')

    const mutations = (await db.outbox.toArray()).map((entry) => intakeSubmitMutationSchema.parse(entry))
    expect(mutations.map((mutation) => mutation.payload.lifeEvent?.bundleId)).toEqual(records.map((record) => record.lifeEvent?.bundleId))
    expect(await written()).toEqual({ intakes: 3, outbox: 3, audit: 3, counter: 3 })

    // The detail page's sibling list: the sitting's intakes, and not a later sitting's.
    const later = await submitLifeEventIntakes(db, bundleDraft({ itemIds: [BIRTH_REGISTRATION, VACCINATION] }), birth, { staff: clerk, now: () => MONDAY })
    expect((await loadBundleIntakes(db, records[1]!)).map((record) => record.intakeNo)).toEqual(records.map((record) => record.intakeNo))
    expect((await loadBundleIntakes(db, later[0]!)).map((record) => record.id)).toEqual(later.map((record) => record.id))
    expect(await loadBundleIntakes(db, { ...records[0]!, lifeEvent: undefined })).toEqual([])
  })

  it('writes nothing and uses no number when one item is withdrawn, and names that item', async () => {
    await seedBirthItems({ [FAMILY_REGISTRATION]: 'withdrawn' })
    const error = await refusal(
      submitLifeEventIntakes(db, bundleDraft({ itemIds: [BIRTH_REGISTRATION, FAMILY_REGISTRATION, VACCINATION] }), birth, { staff: clerk, now: () => MONDAY }),
    )
    expect(error.code).toBe('item_unavailable')
    expect(error.message).toContain('生育登记')
    expect(error.issues).toEqual([{ path: ['items', FAMILY_REGISTRATION], message: '“生育登记”已取消办理，不能新建办件' }])
    expect(await written()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })

    // Left out, the rest of the bundle goes through.
    const records = await submitLifeEventIntakes(db, bundleDraft({ itemIds: [BIRTH_REGISTRATION, VACCINATION] }), birth, { staff: clerk, now: () => MONDAY })
    expect(records.map((record) => record.intakeNo)).toEqual(['MHMZ01-20250303-ASC0001', 'MHMZ01-20250303-ASC0002'])
  })

  it('reports an invalid applicant once, for the whole sitting, and writes nothing', async () => {
    await seedBirthItems()
    const badId = `${residentId().slice(0, 17)}${residentId().endsWith('0') ? '1' : '0'}`
    const error = await refusal(
      submitLifeEventIntakes(
        db,
        bundleDraft({ applicant: { kind: 'person', name: '玉罕', idNumber: badId, phone: '13908812345', address: '曼真村' } }),
        birth,
        { staff: clerk, now: () => MONDAY },
      ),
    )
    expect(error.code).toBe('invalid_intake')
    const idIssues = error.issues.filter((issue) => issue.path.join('.') === 'applicant.idNumber')
    expect(idIssues).toHaveLength(1)
    expect(idIssues[0]!.message).toContain('校验位')
    expect(await written()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
  })

  it('names the item and the material for a refused status, on shared and own materials', async () => {
    await seedBirthItems()
    const error = await refusal(
      submitLifeEventIntakes(
        db,
        bundleDraft({
          shared: { s0: { status: 'commitment' } },
          own: { [VACCINATION]: { m3: { status: 'deferred', dueDate: '2025-03-07' } } },
        }),
        birth,
        { staff: clerk, now: () => MONDAY },
      ),
    )
    const shared = error.issues.filter((issue) => issue.path.join('.') === 'shared.s0.status')
    expect(shared.length).toBeGreaterThan(0)
    expect(shared[0]!.message).toMatch(/^(城乡居民基本医疗保险参保登记|出生登记|预防接种证办理)：“出生医学证明”不适用告知承诺制/)
    const vaccinationMaterial = demoCatalogItems()
      .find((item) => item.id === VACCINATION)!
      .materials.find((material) => material.id === 'm3')!
    expect(error.issues).toContainEqual({
      path: ['items', VACCINATION, 'materials', 'm3', 'status'],
      message: `预防接种证办理：“${vaccinationMaterial.name}”不是可容缺后补的材料，不能选择容缺后补`,
    })
    expect(await written()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
  })

  it('takes a 代办 sitting with the agent\u2019s ID card recorded once for every intake, and names it on its shared row when unset', async () => {
    await seedBirthItems()
    const proxy = bundleDraft({
      serviceMode: 'proxy',
      assistReason: 'elderly',
      proxyAuthorization: '授权委托书',
      agent: { name: '岩三', idNumber: residentId('53282219700101003'), phone: '13908800000', relationship: '父亲' },
    })
    const unset = await refusal(submitLifeEventIntakes(db, proxy, birth, { staff: clerk, now: () => MONDAY }))
    expect(unset.issues).toContainEqual({ path: ['shared', 'agentIdCard', 'status'], message: '城乡居民基本医疗保险参保登记：请填写“代办人身份证”的收取情况' })
    expect(unset.issues.every((issue) => issue.path[0] === 'shared' && issue.path[1] === 'agentIdCard')).toBe(true)
    expect(await written()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })

    const records = await submitLifeEventIntakes(db, { ...proxy, shared: { ...proxy.shared, agentIdCard: { status: 'provided' } } }, birth, {
      staff: clerk,
      now: () => MONDAY,
    })
    expect(records).toHaveLength(3)
    for (const record of records) {
      expect(record.materials.filter((material) => material.name === '代办人身份证').map((material) => material.status)).toEqual(['provided'])
    }
  })

  it('refuses a material left unchosen on its row, with no default recorded', async () => {
    await seedBirthItems()
    const error = await refusal(submitLifeEventIntakes(db, bundleDraft({ shared: { s0: undefined } }), birth, { staff: clerk, now: () => MONDAY }))
    // Once per item it covers, each naming its item.
    expect(new Set(error.issues.map((issue) => issue.path.join('.')))).toEqual(new Set(['shared.s0.status']))
    expect(error.issues[0]!.message).toMatch(/：请填写“出生医学证明”的收取情况$/)
    expect(await written()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
  })

  it('refuses a sitting of one item, or an item from another bundle', async () => {
    await seedBirthItems()
    const one = await refusal(submitLifeEventIntakes(db, bundleDraft({ itemIds: [BIRTH_REGISTRATION] }), birth, { staff: clerk, now: () => MONDAY }))
    expect(one.message).toContain('至少要办理两个事项')
    const other = await refusal(
      submitLifeEventIntakes(db, bundleDraft({ itemIds: [BIRTH_REGISTRATION, '5328220400029'] }), birth, { staff: clerk, now: () => MONDAY }),
    )
    expect(other.message).toContain('不属于新生儿出生一件事')
    expect(await written()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
  })

  it('deletes the sitting\u2019s draft with the intakes, and keeps it when refused', async () => {
    await seedBirthItems()
    await db.drafts.put({ id: 'bundle-draft', kind: 'intake', updatedAt: MONDAY.toISOString(), values: {} } as never)
    await refusal(
      submitLifeEventIntakes(db, bundleDraft({ itemIds: [BIRTH_REGISTRATION, VACCINATION], applicant: { ...bundleDraft().applicant, phone: '123' } }), birth, {
        staff: clerk,
        now: () => MONDAY,
        draftId: 'bundle-draft',
      }),
    )
    expect(await db.drafts.get('bundle-draft')).toBeDefined()
    await submitLifeEventIntakes(db, bundleDraft({ itemIds: [BIRTH_REGISTRATION, VACCINATION] }), birth, {
      staff: clerk,
      now: () => MONDAY,
      draftId: 'bundle-draft',
    })
    expect(await db.drafts.get('bundle-draft')).toBeUndefined()
  })
})
