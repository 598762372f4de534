import type { ServiceItem } from '../../../shared/catalog'
import {
  itemSnapshotOf,
  newIntakeSubmitPayloadSchema,
  type AssistReason,
  type IntakeLifeEvent,
  type IntakeSubmitInput,
  type MaterialStatus,
  type ProvidedForm,
  type ServiceMode,
} from '../../../shared/intake'
import type { IntakeIdCardRead } from '../../../shared/id-card'
import { intakeRecordSchema, type IntakeRecord } from '../../../shared/station-records'
import { chinaDate } from '../../../shared/working-days'
import { readMeta, writeMeta } from '../../db/meta'
import type { StaffActor } from '../../db/staff-permissions'
import type { StationDb } from '../../db/station-db'
import { writeStationMutation } from '../../db/station-write'
import { newLookupKey } from '../../lib/lookup-key'
import { UserError, type FieldIssue } from '../../lib/user-error'
import { lastClockOffsetMs } from '../../sync/sync-log'
import { deleteDraftFilesOf } from '../attachments/draft-files'
import { attachmentHashesOf, newAttachmentRows, type NewAttachment } from '../attachments/new-attachments'
import { loadCalendar } from '../../db/load-calendar'
import { deferredDueDateLimit, deferredDueDateRefusal, type DeferredDueDateLimit } from './deferred-due-date'
import { intakeNoTag, takeIntakeNo } from './intake-number'
import { checklistMaterials, materialStatusRefusal, providedCountRefusal } from './material-rules'

/** What the clerk filled in; the rest of the payload (ids, number, item snapshot, station, time) is added here. */
export type IntakeDraft = {
  itemId: string
  applicant: IntakeSubmitInput['applicant']
  serviceMode: ServiceMode
  assistReason?: AssistReason
  assistNote?: string
  proxyAuthorization?: string
  /** For 代办: who acts for the applicant (contract-9 `agent`); ignored for other modes. */
  agent?: IntakeSubmitInput['agent']
  /** One entry per material of the item, by the item's material id. */
  materials: ReadonlyArray<{ materialId: string; status: MaterialStatus; dueDate?: string; form?: ProvidedForm; count?: number }>
  staffName: string
  note?: string
  /** Set by the 一件事一次办 intake: the bundle this intake is one of. */
  lifeEvent?: IntakeLifeEvent
  /** Set when the applicant was read from their ID card (id-card-fill.ts). */
  idCardRead?: IntakeIdCardRead
}

export type SubmitIntakeOptions = {
  now?: () => Date
  newId?: () => string
  /** The form's draft (drafts table, with its files in draftFiles) to delete with the intake: both are written, or neither. */
  draftId?: string
  /**
   * The signed-in staff member: must be allowed to take intakes; the payload's `staffName`
   * (经办人) is their name, not what the form says.
   */
  staff: StaffActor
  /** Files the clerk added, saved with the intake in its transaction and named by hash in its materials. */
  attachments?: readonly NewAttachment[]
}

/**
 * Saves a new intake through the station write path: validates it with the shared payload
 * schema (and the item's material rules), takes the next intake number of the day, and writes
 * the intake, its `intake.submit` outbox mutation, its audit entry and the advanced counter in
 * ONE Dexie transaction. Any failure, validation included, aborts the transaction, so
 * nothing is written and the number is not used up. The form's draft, if given, is
 * deleted in that same transaction: a saved intake leaves no draft behind, and a refused
 * one keeps the draft, so the clerk's typing is never lost either way.
 *
 * Throws UserError `invalid_intake` with per-field issues (paths as in the payload),
 * `not_enrolled`, `item_unavailable`, `not_signed_in`, `forbidden_role` or `storage_full`.
 */
export async function submitIntake(db: StationDb, draft: IntakeDraft, options: SubmitIntakeOptions): Promise<IntakeRecord> {
  const staffName = options.staff.displayName
  const tables = [db.catalogItems, db.stationItems, db.intakes, db.meta, db.drafts, db.draftFiles, db.attachments, db.calendar]
  // Read before the transaction: the sync log is the engine's, and an offset a moment old is as good.
  const clockOffsetMs = await lastClockOffsetMs(db)
  return writeStationMutation(db, {
    actor: options.staff,
    action: 'intake.submit',
    tables,
    now: options.now,
    newId: options.newId,
    change: async ({ createdAt, newId }) => {
      const now = new Date(createdAt)
      // Every read the checks need, issued at once: the transaction answers them in one wait
      // instead of one after the other (each wait is a trip to the browser's database process).
      const [station, deviceId, deviceNumber, item, offered, calendar] = await Promise.all([
        readMeta(db, 'station'),
        readMeta(db, 'deviceId'),
        readMeta(db, 'deviceNumber'),
        db.catalogItems.get(draft.itemId),
        db.stationItems.get(draft.itemId),
        // Read here, in the transaction, so the 容缺 limit is the one this intake is saved under.
        loadCalendar(db),
      ])
      if (station === undefined || deviceId === undefined) throw new UserError('not_enrolled', '本设备尚未注册到县级服务器，不能新建办件')
      if (item === undefined) {
        throw new UserError('invalid_intake', '请选择办理事项', [{ path: ['item'], message: '请选择办理事项' }])
      }
      if (item.status !== 'active') {
        const message = `“${item.name}”已${item.status === 'suspended' ? '暂停' : '取消'}办理，不能新建办件`
        throw new UserError('item_unavailable', message, [{ path: ['item'], message }])
      }
      // 进驻事项: once the county sent the station's list, only those items (the county refuses others).
      // The list is counted only when the item is not on it: a station without a list takes any.
      if (offered === undefined && (await db.stationItems.count()) > 0) {
        const message = `“${item.name}”不是本站的进驻事项，本站不能受理；请引导申请人到可办理的便民服务中心或县政务服务中心办理`
        throw new UserError('item_unavailable', message, [{ path: ['item'], message }])
      }

      // Counting per day (China time) and per device, inside this transaction: an aborted
      // save leaves the counter as it was, a committed one can never hand its number out again.
      const day = chinaDate(now).replaceAll('-', '')
      const intakeNo = await takeIntakeNo(db, station.code, intakeNoTag({ deviceId, deviceNumber }), day)

      const attachments = options.attachments ?? []
      const dueLimit = deferredDueDateLimit(item, chinaDate(now), calendar)
      const { materials, issues: materialIssues } = materialsFor(item, draft, dueLimit, attachments)
      const parsed = newIntakeSubmitPayloadSchema.safeParse({
        id: newId(),
        intakeNo,
        stationCode: station.code,
        item: itemSnapshotOf(item),
        applicant: draft.applicant,
        serviceMode: draft.serviceMode,
        assistReason: draft.serviceMode === 'self' ? undefined : draft.assistReason,
        assistNote: draft.serviceMode === 'self' ? undefined : emptyToUndefined(draft.assistNote),
        proxyAuthorization: draft.serviceMode === 'proxy' ? emptyToUndefined(draft.proxyAuthorization) : undefined,
        agent: draft.serviceMode === 'proxy' ? draft.agent : undefined,
        materials,
        staffName,
        note: emptyToUndefined(draft.note),
        lifeEvent: draft.lifeEvent,
        idCardRead: draft.applicant.kind === 'person' ? draft.idCardRead : undefined,
        createdAt,
        // The complete application is received now, at the window; the offset puts it on the county's clock.
        receivedAt: createdAt,
        clockOffsetMs,
        lookupKey: newLookupKey(),
      } satisfies IntakeSubmitInput)
      const issues: FieldIssue[] = [
        ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }))),
        ...materialIssues,
      ]
      if (!parsed.success || issues.length > 0) {
        throw new UserError('invalid_intake', `办件信息有误：${issues[0]!.message}`, issues)
      }
      const payload = parsed.data
      const record = intakeRecordSchema.parse({ ...payload, syncState: 'pending' })

      // The writes are issued together and awaited once; any that fails aborts the transaction, all of them with it.
      const writes: Promise<unknown>[] = [db.intakes.add(record), writeMeta(db, 'staffName', payload.staffName)]
      // The files go in the same transaction: an intake never names a file this station lacks.
      if (attachments.length > 0) writes.push(db.attachments.bulkPut(newAttachmentRows(payload.id, attachments, createdAt)))
      if (options.draftId !== undefined) {
        // The draft's files go with it: those submitted are now the intake's attachments, the rest
        // (materials of another item the clerk first chose) were never meant to be sent.
        writes.push(db.drafts.delete(options.draftId), deleteDraftFilesOf(db, options.draftId))
      }
      await Promise.all(writes)
      return {
        mutation: { id: newId(), type: 'intake.submit', entityId: payload.id, payload, createdAt },
        audit: { action: 'intake.submit', entityId: payload.id, intakeNo },
        result: record,
      }
    },
  })
}

/** The item's materials in the guide's order, with what the clerk recorded for each. */
function materialsFor(
  item: ServiceItem,
  draft: IntakeDraft,
  dueLimit: DeferredDueDateLimit,
  attachments: readonly NewAttachment[],
): { materials: IntakeSubmitInput['materials']; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  // For 代办 the agent's ID card is on the checklist too (material-rules.ts).
  const checklist = checklistMaterials(item, draft.serviceMode)
  for (const file of attachments) {
    if (!checklist.some((material) => material.id === file.materialId)) {
      issues.push({ path: ['materials'], message: `附件“${file.filename}”所属的材料不属于该事项，请重新添加` })
    }
  }
  const hashesOf = (materialId: string) => attachmentHashesOf(attachments, materialId)
  const byId = new Map(draft.materials.map((entry) => [entry.materialId, entry]))
  for (const entry of draft.materials) {
    if (!checklist.some((material) => material.id === entry.materialId)) {
      issues.push({ path: ['materials'], message: `材料“${entry.materialId}”不属于该事项，请重新选择事项` })
    }
  }
  const materials = checklist.map((material, index) => {
    const entry = byId.get(material.id)
    if (entry === undefined) {
      issues.push({ path: ['materials', index, 'status'], message: `请填写“${material.name}”的收取情况` })
      return { materialId: material.id, name: material.name, status: 'missing' as const, attachments: hashesOf(material.id) }
    }
    const refusal = materialStatusRefusal(material, entry.status)
    if (refusal !== null) issues.push({ path: ['materials', index, 'status'], message: refusal })
    const dueDate = entry.status === 'deferred' ? emptyToUndefined(entry.dueDate) : undefined
    const dueRefusal = dueDate === undefined ? null : deferredDueDateRefusal(material.name, dueDate, dueLimit)
    if (dueRefusal !== null) issues.push({ path: ['materials', index, 'dueDate'], message: dueRefusal })
    // 原件/复印件/电子件 and 份数 describe what was received: only a received material has them.
    const provided = entry.status === 'provided'
    const countRefusal = provided && entry.count !== undefined ? providedCountRefusal(material.name, entry.count) : null
    if (countRefusal !== null) issues.push({ path: ['materials', index, 'count'], message: countRefusal })
    return {
      materialId: material.id,
      name: material.name,
      status: entry.status,
      form: provided ? entry.form : undefined,
      count: provided ? entry.count : undefined,
      dueDate,
      attachments: hashesOf(material.id),
    }
  })
  return { materials, issues }
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
