import { assistReasonSchema, materialStatusSchema, serviceModeSchema, type MaterialStatus } from '../../../shared/intake'
import type { LifeEvent } from '../../../shared/life-event'
import { z } from '../../../shared/zod'
import type { StationDb } from '../../db/station-db'
import { isQuotaError, STORAGE_FULL_MESSAGE, UserError } from '../../lib/user-error'
import { discardIntakeDraft } from '../intake/intake-draft'
import { materialStatusRefusal } from '../intake/material-rules'
import { sharedStatusRefusal, type BundleChecklist } from './bundle-checklist'
import { initialLifeEventValues, type LifeEventFormValues } from './life-event-form'

/**
 * The 一件事一次办 form has one draft at a time on a device, like 新建办件 (NEW_INTAKE_DRAFT_ID),
 * under its own id in the same `drafts` table, so the two forms never restore each other's values.
 * The draft names its bundle: after a reload the app opens at 事项目录, which offers to continue it.
 */
export const LIFE_EVENT_DRAFT_ID = 'lifeEventIntake'

/** The last step of the form (核对并提交). */
const LAST_STEP = 3

/** A row of the `drafts` table for this form: which bundle, the form's values, the step shown, and when. */
export type LifeEventDraftRecord = {
  id: string
  lifeEventId: string
  /** The bundle's name when saved: shown even if the bundle has since left this station's catalog. */
  lifeEventName: string
  values: LifeEventFormValues
  step: number
  savedAt: string
}

// Checked only for shape, never for the rules a submit enforces: a field that does not fit
// (an old form's leftover, a value from another version) is dropped, the rest restored.
const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)
const draftText = (max: number) => loose(z.string().max(max))
const entrySchema = loose(z.object({ status: loose(materialStatusSchema), dueDate: draftText(10) }))
/** A record whose broken entries are dropped one by one, not the whole record with them. */
const looseRecord = <T extends z.ZodType>(value: T) =>
  z
    .record(z.string().max(40), z.unknown())
    .catch({})
    .transform((entries) =>
      Object.fromEntries(
        Object.entries(entries).flatMap(([key, entry]) => {
          const parsed = value.safeParse(entry)
          return parsed.success && parsed.data !== undefined ? [[key, parsed.data as z.output<T>]] : []
        }),
      ),
    )

const lifeEventFormValuesSchema = z.object({
  itemIds: z
    .array(z.unknown())
    .catch([])
    .transform((ids) => ids.filter((id): id is string => typeof id === 'string' && id.length <= 24)),
  applicantKind: z.enum(['person', 'organisation']).catch('person'),
  person: loose(z.object({ name: draftText(50), idNumber: draftText(18), phone: draftText(40), address: draftText(200) })),
  organisation: loose(
    z.object({ name: draftText(100), creditCode: draftText(18), legalRepresentative: draftText(50), phone: draftText(40), address: draftText(200) }),
  ),
  serviceMode: serviceModeSchema.catch('self'),
  assistReason: loose(assistReasonSchema),
  assistNote: draftText(200),
  proxyAuthorization: draftText(200),
  note: draftText(1000),
  shared: looseRecord(entrySchema),
  own: looseRecord(loose(looseRecord(entrySchema))),
})

const lifeEventDraftRecordSchema = z.object({
  id: z.literal(LIFE_EVENT_DRAFT_ID),
  lifeEventId: z.string().min(1).max(40),
  lifeEventName: z.string().max(100).catch(''),
  values: lifeEventFormValuesSchema,
  step: z.number().int().min(0).max(LAST_STEP).catch(0),
  savedAt: z.string(),
})

/**
 * The `drafts` table is typed for 新建办件's values; this form keeps its own shape in the same
 * table (no schema change: the table stores any object by id), read back through its own schema.
 */
function draftsTable(db: StationDb) {
  return db.table<LifeEventDraftRecord, string>('drafts')
}

/**
 * Stores the form as the draft. One `put`, atomic on its own; the draft is deleted by
 * submitLifeEventIntakes in the intakes' own transaction (draftId), never here.
 * Throws UserError `storage_full` when the disk is full.
 */
export async function saveLifeEventDraft(
  db: StationDb,
  draft: { lifeEvent: Pick<LifeEvent, 'id' | 'name'>; values: LifeEventFormValues; step: number },
  options: { now?: () => Date } = {},
): Promise<LifeEventDraftRecord> {
  const record = lifeEventDraftRecordSchema.parse({
    id: LIFE_EVENT_DRAFT_ID,
    lifeEventId: draft.lifeEvent.id,
    lifeEventName: draft.lifeEvent.name,
    values: draft.values,
    step: draft.step,
    savedAt: (options.now ?? (() => new Date()))().toISOString(),
  }) as LifeEventDraftRecord
  try {
    await draftsTable(db).put(record)
  } catch (error) {
    if (isQuotaError(error)) throw new UserError('storage_full', STORAGE_FULL_MESSAGE)
    throw error
  }
  return record
}

/** The stored draft, or null if there is none (or it cannot be read as this form any more). */
export async function loadLifeEventDraft(db: StationDb): Promise<LifeEventDraftRecord | null> {
  const stored = await draftsTable(db).get(LIFE_EVENT_DRAFT_ID)
  if (stored === undefined) return null
  const parsed = lifeEventDraftRecordSchema.safeParse(stored)
  return parsed.success ? (parsed.data as LifeEventDraftRecord) : null
}

/** 放弃草稿: the clerk starts over (the same deletion as 新建办件's, files and all). */
export async function discardLifeEventDraft(db: StationDb): Promise<void> {
  await discardIntakeDraft(db, LIFE_EVENT_DRAFT_ID)
}

type RestoredLifeEventDraft = {
  values: LifeEventFormValues
  step: number
  /** Names (or ids, when the item left this station's catalog) of chosen items that can no longer be taken. */
  droppedItems: string[]
}

/**
 * The values to open the bundle form with from its draft, against the bundle and catalog as
 * they are now: a chosen item suspended, withdrawn or gone from the bundle since is unchosen
 * (and named), a material status the guide no longer allows is unset again (the clerk chooses
 * anew), and every material the draft lacks starts unchosen. When something was dropped the form
 * opens at 选择事项, so the clerk sees the choice that changed.
 */
export function restoreLifeEventDraft(draft: Pick<LifeEventDraftRecord, 'values' | 'step'>, checklist: BundleChecklist): RestoredLifeEventDraft {
  const defaults = initialLifeEventValues(checklist)
  const saved = draft.values
  const available = new Set(defaults.itemIds)
  const nameOf = (id: string) => checklist.items.find((entry) => entry.item.id === id)?.item.name ?? id
  const itemIds = saved.itemIds.filter((id) => available.has(id))
  const droppedItems = saved.itemIds.filter((id) => !available.has(id)).map(nameOf)

  const shared = Object.fromEntries(
    checklist.shared.map((entry) => [
      entry.key,
      keepAllowed(defaults.shared[entry.key], saved.shared[entry.key], (status) => sharedStatusRefusal(entry, status)),
    ]),
  )
  const own = Object.fromEntries(
    checklist.items.map(({ item, own: materials }) => [
      item.id,
      Object.fromEntries(
        materials.map((material) => [
          material.id,
          keepAllowed(defaults.own[item.id]?.[material.id], saved.own[item.id]?.[material.id], (status) => materialStatusRefusal(material, status)),
        ]),
      ),
    ]),
  )
  const values: LifeEventFormValues = { ...saved, itemIds, shared, own }
  const step = droppedItems.length > 0 || itemIds.length < 2 ? 0 : Math.min(Math.max(draft.step, 0), LAST_STEP)
  return { values, step, droppedItems }
}

type Entry = { status?: MaterialStatus; dueDate?: string }

function keepAllowed(fallback: Entry | undefined, saved: Entry | undefined, refusal: (status: MaterialStatus) => string | null): Entry | undefined {
  if (saved?.status === undefined || refusal(saved.status) !== null) return fallback
  return saved.status === 'deferred' ? { status: saved.status, dueDate: saved.dueDate } : { status: saved.status }
}

/** What 事项目录 says about a waiting draft: the bundle's current name, or that it is gone. */
export function lifeEventDraftNotice(
  draft: Pick<LifeEventDraftRecord, 'lifeEventId' | 'lifeEventName'>,
  bundles: readonly Pick<LifeEvent, 'id' | 'name'>[],
): { name: string; available: boolean } {
  const bundle = bundles.find((candidate) => candidate.id === draft.lifeEventId)
  return bundle ? { name: bundle.name, available: true } : { name: draft.lifeEventName || draft.lifeEventId, available: false }
}
