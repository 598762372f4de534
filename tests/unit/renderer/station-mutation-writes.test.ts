import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../../shared/catalog'
import { EVALUATION_WINDOW_DAYS } from '../../../shared/evaluation'
import { evaluationRecordMutationSchema, intakeCompleteOnSiteMutationSchema, reportRecordMutationSchema } from '../../../shared/protocol'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import { outboxSyncStates } from '../../../src-renderer/db/outbox-state'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { ratingEntryRefusal } from '../../../src-renderer/features/evaluation/evaluation-rules'
import { recordEvaluation } from '../../../src-renderer/features/evaluation/record-evaluation'
import { completeOnSite, onSiteEligibilityRefusal } from '../../../src-renderer/features/intake/complete-on-site'
import { intakeStatusLabel } from '../../../src-renderer/features/intake/intake-labels'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { recordReport, type ReportEntry } from '../../../src-renderer/features/report/record-report'
import { listReportRows } from '../../../src-renderer/features/report/report-queries'
import type { StaffActor } from '../../../src-renderer/db/staff-permissions'
import { UserError } from '../../../src-renderer/lib/user-error'
import { clerk, MONDAY, TUESDAY, catalogItem, decisionFor, draft, freshDb, seedStation } from './fixtures'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

async function rejectionOf(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

async function counts(): Promise<{ outbox: number; audit: number }> {
  return { outbox: await db.outbox.count(), audit: await db.audit.count() }
}

/** An intake the county has completed on Monday. */
async function completedIntake(): Promise<string> {
  const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
  await db.outbox.clear()
  await db.audit.clear()
  const decision = { ...decisionFor(intake, 'completed'), completedAt: MONDAY.toISOString(), result: 'approved' as const }
  await db.intakes.update(intake.id, { decision, status: 'completed', syncState: 'synced' })
  return intake.id
}

const onTheSpotItem: ServiceItem = { ...catalogItem, id: '532822000002', implCode: '532822000002', name: '老年人优待证办理', handling: '1' }
const lead: StaffActor = { id: '6f1c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70', username: 'yanhan', displayName: '岩罕', role: 'lead', stationCode: 'MHZMZ01' }

/** The 即办件 as one of the station's 进驻事项, and the lead's account as the county sent it. */
async function seedOnSite(options: { stationItem?: boolean; onSiteAuthority?: boolean } = {}): Promise<void> {
  await db.catalogItems.put(toCatalogItemRecord(onTheSpotItem))
  if (options.stationItem ?? true) await db.stationItems.put({ itemId: onTheSpotItem.id })
  await db.staff.put({
    id: lead.id,
    stationCode: lead.stationCode,
    username: lead.username,
    displayName: lead.displayName,
    role: 'lead',
    passwordHash: 'pbkdf2-sha256$1000$c2FsdA==$aGFzaA==',
    active: true,
    updatedAt: MONDAY.toISOString(),
    onSiteAuthority: options.onSiteAuthority ?? true,
  })
}

describe('recordEvaluation', () => {
  it('writes the rating onto the intake, its outbox mutation and its audit entry together', async () => {
    db = freshDb()
    await seedStation(db)
    const intakeId = await completedIntake()
    const evaluation = await recordEvaluation(
      db,
      { intakeId, rating: 1, comment: '办得很快', source: 'residentOnScreen' },
      { staff: clerk, now: () => TUESDAY },
    )

    expect((await db.intakes.get(intakeId))?.evaluation).toEqual(evaluation)
    expect(evaluation).toMatchObject({ rating: 1, source: 'residentOnScreen', comment: '办得很快', enteredBy: undefined })
    const [entry] = await db.outbox.toArray()
    const mutation = evaluationRecordMutationSchema.parse(entry)
    expect(mutation.entityId).toBe(evaluation.id)
    expect(mutation.payload).toEqual(evaluation)
    const [audit] = await db.audit.toArray()
    expect(audit).toMatchObject({ action: 'evaluation.record', entityId: intakeId, detail: '群众现场评价' })
    expect((await outboxSyncStates(db, [evaluation.id])).get(evaluation.id)).toEqual({ state: 'pending' })
  })

  it('refuses a second rating of the same intake and writes nothing', async () => {
    db = freshDb()
    await seedStation(db)
    const intakeId = await completedIntake()
    await recordEvaluation(db, { intakeId, rating: 2, source: 'residentOnScreen' }, { staff: clerk, now: () => TUESDAY })
    const before = await counts()

    const error = await rejectionOf(recordEvaluation(db, { intakeId, rating: 5, source: 'residentOnScreen' }, { staff: clerk, now: () => TUESDAY }))
    expect(error).toMatchObject({ code: 'evaluation_refused', message: '该办件已评价，每件只能评价一次' })
    // Two presses at once: only one stands.
    const racing = await Promise.allSettled([
      recordEvaluation(db, { intakeId, rating: 4, source: 'residentOnScreen' }, { staff: clerk, now: () => TUESDAY }),
      recordEvaluation(db, { intakeId, rating: 4, source: 'residentOnScreen' }, { staff: clerk, now: () => TUESDAY }),
    ])
    expect(racing.map((outcome) => outcome.status === 'rejected' && (outcome.reason as Error).message)).toEqual([
      '该办件已评价，每件只能评价一次',
      '该办件已评价，每件只能评价一次',
    ])
    expect(await counts()).toEqual(before)
    expect((await db.intakes.get(intakeId))?.evaluation?.rating).toBe(2)
  })

  it('lets only one of two racing first ratings stand', async () => {
    db = freshDb()
    await seedStation(db)
    const intakeId = await completedIntake()
    const racing = await Promise.allSettled([
      recordEvaluation(db, { intakeId, rating: 1, source: 'residentOnScreen' }, { staff: clerk, now: () => TUESDAY }),
      recordEvaluation(db, { intakeId, rating: 3, source: 'residentOnScreen' }, { staff: clerk, now: () => TUESDAY }),
    ])
    expect(racing.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    expect(await db.outbox.count()).toBe(1)
  })

  it('refuses a rating before the service has ended, and after the window', async () => {
    db = freshDb()
    await seedStation(db)
    const open = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    await db.intakes.update(open.id, { decision: decisionFor(open, 'accepted'), status: 'accepted' })
    const early = await rejectionOf(recordEvaluation(db, { intakeId: open.id, rating: 1, source: 'residentOnScreen' }, { staff: clerk, now: () => TUESDAY }))
    expect(early).toMatchObject({ code: 'evaluation_refused', message: expect.stringContaining('尚未办结') })

    const intakeId = await completedIntake()
    const lastDay = new Date(MONDAY.getTime() + EVALUATION_WINDOW_DAYS * 24 * 3600 * 1000)
    const late = await rejectionOf(
      recordEvaluation(db, { intakeId, rating: 1, source: 'residentOnScreen' }, { staff: clerk, now: () => new Date(lastDay.getTime() + 1000) }),
    )
    expect(late.message).toBe(`已超过评价期限：办结后${EVALUATION_WINDOW_DAYS}天内可以评价`)
    expect(await db.outbox.count()).toBe(0)
    await recordEvaluation(db, { intakeId, rating: 3, source: 'residentOnScreen' }, { staff: clerk, now: () => lastDay })
  })

  it('lets the resident rate at the window right after the sitting, before the service has ended', async () => {
    db = freshDb()
    await seedStation(db)
    const open = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    await db.outbox.clear()
    const later = new Date(MONDAY.getTime() + 6 * 3600 * 1000)
    const evaluation = await recordEvaluation(db, { intakeId: open.id, rating: 2, source: 'residentOnScreen' }, { staff: clerk, now: () => later })
    expect(evaluation.rating).toBe(2)
    expect(await db.outbox.count()).toBe(1)
  })

  it('records a 差评 only with its reason, and 其他原因 only with words', async () => {
    db = freshDb()
    await seedStation(db)
    const intakeId = await completedIntake()
    const noReason = await rejectionOf(recordEvaluation(db, { intakeId, rating: 4, source: 'residentOnScreen' }, { staff: clerk, now: () => TUESDAY }))
    expect(noReason.issues).toContainEqual({ path: ['badReason'], message: '差评须选择原因（如服务态度差、多次跑动等）' })
    const otherWithoutWords = await rejectionOf(
      recordEvaluation(db, { intakeId, rating: 5, badReason: 'other', source: 'residentOnScreen' }, { staff: clerk, now: () => TUESDAY }),
    )
    expect(otherWithoutWords.issues).toContainEqual({ path: ['comment'], message: expect.stringContaining('其他原因') })
    expect(await db.outbox.count()).toBe(0)
    const bad = await recordEvaluation(
      db,
      { intakeId, rating: 5, badReason: 'repeatedVisits', comment: '跑了三次', source: 'residentOnScreen' },
      { staff: clerk, now: () => TUESDAY },
    )
    expect(evaluationRecordMutationSchema.parse((await db.outbox.toArray())[0]).payload).toMatchObject({ id: bad.id, rating: 5, badReason: 'repeatedVisits' })
    expect(ratingEntryRefusal({ rating: 4 })).toBe('差评须选择原因（如服务态度差、多次跑动等）')
    expect(ratingEntryRefusal({ rating: 4, badReason: 'other', comment: '  ' })).toMatch(/其他原因/)
    expect(ratingEntryRefusal({ rating: 4, badReason: 'slow' })).toBeNull()
    expect(ratingEntryRefusal({ rating: 2 })).toBeNull()
  })

  it('allows rating a refused intake', async () => {
    db = freshDb()
    await seedStation(db)
    const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    await db.intakes.update(intake.id, { decision: decisionFor(intake, 'refused'), status: 'refused' })
    const evaluation = await recordEvaluation(
      db,
      { intakeId: intake.id, rating: 4, badReason: 'notDone', source: 'residentOnScreen' },
      { staff: clerk, now: () => TUESDAY },
    )
    expect(evaluation.rating).toBe(4)
  })

  it('records a paper form with its number and who typed it in, and refuses one without', async () => {
    db = freshDb()
    await seedStation(db)
    const intakeId = await completedIntake()
    const missing = await rejectionOf(
      recordEvaluation(
        db,
        { intakeId, rating: 5, badReason: 'repeatedVisits', source: 'paperForm', enteredBy: '玉香', paperFormNo: ' ' },
        { staff: clerk, now: () => TUESDAY },
      ),
    )
    expect(missing).toMatchObject({ code: 'invalid_evaluation', issues: [{ path: ['paperFormNo'], message: '录入纸质评价表须填写评价表编号' }] })
    expect(await counts()).toEqual({ outbox: 0, audit: 0 })

    const evaluation = await recordEvaluation(
      db,
      { intakeId, rating: 5, badReason: 'repeatedVisits', comment: '跑了两趟', source: 'paperForm', enteredBy: '玉香', paperFormNo: 'PJ-0012' },
      { staff: clerk, now: () => TUESDAY },
    )
    expect(evaluation).toMatchObject({ source: 'paperForm', enteredBy: '玉香', paperFormNo: 'PJ-0012', rating: 5 })
    expect(await db.audit.toArray()).toMatchObject([{ action: 'evaluation.record', staffName: '玉香', detail: '纸质评价表录入' }])
  })

  it('never records who was at the screen for an on-screen rating', async () => {
    db = freshDb()
    await seedStation(db)
    const intakeId = await completedIntake()
    const evaluation = await recordEvaluation(
      db,
      { intakeId, rating: 1, source: 'residentOnScreen', enteredBy: '玉香', paperFormNo: 'X' },
      { staff: clerk, now: () => TUESDAY },
    )
    expect(evaluation.enteredBy).toBeUndefined()
    expect(evaluation.paperFormNo).toBeUndefined()
  })
})

describe('recordReport', () => {
  const entry = (overrides: Partial<ReportEntry> = {}): ReportEntry => ({
    residentName: '岩温',
    residentPhone: '139 0881 0002',
    itemId: catalogItem.id,
    attempted: '办理养老保险参保登记',
    happened: '系统显示户籍不在本县，窗口说办不了',
    staffName: '玉香',
    ...overrides,
  })

  it('writes the report, its outbox mutation and its audit entry together, and lists it as 待上报', async () => {
    db = freshDb()
    await seedStation(db)
    const report = await recordReport(db, entry(), { staff: clerk, now: () => MONDAY })
    expect(report).toMatchObject({ stationCode: 'MHMZ01', residentPhone: '13908810002', itemId: catalogItem.id })
    expect(report.description).toBe('想办的事：办理养老保险参保登记\n遇到的问题：系统显示户籍不在本县，窗口说办不了')

    const mutation = reportRecordMutationSchema.parse((await db.outbox.toArray())[0])
    expect(mutation.payload).toEqual(report)
    expect(await db.audit.toArray()).toMatchObject([{ action: 'report.record', entityId: report.id, staffName: '玉香' }])

    const [row] = await listReportRows(db)
    expect(row).toMatchObject({ id: report.id, residentName: '岩温', itemName: catalogItem.name, followUpLabel: '待上报', sync: { state: 'pending' } })
    // Once the county confirmed it (the push takes the entry out of the outbox).
    await db.outbox.clear()
    expect((await listReportRows(db))[0]).toMatchObject({ followUpLabel: '已上报', sync: { state: 'synced' } })
    await db.outbox.add({ ...mutation, attempts: 1, rejection: { code: 'conflict', message: '重复上报' } })
    expect((await listReportRows(db))[0]).toMatchObject({ followUpLabel: '被退回：重复上报', sync: { state: 'rejected' } })
  })

  it('refuses an invalid phone and empty fields, naming each field, and writes nothing', async () => {
    db = freshDb()
    await seedStation(db)
    const error = await rejectionOf(recordReport(db, entry({ residentPhone: '12345', happened: ' ' }), { staff: clerk, now: () => MONDAY }))
    expect(error.code).toBe('invalid_report')
    expect(error.issues.map((issue) => issue.path[0])).toEqual(['happened', 'residentPhone'])
    expect(error.issues[1]!.message).toMatch(/手机号码/)
    expect(await counts()).toEqual({ outbox: 0, audit: 0 })
    expect(await listReportRows(db)).toEqual([])
  })

  it('accepts a landline and a report outside the catalog', async () => {
    db = freshDb()
    await seedStation(db)
    const report = await recordReport(db, entry({ residentPhone: '0691-5123456', itemId: undefined }), { staff: clerk, now: () => MONDAY })
    expect(report.itemId).toBeUndefined()
    expect((await listReportRows(db))[0]?.itemName).toBe('（未指定事项）')
  })
})

describe('completeOnSite', () => {
  it('completes a 即办件 for the lead: intake, outbox mutation and audit entry together', async () => {
    db = freshDb()
    await seedStation(db)
    await seedOnSite()
    const intake = await submitIntake(db, draft({ itemId: onTheSpotItem.id }), { staff: clerk, now: () => MONDAY })
    const completion = await completeOnSite(db, { intakeId: intake.id, result: 'approved', resultNote: '当场制证', staff: lead }, { now: () => MONDAY })

    const stored = await db.intakes.get(intake.id)
    expect(stored?.onSiteCompletion).toEqual(completion)
    expect(stored?.status).toBeUndefined()
    expect(intakeStatusLabel(stored!)).toBe('当场办结（待县级确认）')
    const entries = await db.outbox.toArray()
    expect(entries.map((entry) => entry.type)).toEqual(['intake.submit', 'intake.completeOnSite'])
    expect(intakeCompleteOnSiteMutationSchema.parse(entries[1]).payload).toMatchObject({
      result: 'approved',
      leadName: '岩罕',
      resultNote: '当场制证',
      staffId: lead.id,
      staffUsername: 'yanhan',
    })
    expect((await db.audit.toArray()).map((audit) => audit.action)).toEqual(['intake.submit', 'intake.completeOnSite'])

    // The resident can rate it on the spot.
    await recordEvaluation(db, { intakeId: intake.id, rating: 1, source: 'residentOnScreen' }, { staff: clerk, now: () => MONDAY })
    const again = await rejectionOf(completeOnSite(db, { intakeId: intake.id, result: 'approved', staff: lead }, { now: () => MONDAY }))
    expect(again.message).toBe('该办件已当场办结，无需再次办结')
  })

  it('refuses a 承诺件 and writes nothing', async () => {
    db = freshDb()
    await seedStation(db)
    const intake = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const before = await counts()
    const error = await rejectionOf(completeOnSite(db, { intakeId: intake.id, result: 'approved', staff: lead }, { now: () => MONDAY }))
    expect(error).toMatchObject({ code: 'complete_refused', message: '只有即办件可以当场办结；本事项为承诺件，请等待县级审批办结' })
    expect(await counts()).toEqual(before)
    expect((await db.intakes.get(intake.id))?.onSiteCompletion).toBeUndefined()
  })

  it('refuses an item outside the 进驻事项 and a lead the county has not authorised, in Chinese, writing nothing', async () => {
    db = freshDb()
    await seedStation(db)
    await seedOnSite({ stationItem: false })
    const intake = await submitIntake(db, draft({ itemId: onTheSpotItem.id }), { staff: clerk, now: () => MONDAY })
    const outside = await rejectionOf(completeOnSite(db, { intakeId: intake.id, result: 'approved', staff: lead }, { now: () => MONDAY }))
    expect(outside).toMatchObject({ code: 'complete_refused', message: '“老年人优待证办理”不是本站的进驻事项，不能当场办结；请报县级办理' })

    await seedOnSite({ onSiteAuthority: false })
    const unauthorised = await rejectionOf(completeOnSite(db, { intakeId: intake.id, result: 'approved', staff: lead }, { now: () => MONDAY }))
    expect(unauthorised).toMatchObject({ code: 'complete_refused', message: expect.stringMatching(/^只有县级授权的首席事务代表可以当场办结/) })
    expect(await db.outbox.count()).toBe(1)
    expect((await db.intakes.get(intake.id))?.onSiteCompletion).toBeUndefined()
  })

  it('says why not by a pure rule: 进驻事项 first, then the authorisation', () => {
    expect(onSiteEligibilityRefusal({ itemName: '出生登记', isStationItem: true, onSiteAuthority: true })).toBeNull()
    expect(onSiteEligibilityRefusal({ itemName: '出生登记', isStationItem: false, onSiteAuthority: false })).toBe(
      '“出生登记”不是本站的进驻事项，不能当场办结；请报县级办理',
    )
    expect(onSiteEligibilityRefusal({ itemName: '出生登记', isStationItem: true, onSiteAuthority: false })).toBe(
      '只有县级授权的首席事务代表可以当场办结；请由已授权的人员登录后办理，或报县级办理',
    )
  })

  it('refuses anyone but a lead, and an intake the county asked to correct', async () => {
    db = freshDb()
    await seedStation(db)
    await seedOnSite()
    const intake = await submitIntake(db, draft({ itemId: onTheSpotItem.id }), { staff: clerk, now: () => MONDAY })
    const byClerk = await rejectionOf(completeOnSite(db, { intakeId: intake.id, result: 'approved', staff: { ...lead, displayName: '玉香', role: 'clerk' } }))
    expect(byClerk).toMatchObject({ code: 'forbidden_role', message: expect.stringContaining('首席事务代表') })
    const agent = await rejectionOf(completeOnSite(db, { intakeId: intake.id, result: 'approved', staff: { ...lead, displayName: '玉香', role: 'agent' } }))
    expect(agent.code).toBe('forbidden_role')

    await db.intakes.update(intake.id, { decision: decisionFor(intake, 'correctionRequested'), status: 'correctionRequested' })
    const correction = await rejectionOf(completeOnSite(db, { intakeId: intake.id, result: 'denied', staff: lead }))
    expect(correction.message).toContain('补正')
    expect(await db.outbox.count()).toBe(1)
  })
})
