import type { ServiceItem } from '../../../shared/catalog'
import { intakeDraftRecordSchema, intakeFormValuesSchema, type IntakeDraftRecord, type IntakeFormValues } from '../../db/intake-draft-record'
import type { StationDb } from '../../db/station-db'
import { deleteDraftFilesOf } from '../attachments/draft-files'
import { isQuotaError, STORAGE_FULL_MESSAGE, UserError } from '../../lib/user-error'
import { initialMaterials } from './intake-form'

/** The 新建办件 form has one draft at a time: the form the clerk left unfinished on this device. */
export const NEW_INTAKE_DRAFT_ID = 'newIntake'

/**
 * Stores the form's values as the draft. One `put`, so it is atomic on its own; the draft
 * is deleted by submitIntake in the intake's own transaction, never here.
 * Throws UserError `storage_full` when the disk is full.
 */
export async function saveIntakeDraft(db: StationDb, values: IntakeFormValues, options: { id?: string; now?: () => Date } = {}): Promise<IntakeDraftRecord> {
  const record: IntakeDraftRecord = {
    id: options.id ?? NEW_INTAKE_DRAFT_ID,
    values: intakeFormValuesSchema.parse(values),
    savedAt: (options.now ?? (() => new Date()))().toISOString(),
  }
  try {
    await db.drafts.put(record)
  } catch (error) {
    if (isQuotaError(error)) throw new UserError('storage_full', STORAGE_FULL_MESSAGE)
    throw error
  }
  return record
}

/** The stored draft, or null if there is none (or it cannot be read as a form any more). */
export async function loadIntakeDraft(db: StationDb, id: string = NEW_INTAKE_DRAFT_ID): Promise<IntakeDraftRecord | null> {
  const stored = await db.drafts.get(id)
  if (stored === undefined) return null
  const parsed = intakeDraftRecordSchema.safeParse(stored)
  return parsed.success ? parsed.data : null
}

/** 放弃草稿: the clerk starts over; the files added to the draft go with it, in one transaction. */
export async function discardIntakeDraft(db: StationDb, id: string = NEW_INTAKE_DRAFT_ID): Promise<void> {
  await db.transaction('rw', [db.drafts, db.draftFiles], async () => {
    await db.drafts.delete(id)
    await deleteDraftFilesOf(db, id)
  })
}

/**
 * The values to open the form with from a draft, against the items that may be chosen now:
 * an item suspended or withdrawn since the draft was saved is dropped (with its materials),
 * and the checklist of a kept item is completed with the guide's defaults for materials the
 * draft does not hold (the county may have changed the item in between).
 */
export function restoreIntakeDraftValues(values: IntakeFormValues, activeItems: readonly ServiceItem[]): { values: IntakeFormValues; itemDropped: boolean } {
  if (values.itemId === undefined || values.itemId === '') return { values: { ...values, materials: {} }, itemDropped: false }
  const item = activeItems.find((candidate) => candidate.id === values.itemId)
  if (item === undefined) return { values: { ...values, itemId: undefined, materials: {} }, itemDropped: true }
  const saved = values.materials ?? {}
  const materials = Object.fromEntries(
    Object.entries(initialMaterials(item)).map(([materialId, defaults]) => [materialId, { ...defaults, ...definedOnly(saved[materialId]) }]),
  )
  return { values: { ...values, materials }, itemDropped: false }
}

function definedOnly<T extends object>(entry: T | undefined): Partial<T> {
  if (entry === undefined) return {}
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as Partial<T>
}
