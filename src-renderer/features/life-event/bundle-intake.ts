import type { ServiceItem } from '../../../shared/catalog'
import type { IntakeLifeEvent, MaterialStatus, ProvidedForm, ServiceMode } from '../../../shared/intake'
import type { LifeEvent } from '../../../shared/life-event'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StationDb } from '../../db/station-db'
import { stationTransaction } from '../../db/station-write'
import { UserError, type FieldIssue, type StationErrorCode } from '../../lib/user-error'
import { newUuid } from '../../lib/uuid'
import { checklistMaterials } from '../intake/material-rules'
import { submitIntake, type IntakeDraft, type SubmitIntakeOptions } from '../intake/submit-intake'
import { buildBundleChecklist, type BundleChecklist } from './bundle-checklist'

export type BundleMaterialEntry = { status: MaterialStatus; dueDate?: string; form?: ProvidedForm; count?: number }

/** What the clerk filled in once for a 一件事一次办 sitting. */
export type LifeEventIntakeDraft = Pick<
  IntakeDraft,
  'applicant' | 'serviceMode' | 'assistReason' | 'assistNote' | 'proxyAuthorization' | 'agent' | 'staffName' | 'note'
> & {
  /** The bundle's items the resident needs, in any order; at least two. */
  itemIds: readonly string[]
  /** By shared entry key (BundleChecklist.shared[].key). */
  shared: Readonly<Record<string, BundleMaterialEntry | undefined>>
  /** By item id, then the item's material id: the item's own materials. */
  own: Readonly<Record<string, Readonly<Record<string, BundleMaterialEntry | undefined>> | undefined>>
}

type SubmitLifeEventOptions = Pick<SubmitIntakeOptions, 'now' | 'newId' | 'staff' | 'draftId'>

/**
 * Every table: a Dexie sub-transaction may only use its parent's tables, and submitIntake's
 * list grows (the calendar, for 容缺 limits); all of them keeps this from breaking silently.
 */
function intakeTables(db: StationDb) {
  return db.tables
}

/** One submitIntake draft per included item: shared statuses copied onto every material they cover, unset ones left out. */
function itemDrafts(checklist: BundleChecklist, draft: LifeEventIntakeDraft, tag: IntakeLifeEvent): IntakeDraft[] {
  const included = new Set(draft.itemIds)
  return checklist.items
    .filter((entry) => included.has(entry.item.id))
    .map(({ item, sharedKeyOf }) => ({
      itemId: item.id,
      applicant: draft.applicant,
      serviceMode: draft.serviceMode,
      assistReason: draft.assistReason,
      assistNote: draft.assistNote,
      proxyAuthorization: draft.proxyAuthorization,
      agent: draft.agent,
      staffName: draft.staffName,
      note: draft.note,
      lifeEvent: tag,
      materials: checklistMaterials(item, draft.serviceMode).flatMap((material) => {
        const sharedKey = sharedKeyOf[material.id]
        const shared = sharedKey === undefined ? undefined : checklist.shared.find((entry) => entry.key === sharedKey)
        const entry = shared !== undefined ? draft.shared[shared.key] : draft.own[item.id]?.[material.id]
        // No default: a material the clerk left unset is not sent, so submitIntake names it.
        return entry === undefined ? [] : [{ materialId: material.id, ...entry }]
      }),
    }))
}

/**
 * Takes a 一件事一次办 sitting: one intake per included item of the bundle (each department
 * decides its own), all carrying the same new `bundleId`, written in ONE Dexie transaction
 * around the items' submitIntake calls (Dexie nests them), so either every intake is saved
 * with its number, outbox entry and audit, or nothing is and no number is used up.
 *
 * A bundle needs at least two items: one item alone is an ordinary 新建办件, and the payload
 * schema refuses `itemCount` 1. Before writing, each item is tried alone in a transaction
 * that is always rolled back, so the clerk sees every item's problems at once, not only the
 * first. Issues keep submitIntake's paths for the shared fields (applicant, service mode …);
 * an item's own problems come as ['items', itemId, …] and shared materials' as
 * ['shared', key, field], each message naming the item.
 */
export async function submitLifeEventIntakes(
  db: StationDb,
  draft: LifeEventIntakeDraft,
  lifeEvent: LifeEvent,
  options: SubmitLifeEventOptions,
): Promise<IntakeRecord[]> {
  const itemIds = [...new Set(draft.itemIds)]
  const outside = itemIds.filter((id) => !lifeEvent.itemIds.includes(id))
  if (outside.length > 0) {
    const message = `事项“${outside.join('、')}”不属于${lifeEvent.name}，请重新选择`
    throw new UserError('invalid_intake', message, [{ path: ['items'], message }])
  }
  if (itemIds.length < 2) {
    const message = `${lifeEvent.name}至少要办理两个事项；只办一个事项请使用“新建办件”`
    throw new UserError('invalid_intake', message, [{ path: ['items'], message }])
  }

  const catalogItems = (await db.catalogItems.bulkGet(itemIds)).filter((item): item is NonNullable<typeof item> => item !== undefined)
  const unknown = itemIds.filter((id) => !catalogItems.some((item) => item.id === id))
  if (unknown.length > 0) {
    const message = `本机事项目录中没有事项“${unknown.join('、')}”，请先同步后再办理`
    throw new UserError(
      'invalid_intake',
      message,
      unknown.map((id) => ({ path: ['items', id], message })),
    )
  }
  const checklist = buildBundleChecklist(lifeEvent, catalogItems, new Set(itemIds), draft.serviceMode)
  const tag: IntakeLifeEvent = { id: lifeEvent.id, name: lifeEvent.name, bundleId: newUuid(), itemCount: itemIds.length }
  const drafts = itemDrafts(checklist, draft, tag)
  const itemOf = (id: string) => checklist.items.find((entry) => entry.item.id === id)!

  // Dry run: each item alone, always rolled back, to gather every item's problems.
  const issues: FieldIssue[] = []
  let firstMessage: string | undefined
  let firstCode: StationErrorCode = 'invalid_intake'
  for (const itemDraft of drafts) {
    const error = await dryRun(db, itemDraft, options)
    if (error === null) continue
    if (
      !(error instanceof UserError) ||
      error.code === 'not_enrolled' ||
      error.code === 'forbidden_role' ||
      error.code === 'not_signed_in' ||
      error.code === 'storage_full'
    )
      throw error
    const bundleError = forBundle(error, itemOf(itemDraft.itemId).item, checklist, draft.serviceMode)
    firstMessage ??= bundleError.message
    if (bundleError.code === 'item_unavailable') firstCode = 'item_unavailable'
    for (const issue of bundleError.issues) {
      if (!issues.some((known) => known.path.join('.') === issue.path.join('.') && known.message === issue.message)) issues.push(issue)
    }
  }
  if (firstMessage !== undefined) throw new UserError(firstCode, firstMessage, issues)

  // Without a dry-run failure the real save rarely fails (a race with a sync); its item is named then.
  let current = drafts[0]!.itemId
  try {
    return await stationTransaction(db, intakeTables(db), async () => {
      const records: IntakeRecord[] = []
      for (const itemDraft of drafts) {
        current = itemDraft.itemId
        // The draft, if any, goes with the last intake: all are written or none, so it is the same.
        const last = records.length === drafts.length - 1
        records.push(await submitIntake(db, itemDraft, { ...options, draftId: last ? options.draftId : undefined }))
      }
      return records
    })
  } catch (error) {
    throw error instanceof UserError ? forBundle(error, itemOf(current).item, checklist, draft.serviceMode) : error
  }
}

const DRY_RUN = Symbol('dry run')

async function dryRun(db: StationDb, itemDraft: IntakeDraft, options: SubmitLifeEventOptions): Promise<unknown> {
  try {
    await db.transaction('rw', intakeTables(db), async () => {
      // Ids from newUuid, not options.newId: a caller's id sequence belongs to the real save.
      await submitIntake(db, itemDraft, { now: options.now, staff: options.staff })
      throw DRY_RUN
    })
  } catch (error) {
    return error === DRY_RUN ? null : error
  }
  return null
}

/** submitIntake's error for one item, restated for the bundle form: item-specific issues name the item. */
function forBundle(error: UserError, item: ServiceItem, checklist: BundleChecklist, serviceMode: ServiceMode): UserError {
  const entry = checklist.items.find((candidate) => candidate.item.id === item.id)
  let itemSpecific = false
  const issues = error.issues.map((issue): FieldIssue => {
    const [head, index, field] = issue.path
    if (head === 'item' || head === 'itemId') {
      itemSpecific = true
      return { path: ['items', item.id], message: issue.message }
    }
    if (head === 'materials') {
      itemSpecific = true
      // submitIntake's index is into the item's checklist, 代办人身份证 included.
      const material = typeof index === 'number' ? checklistMaterials(item, serviceMode)[index] : undefined
      const message = issue.message.includes(item.name) ? issue.message : `${item.name}：${issue.message}`
      if (material === undefined) return { path: ['items', item.id], message }
      const sharedKey = entry?.sharedKeyOf[material.id]
      const leaf = typeof field === 'string' ? field : 'status'
      return { path: sharedKey !== undefined ? ['shared', sharedKey, leaf] : ['items', item.id, 'materials', material.id, leaf], message }
    }
    return issue
  })
  const message = itemSpecific && !error.message.includes(item.name) ? `${item.name}：${error.message}` : error.message
  return new UserError(error.code, message, issues)
}
