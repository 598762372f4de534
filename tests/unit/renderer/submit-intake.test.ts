import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { intakeSubmitMutationSchema } from '../../../shared/protocol'
import { intakeSequenceKey } from '../../../shared/station-records'
import { readMeta } from '../../../src-renderer/db/meta'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { NEW_INTAKE_DRAFT_ID, saveIntakeDraft } from '../../../src-renderer/features/intake/intake-draft'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { UserError } from '../../../src-renderer/lib/user-error'
import { clerk, MONDAY, TUESDAY, draft, freshDb, residentId, seedStation } from './fixtures'

let db: StationDb

async function counts(): Promise<{ intakes: number; outbox: number; audit: number; counter: unknown }> {
  return {
    intakes: await db.intakes.count(),
    outbox: await db.outbox.count(),
    audit: await db.audit.count(),
    counter: (await db.meta.get(intakeSequenceKey('20250303')))?.value,
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

afterEach(async () => {
  await db?.delete()
})

describe('submitIntake', () => {
  it('writes the intake, its outbox mutation, its audit entry and the counter together', async () => {
    db = freshDb()
    await seedStation(db)
    const record = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })

    expect(record.intakeNo).toBe('MHMZ01-20250303-ASC0001')
    expect(record.syncState).toBe('pending')
    expect(record.item.name).toBe('城乡居民基本养老保险参保登记')
    expect(record.materials.map((material) => material.name)).toEqual(['居民身份证', '户口簿'])
    expect(await db.intakes.get(record.id)).toEqual(record)

    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({ type: 'intake.submit', entityId: record.id, attempts: 0 })
    const mutation = intakeSubmitMutationSchema.parse(entry)
    expect(mutation.payload.intakeNo).toBe(record.intakeNo)
    expect(mutation.id).not.toBe(record.id)

    const [audit] = await db.audit.toArray()
    expect(audit).toMatchObject({ action: 'intake.submit', entityId: record.id, intakeNo: record.intakeNo, staffName: '玉香' })
    // The audit trail must not carry personal data.
    expect(JSON.stringify(audit)).not.toContain(residentId())

    expect(await counts()).toEqual({ intakes: 1, outbox: 1, audit: 1, counter: 1 })
    expect(await readMeta(db, 'staffName')).toBe('玉香')
  })

  it('writes nothing when validation fails, and names the field in Chinese', async () => {
    db = freshDb()
    await seedStation(db)
    const badId = `${residentId().slice(0, 17)}${residentId().endsWith('0') ? '1' : '0'}`
    const error = await rejectionOf(
      submitIntake(db, draft({ applicant: { kind: 'person', name: '岩温', idNumber: badId, phone: '13908812345', address: '曼真村' } }), {
        staff: clerk,
        now: () => MONDAY,
      }),
    )
    expect(error.code).toBe('invalid_intake')
    const issue = error.issues.find((candidate) => candidate.path.join('.') === 'applicant.idNumber')
    expect(issue?.message).toContain('公民身份号码校验位不正确')
    expect(await counts()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
  })

  it('applies the item\u2019s material rules and the 容缺 due date', async () => {
    db = freshDb()
    await seedStation(db)
    const notDeferrable = await rejectionOf(
      submitIntake(
        db,
        draft({
          materials: [
            { materialId: 'm1', status: 'deferred', dueDate: '2025-03-07' },
            { materialId: 'm2', status: 'provided' },
          ],
        }),
        { staff: clerk, now: () => MONDAY },
      ),
    )
    expect(notDeferrable.issues).toContainEqual({ path: ['materials', 0, 'status'], message: expect.stringContaining('不是可容缺后补的材料') })

    const noDueDate = await rejectionOf(
      submitIntake(
        db,
        draft({
          materials: [
            { materialId: 'm1', status: 'provided' },
            { materialId: 'm2', status: 'deferred' },
          ],
        }),
        { staff: clerk, now: () => MONDAY },
      ),
    )
    expect(noDueDate.issues).toContainEqual({ path: ['materials', 1, 'dueDate'], message: expect.stringContaining('须填写补交期限') })

    const proxyWithoutAuthorization = await rejectionOf(
      submitIntake(db, draft({ serviceMode: 'proxy', assistReason: 'elderly' }), { staff: clerk, now: () => MONDAY }),
    )
    // 代办 also names its agent, and the agent's ID card joins the checklist (it is the third material here).
    expect(proxyWithoutAuthorization.issues.map((issue) => issue.path.join('.'))).toEqual(['proxyAuthorization', 'agent', 'materials.2.status'])

    const agent = { name: '岩三', idNumber: residentId('53282219700101003'), phone: '13908800000', relationship: '儿子' }
    const proxy = await submitIntake(
      db,
      draft({
        serviceMode: 'proxy',
        assistReason: 'elderly',
        proxyAuthorization: '授权委托书一份',
        agent,
        materials: [...draft().materials, { materialId: 'agentIdCard', status: 'provided', form: 'copy', count: 1 }],
      }),
      { staff: clerk, now: () => MONDAY },
    )
    expect(proxy.agent).toEqual(agent)
    expect(proxy.materials.map((material) => material.name)).toEqual(['居民身份证', '户口簿', '代办人身份证'])
    const badAgent = await rejectionOf(
      submitIntake(
        db,
        draft({ serviceMode: 'proxy', assistReason: 'elderly', proxyAuthorization: '授权委托书', agent: { ...agent, idNumber: '532822197001010030' } }),
        {
          staff: clerk,
          now: () => MONDAY,
        },
      ),
    )
    expect(badAgent.issues).toContainEqual({ path: ['agent', 'idNumber'], message: expect.stringContaining('校验位') })

    const deferred = await submitIntake(
      db,
      draft({
        materials: [
          { materialId: 'm1', status: 'eLicence' },
          { materialId: 'm2', status: 'deferred', dueDate: '2025-03-07' },
        ],
      }),
      { staff: clerk, now: () => MONDAY },
    )
    expect(deferred.materials[1]).toMatchObject({ status: 'deferred', dueDate: '2025-03-07' })
    expect(deferred.intakeNo).toBe('MHMZ01-20250303-ASC0002')
  })

  it('writes nothing when a write inside the transaction throws', async () => {
    db = freshDb()
    await seedStation(db)
    db.audit.hook('creating', () => {
      throw new Error('disk failure while writing the audit entry')
    })
    await expect(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })).rejects.toThrow('disk failure')
    expect(await counts()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
  })

  it('refuses an item that is suspended, and a device that is not enrolled', async () => {
    db = freshDb()
    await seedStation(db)
    await db.catalogItems.update('532822000001', { status: 'suspended' })
    expect((await rejectionOf(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY }))).code).toBe('item_unavailable')
    await db.meta.delete('deviceId')
    expect((await rejectionOf(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY }))).code).toBe('not_enrolled')
    await db.meta.delete('station')
    expect((await rejectionOf(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY }))).code).toBe('not_enrolled')
    expect(await counts()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
  })

  it('refuses an item outside the station\u2019s 进驻事项 once the county sent them, and writes nothing', async () => {
    db = freshDb()
    await seedStation(db)
    await db.stationItems.put({ itemId: 'another-item' })
    const refused = await rejectionOf(submitIntake(db, draft(), { staff: clerk, now: () => MONDAY }))
    expect(refused.code).toBe('item_unavailable')
    expect(refused.message).toContain('不是本站的进驻事项')
    expect(await counts()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
    await db.stationItems.put({ itemId: '532822000001' })
    await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    expect((await counts()).intakes).toBe(1)
  })
})

describe('intake numbers', () => {
  it('run in sequence per day and are never handed out twice', async () => {
    db = freshDb()
    await seedStation(db)
    const numbers: string[] = []
    const submit = async (now: Date) => numbers.push((await submitIntake(db, draft(), { staff: clerk, now: () => now })).intakeNo)

    await submit(MONDAY)
    await submit(MONDAY)
    await submit(TUESDAY)
    // A failed save does not use up a number.
    await rejectionOf(submitIntake(db, draft({ applicant: { ...draft().applicant, phone: '123' } }), { staff: clerk, now: () => MONDAY }))
    // Deleting an intake does not free its number; a clock set back to Monday continues Monday's count.
    await db.intakes.where('intakeNo').equals('MHMZ01-20250303-ASC0002').delete()
    await submit(MONDAY)

    expect(numbers).toEqual(['MHMZ01-20250303-ASC0001', 'MHMZ01-20250303-ASC0002', 'MHMZ01-20250304-ASC0001', 'MHMZ01-20250303-ASC0003'])
  })

  it('stay unique when several intakes are saved at once', async () => {
    db = freshDb()
    await seedStation(db)
    const records = await Promise.all(Array.from({ length: 8 }, () => submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })))
    const numbers = records.map((record) => record.intakeNo).sort()
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, index) => `MHMZ01-20250303-ASC000${index + 1}`))
    expect(await db.outbox.count()).toBe(8)
  })

  it('use the China calendar day, not the computer\u2019s UTC day', async () => {
    db = freshDb()
    await seedStation(db)
    // 2025-03-03 23:30 UTC is already 2025-03-04 in China.
    const record = await submitIntake(db, draft(), { staff: clerk, now: () => new Date('2025-03-03T23:30:00.000Z') })
    expect(record.intakeNo).toBe('MHMZ01-20250304-ASC0001')
  })
})

describe('the 容缺 due date and the promised limit', () => {
  // MONDAY is 2025-03-03; the item promises 5 working days, so the limit is Monday 2025-03-10.
  const deferredOn = (dueDate: string) =>
    draft({
      materials: [
        { materialId: 'm1', status: 'provided' },
        { materialId: 'm2', status: 'deferred', dueDate },
      ],
    })

  it('refuses a due date after the promised due date, on that field in Chinese, and writes nothing', async () => {
    db = freshDb()
    await seedStation(db)
    await saveIntakeDraft(db, { applicantKind: 'person', serviceMode: 'self', itemId: '532822000001' })
    const error = await rejectionOf(submitIntake(db, deferredOn('2025-03-11'), { staff: clerk, now: () => MONDAY, draftId: NEW_INTAKE_DRAFT_ID }))
    expect(error.code).toBe('invalid_intake')
    expect(error.issues).toEqual([{ path: ['materials', 1, 'dueDate'], message: '“户口簿”的补交期限不能晚于承诺办结日期 2025-03-10（承诺时限5个工作日）' }])
    expect(await counts()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
    // The clerk's typing is kept to correct the date.
    expect(await db.drafts.count()).toBe(1)

    const past = await rejectionOf(submitIntake(db, deferredOn('2025-03-02'), { staff: clerk, now: () => MONDAY }))
    expect(past.issues).toEqual([{ path: ['materials', 1, 'dueDate'], message: '“户口簿”的补交期限不能早于今天' }])
    expect(await counts()).toEqual({ intakes: 0, outbox: 0, audit: 0, counter: undefined })
  })

  it('accepts the promised due date itself, and today', async () => {
    db = freshDb()
    await seedStation(db)
    const atLimit = await submitIntake(db, deferredOn('2025-03-10'), { staff: clerk, now: () => MONDAY })
    expect(atLimit.materials[1]).toMatchObject({ status: 'deferred', dueDate: '2025-03-10' })
    const sameDay = await submitIntake(db, deferredOn('2025-03-03'), { staff: clerk, now: () => MONDAY })
    expect(sameDay.materials[1]?.dueDate).toBe('2025-03-03')
    expect(await db.intakes.count()).toBe(2)
  })

  it('counts working days on the calendar the county sent', async () => {
    db = freshDb()
    await seedStation(db)
    // A county holiday on Wednesday moves the limit to Tuesday 2025-03-11.
    await db.calendar.put({ year: 2025, holidays: ['2025-03-05'], workdays: [] })
    const record = await submitIntake(db, deferredOn('2025-03-11'), { staff: clerk, now: () => MONDAY })
    expect(record.materials[1]?.dueDate).toBe('2025-03-11')
    const error = await rejectionOf(submitIntake(db, deferredOn('2025-03-12'), { staff: clerk, now: () => MONDAY }))
    expect(error.issues[0]?.message).toBe('“户口簿”的补交期限不能晚于承诺办结日期 2025-03-11（承诺时限5个工作日）')
  })

  it('gives a 即办件 the same day only', async () => {
    db = freshDb()
    await seedStation(db)
    await db.catalogItems.update('532822000001', { handling: '1' })
    const error = await rejectionOf(submitIntake(db, deferredOn('2025-03-04'), { staff: clerk, now: () => MONDAY }))
    expect(error.issues[0]?.message).toBe('“户口簿”的补交期限不能晚于承诺办结日期 2025-03-03（即办件须当日补交）')
    expect((await submitIntake(db, deferredOn('2025-03-03'), { staff: clerk, now: () => MONDAY })).materials[1]?.dueDate).toBe('2025-03-03')
  })
})

describe('form and 份数 of a received material', () => {
  it('are saved for 已收取 only, and a 份数 outside 1–99 is refused on its field', async () => {
    db = freshDb()
    await seedStation(db)
    const record = await submitIntake(
      db,
      draft({
        materials: [
          { materialId: 'm1', status: 'provided', form: 'copy', count: 2 },
          { materialId: 'm2', status: 'commitment', form: 'original', count: 1 },
        ],
      }),
      { staff: clerk, now: () => MONDAY },
    )
    expect(record.materials[0]).toMatchObject({ status: 'provided', form: 'copy', count: 2 })
    expect(record.materials[1]?.form).toBeUndefined()
    expect(record.materials[1]?.count).toBeUndefined()

    const error = await rejectionOf(
      submitIntake(
        db,
        draft({
          materials: [
            { materialId: 'm1', status: 'provided', form: 'original', count: 0 },
            { materialId: 'm2', status: 'provided' },
          ],
        }),
        { staff: clerk, now: () => MONDAY },
      ),
    )
    expect(error.issues).toEqual([{ path: ['materials', 0, 'count'], message: '“居民身份证”的份数应为1至99的整数' }])
    expect(await db.intakes.count()).toBe(1)
  })
})

describe('what a new intake carries for the county (contract-9)', () => {
  it('sends its receipt time with the last measured clock offset, a random lookup key, and the card read', async () => {
    db = freshDb()
    await seedStation(db)
    const round = { startedAt: MONDAY.toISOString(), endedAt: MONDAY.toISOString(), confirmed: 0, rejected: 0, pulled: 0 }
    // The latest round did not reach the county: the offset is the one measured before it.
    await db.syncLog.bulkAdd([
      { ...round, outcome: 'ok', clockOffsetMs: 90_000 },
      { ...round, outcome: 'unreachable' },
    ])
    const idCardRead = {
      readAt: MONDAY.toISOString(),
      sex: 'male' as const,
      nation: '傣族',
      birthDate: '1980-01-01',
      validFrom: '2010-01-01',
      validTo: 'long' as const,
    }
    const first = await submitIntake(db, draft({ idCardRead }), { staff: clerk, now: () => MONDAY })
    const second = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    expect(first).toMatchObject({ receivedAt: MONDAY.toISOString(), clockOffsetMs: 90_000, idCardRead })
    expect(first.lookupKey).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(second.lookupKey).not.toBe(first.lookupKey)
    expect(second.idCardRead).toBeUndefined()
  })
})
