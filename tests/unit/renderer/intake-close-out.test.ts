import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { payloadHash } from '../../../shared/canonical-json'
import type { IntakeDecision } from '../../../shared/decision'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { bundledCalendars, mergeCalendars } from '../../../src-renderer/db/calendar-files'
import { documentText, type DocumentContext } from '../../../src-renderer/features/documents/document-model'
import { intakeDocuments } from '../../../src-renderer/features/documents/intake-documents'
import { receiptDocument } from '../../../src-renderer/features/documents/receipt-document'
import { handOverIntake, handOverRefusal } from '../../../src-renderer/features/intake/hand-over-intake'
import { listIntakeQueuePage, queueClock } from '../../../src-renderer/features/intake/intake-queues'
import { intakeStatusLabel } from '../../../src-renderer/features/intake/intake-labels'
import { owedMaterials } from '../../../src-renderer/db/owed-materials'
import { supplementIntake, supplementRefusal } from '../../../src-renderer/features/intake/supplement-intake'
import { withdrawIntake, withdrawRefusal } from '../../../src-renderer/features/intake/withdraw-intake'
import { resendLacking } from '../../../src-renderer/features/end-of-day/resend-lacking'
import { payloadHashesOf, sentMutationOf } from '../../../src-renderer/sync/sent-mutation-log'
import { UserError } from '../../../src-renderer/lib/user-error'
import { catalogItem, clerk, freshDb, lead, residentId, station } from './fixtures'
import { decision, intakeRecord } from './intake-record-fixture'

const calendar = mergeCalendars(bundledCalendars(), [])
/** 2026-10-08 10:00 in China (Thursday, the first working day after the National Day holiday). */
const NOW = new Date('2026-10-08T02:00:00.000Z')
let db: StationDb | undefined

afterEach(async () => {
  await db?.delete()
  db = undefined
})

const county = (iso: string, status: IntakeDecision['status'], note?: string) => ({ status, at: iso, by: '县政务服务中心', note })

function decided(record: IntakeRecord, history: IntakeDecision['history'], extra: Partial<IntakeDecision> = {}): IntakeRecord {
  const made = decision(record, history, extra)
  return { ...record, decision: made, status: made.status, syncState: 'synced' }
}

const correctionAsked = decided(
  intakeRecord(),
  [county('2026-09-30T03:00:00.000Z', 'submitted'), county('2026-10-08T01:00:00.000Z', 'correctionRequested', '照片不清')],
  {
    correction: [
      { materialId: 'm1', name: '居民身份证', problem: '复印件不清晰，请重新复印' },
      { name: '村委会证明', problem: '需加盖公章' },
    ],
  },
)

async function stored(record: IntakeRecord): Promise<StationDb> {
  db = freshDb()
  await db.intakes.put(record)
  return db
}

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

describe('补正 and 容缺后补', () => {
  it('lists the county\u2019s correction items first, then the 容缺 materials still owed', () => {
    expect(owedMaterials(correctionAsked)).toEqual([
      { materialId: 'm1', name: '居民身份证', kind: 'correction', problem: '复印件不清晰，请重新复印' },
      { materialId: 'correction-2', name: '村委会证明', kind: 'correction', problem: '需加盖公章' },
      { materialId: 'm2', name: '户口簿', kind: 'deferred', dueDate: '2026-10-09' },
    ])
  })

  it('records what was brought with its files, through the write path, and the request stops counting as owed', async () => {
    const station = await stored(correctionAsked)
    const blob = new Blob(['scan'])
    const sha = 'a'.repeat(64)
    const supplement = await supplementIntake(
      station,
      {
        intakeId: correctionAsked.id,
        materials: [
          { materialId: 'm1', form: 'copy', count: 2 },
          { materialId: 'correction-2', form: 'original', count: 1 },
        ],
        attachments: [{ materialId: 'm1', sha256: sha, filename: '身份证.jpg', mime: 'image/jpeg', size: 4, blob }],
      },
      { staff: clerk, now: () => NOW },
    )
    expect(supplement.materials[0]).toMatchObject({ materialId: 'm1', status: 'provided', form: 'copy', count: 2, attachments: [sha] })
    const saved = (await station.intakes.get(correctionAsked.id))!
    expect(saved.syncState).toBe('pending')
    expect(saved.supplements?.[0]?.answersCorrectionAt).toBe('2026-10-08T01:00:00.000Z')
    // Only the 容缺 material is still owed, so the resident's date is its due date, not the request's day.
    expect(owedMaterials(saved).map((material) => material.materialId)).toEqual(['m2'])
    expect(saved.residentDueDate).toBe('2026-10-09')
    const [queued] = await station.outbox.toArray()
    expect(queued).toMatchObject({ id: supplement.mutationId, type: 'intake.supplement', entityId: correctionAsked.id, payload: { staffName: '玉香' } })
    expect(queued!.payload).not.toHaveProperty('mutationId')
    expect(await station.attachments.where('intakeId').equals(correctionAsked.id).count()).toBe(1)
    expect((await station.audit.toArray()).map((entry) => [entry.action, entry.by?.username])).toEqual([['intake.supplement', 'yuxiang']])
  })

  it('refuses a material nobody asked for, a 容缺 material after its deadline, an agent, and an ended case', async () => {
    const station = await stored(correctionAsked)
    const notOwed = await rejection(
      supplementIntake(station, { intakeId: correctionAsked.id, materials: [{ materialId: 'm9', form: 'copy', count: 1 }] }, { staff: clerk, now: () => NOW }),
    )
    expect(notOwed.code).toBe('invalid_supplement')
    const late = await rejection(
      supplementIntake(
        station,
        { intakeId: correctionAsked.id, materials: [{ materialId: 'm2', form: 'original', count: 1 }] },
        { staff: clerk, now: () => new Date('2026-10-10T02:00:00.000Z') },
      ),
    )
    expect(late.message).toContain('补交期限2026-10-09已过')
    const agent = await rejection(
      supplementIntake(
        station,
        { intakeId: correctionAsked.id, materials: [{ materialId: 'm2', form: 'original', count: 1 }] },
        { staff: { ...clerk, role: 'agent' }, now: () => NOW },
      ),
    )
    expect(agent.code).toBe('forbidden_role')
    expect([await station.outbox.count(), await station.audit.count()]).toEqual([0, 0])

    const ended = decided(intakeRecord(), [county('2026-09-30T03:00:00.000Z', 'terminated')])
    expect(supplementRefusal(ended)).toContain('已终止办理')
  })

  it('queues 容缺 materials due within 3 working days or overdue, not later ones nor those brought', async () => {
    db = freshDb()
    const base = intakeRecord({ item: { ...intakeRecord().item, acceptOnReceipt: false } })
    const make = (n: number, dueDate: string) =>
      intakeRecord({
        ...base,
        id: `7d444840-9dc0-41ff-9d4c-${String(n).padStart(12, '0')}`,
        intakeNo: `MHMZ01-20260930-ASC000${n}`,
        materials: [base.materials[0]!, { materialId: 'm2', name: '户口簿', status: 'deferred', dueDate, attachments: [] }],
      })
    const overdue = make(1, '2026-10-07')
    const soon = make(2, '2026-10-12')
    const later = make(3, '2026-10-20')
    await db.intakes.bulkPut([
      overdue,
      soon,
      later,
      decided(make(4, '2026-10-09'), [county('2026-09-30T03:00:00.000Z', 'correctionRequested')], { correction: [] }),
    ])
    await supplementIntake(db, { intakeId: soon.id, materials: [{ materialId: 'm2', form: 'original', count: 1 }] }, { staff: clerk, now: () => NOW })
    const rows = await listIntakeQueuePage(db, 'deferredDue', queueClock(NOW, calendar), { offset: 0, limit: 50 })
    // Most urgent first by what the resident owes: number 4 also owes a 补正 asked on 9-30.
    expect(rows.map((row) => row.intakeNo)).toEqual(['MHMZ01-20260930-ASC0004', 'MHMZ01-20260930-ASC0001'])
  })
})

describe('日终对账 resend of an intake action', () => {
  it('rebuilds a confirmed supplement and withdrawal from the intake, same id and payload, with a trail line', async () => {
    const station = await stored(correctionAsked)
    await supplementIntake(
      station,
      { intakeId: correctionAsked.id, materials: [{ materialId: 'm1', form: 'copy', count: 1 }] },
      { staff: clerk, now: () => NOW },
    )
    await withdrawIntake(station, { intakeId: correctionAsked.id, reason: '不再需要' }, { staff: clerk, now: () => NOW })
    // As the sync engine leaves them once the county confirmed both.
    const entries = await station.outbox.toArray()
    const hashes = await payloadHashesOf(entries)
    await station.sentMutations.bulkPut(entries.map((entry) => sentMutationOf(entry, hashes.get(entry.id)!, NOW)))
    await station.outbox.clear()

    const outcome = await resendLacking(
      station,
      entries.map((entry) => entry.id),
      lead,
    )
    expect(outcome).toEqual({ requeued: entries.map((entry) => entry.id), notResendable: [] })
    const again = await station.outbox.toArray()
    expect(again.map((entry) => [entry.id, entry.type])).toEqual(entries.map((entry) => [entry.id, entry.type]))
    for (const entry of again) expect(await payloadHash(entry.payload)).toBe(hashes.get(entry.id))
    expect((await station.audit.toArray()).filter((line) => line.action === 'sync.resend').map((line) => line.by?.username)).toEqual(['yanhan', 'yanhan'])
  })
})

describe('撤回', () => {
  it('records the reason through the write path, shows it pending, and refuses a second one or an ended case', async () => {
    const station = await stored(correctionAsked)
    await withdrawIntake(station, { intakeId: correctionAsked.id, reason: '已在县城办理' }, { staff: clerk, now: () => NOW })
    const saved = (await station.intakes.get(correctionAsked.id))!
    expect(saved.withdrawal).toMatchObject({ reason: '已在县城办理', staffName: '玉香' })
    expect(saved.residentDueDate).toBeUndefined()
    expect(intakeStatusLabel(saved)).toBe('已撤回（待县级确认）')
    expect((await station.outbox.toArray()).map((entry) => entry.type)).toEqual(['intake.withdraw'])
    expect(withdrawRefusal(saved)).toContain('已撤回')
    expect((await rejection(withdrawIntake(station, { intakeId: correctionAsked.id, reason: '再撤' }, { staff: clerk }))).code).toBe('withdraw_refused')
    const blank = await stored(correctionAsked)
    expect((await rejection(withdrawIntake(blank, { intakeId: correctionAsked.id, reason: '  ' }, { staff: clerk }))).issues[0]?.path).toEqual(['reason'])
    expect(withdrawRefusal(decided(intakeRecord(), [county('2026-09-30T03:00:00.000Z', 'completed')]))).toContain('已办结')
  })
})

describe('出件/送达', () => {
  const completedAtStation = decided(intakeRecord(), [county('2026-09-30T03:00:00.000Z', 'accepted'), county('2026-10-08T01:00:00.000Z', 'completed')], {
    result: 'approved',
    deliveryMethod: 'station',
  })

  it('is offered for 站点领取 and after 当场办结, not before 办结 nor for a result the county delivers', () => {
    expect(handOverRefusal(completedAtStation)).toBeNull()
    expect(handOverRefusal({ ...completedAtStation, decision: { ...completedAtStation.decision!, deliveryMethod: 'post' } })).toContain('非站点领取')
    expect(handOverRefusal(correctionAsked)).toContain('尚未办结')
    const onSite = intakeRecord({ onSiteCompletion: { intakeId: intakeRecord().id, result: 'approved', leadName: '岩罕', createdAt: NOW.toISOString() } })
    expect(handOverRefusal(onSite)).toBeNull()
  })

  it('records who received it (ID checked, relationship when not the applicant) and shows 已送达 pending', async () => {
    const valid = residentId('53282219820202002')
    const wrongCheck = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1')
    const station = await stored(completedAtStation)
    const bad = await rejection(
      handOverIntake(
        station,
        { intakeId: completedAtStation.id, recipientIsApplicant: false, recipientName: '岩香', recipientIdNumber: wrongCheck },
        { staff: clerk, now: () => NOW },
      ),
    )
    expect(bad.issues.map((issue) => issue.path[0])).toEqual(['recipientIdNumber'])
    const noRelationship = await rejection(
      handOverIntake(
        station,
        { intakeId: completedAtStation.id, recipientIsApplicant: false, recipientName: '岩香', recipientIdNumber: valid },
        { staff: clerk },
      ),
    )
    expect(noRelationship.issues.map((issue) => issue.path[0])).toEqual(['relationship'])
    const handOver = await handOverIntake(
      station,
      { intakeId: completedAtStation.id, recipientIsApplicant: false, recipientName: '岩香', recipientIdNumber: valid, relationship: '配偶' },
      { staff: clerk, now: () => NOW },
    )
    expect(handOver).toMatchObject({ recipientName: '岩香', relationship: '配偶', handedOverAt: NOW.toISOString(), staffName: '玉香' })
    const saved = (await station.intakes.get(completedAtStation.id))!
    expect(intakeStatusLabel(saved)).toBe('已送达（待县级确认）')
    expect((await station.outbox.toArray()).map((entry) => entry.type)).toEqual(['intake.handOver'])
    const receipt = intakeDocuments(context(saved)).find((document) => document.kind === 'deliveryReceipt')!
    const text = documentText(receipt)
    expect(text).toContain('领取人：岩香')
    expect(text).toContain('与申请人关系：配偶')
    expect(text).toContain('领取人（签字）')
    expect(text).not.toContain(valid)
  })
})

function context(intake: IntakeRecord): DocumentContext {
  return { intake, item: catalogItem, station, calendar }
}

describe('intake action and decision documents', () => {
  it('a 即办件 receipt promises no "0个工作日" and no 当场办结 before it happened', () => {
    const onTheSpot = intakeRecord({ item: { ...intakeRecord().item, handling: '1' } })
    const before = documentText(receiptDocument(context(onTheSpot)))
    expect(before).not.toContain('0个工作日')
    expect(before).not.toContain('当场办结')
    expect(before).toContain('受理当日（2026年9月30日）办结')
    const after = documentText(
      receiptDocument(
        context({ ...onTheSpot, onSiteCompletion: { intakeId: onTheSpot.id, result: 'approved', leadName: '岩罕', createdAt: '2026-09-30T03:00:00.000Z' } }),
      ),
    )
    expect(after).toContain('已于2026年9月30日当场办结')
  })

  it('prints the 补正材料收据, the 撤回申请 with a signature line, and the county\u2019s notices once decided', () => {
    const kinds = (intake: IntakeRecord) => intakeDocuments(context(intake)).map((document) => document.kind)
    const withdrawn = intakeRecord({ withdrawal: { intakeId: intakeRecord().id, reason: '不再需要', staffName: '玉香', createdAt: NOW.toISOString() } })
    const request = intakeDocuments(context(withdrawn)).find((document) => document.kind === 'withdrawalRequest')!
    expect(documentText(request)).toContain('撤回原因：不再需要')
    expect(request.sections.at(-1)?.signatures).toContain('申请人（签字/盖章）')

    const refused = decided(intakeRecord(), [county('2026-10-08T01:00:00.000Z', 'refused')], { refusalReason: '不属于本部门职责' })
    const refusal = documentText(intakeDocuments(context(refused)).find((document) => document.kind === 'refusalDecision')!)
    expect(refusal).toContain('理由：不属于本部门职责')
    expect(refusal).toContain('重新提出申请')
    expect(refusal).toContain('行政复议')
    expect(refusal).toContain('行政诉讼')

    expect(kinds(decided(intakeRecord(), [county('2026-10-08T01:00:00.000Z', 'completed')], { result: 'approved', deliveryMethod: 'station' }))).toContain(
      'completionNotice',
    )
    const ended = decided(intakeRecord(), [county('2026-10-12T01:00:00.000Z', 'terminated')], { terminationReason: '户口簿逾期未补交' })
    const notice = documentText(intakeDocuments(context(ended)).find((document) => document.kind === 'terminationNotice')!)
    expect(notice).toContain('终止办理通知书')
    expect(notice).toContain('户口簿 | 2026年10月9日')
    expect(notice).toContain('终止理由：户口簿逾期未补交')
    expect(kinds(intakeRecord())).not.toContain('terminationNotice')
  })
})
