import { intakeSupplementPayloadSchema, supplementTarget } from '../../../shared/intake-actions'
import type { IntakeMaterial, ProvidedForm } from '../../../shared/intake'
import { stationSupplementSchema, type IntakeRecord, type StationSupplement } from '../../../shared/station-records'
import { chinaDate } from '../../../shared/working-days'
import { writeIntakeMutation, type IntakeWriteOptions } from '../../db/intake-write'
import type { StationDb } from '../../db/station-db'
import { fieldIssuesOf, UserError, type FieldIssue } from '../../lib/user-error'
import { openCorrectionAt, owedMaterials } from '../../db/owed-materials'
import { attachmentHashesOf, newAttachmentRows, type NewAttachment } from '../attachments/new-attachments'

/**
 * Why materials cannot be recorded for this intake now, or null. The status machine shared with
 * the county decides on its last word; the station adds what only it knows (a withdrawal or an
 * on-site completion recorded here, an intake the county never took, nothing owed).
 */
export function supplementRefusal(intake: IntakeRecord): string | null {
  if (intake.withdrawal !== undefined) return '该办件已撤回，不能再补交材料'
  if (intake.onSiteCompletion !== undefined) return '该办件已当场办结，无需补交材料'
  if (intake.decision === undefined && intake.syncState === 'rejected') return '县级未接收该办件，不能补交材料；请核对后重新办理'
  const target = supplementTarget(intake.status ?? 'submitted', intake.decision?.acceptedAt !== undefined)
  if (!target.ok) return target.message
  if (owedMaterials(intake).length === 0) return '该办件没有需要补交的材料'
  return null
}

/** One material brought: how it was taken (原件/复印件/电子件), how many copies, and its files. */
export type BroughtMaterial = { materialId: string; form: ProvidedForm; count: number }

type SupplementEntry = {
  intakeId: string
  materials: readonly BroughtMaterial[]
  note?: string
  /** Files for the brought materials, by material id (features/attachments/prepare-attachment.ts). */
  attachments?: readonly NewAttachment[]
}

/**
 * Records materials the resident brought (补正, 容缺后补) through the station write path: the
 * supplement on the intake, its files, its `intake.supplement` outbox mutation and its audit
 * entry in ONE transaction. Each brought material must be one the resident owes; a 容缺
 * material after its 补交期限 is refused (the case ends then: DOMAIN.md).
 *
 * Throws UserError `not_found`, `supplement_refused`, `invalid_supplement` (issues by
 * ['materials', materialId, field]), the write path's permission errors or `storage_full`.
 */
export async function supplementIntake(db: StationDb, entry: SupplementEntry, options: IntakeWriteOptions): Promise<StationSupplement> {
  return writeIntakeMutation(db, entry.intakeId, options, {
    tables: [db.attachments],
    refusal: supplementRefusal,
    refusedCode: 'supplement_refused',
    change: async (intake, { createdAt, actor, newId }) => {
      const owed = owedMaterials(intake)
      const today = chinaDate(new Date(createdAt))
      const attachments = entry.attachments ?? []
      const issues: FieldIssue[] = []
      const materials: IntakeMaterial[] = []
      if (entry.materials.length === 0) issues.push({ path: ['materials'], message: '请至少勾选一份群众带来的材料' })
      for (const brought of entry.materials) {
        const path = ['materials', brought.materialId]
        const material = owed.find((candidate) => candidate.materialId === brought.materialId)
        if (material === undefined) {
          issues.push({ path, message: `材料“${brought.materialId}”不在需补交的清单中，请刷新后重新选择` })
          continue
        }
        if (material.kind === 'deferred' && material.dueDate !== undefined && material.dueDate < today) {
          issues.push({ path: [...path, 'form'], message: `“${material.name}”的补交期限${material.dueDate}已过，逾期未补齐的本次办理终止，请等待县级处理` })
        }
        if (!Number.isInteger(brought.count) || brought.count < 1 || brought.count > 99) {
          issues.push({ path: [...path, 'count'], message: `“${material.name}”的份数应为1至99的整数` })
        }
        materials.push({
          materialId: material.materialId,
          name: material.name,
          status: 'provided',
          form: brought.form,
          count: brought.count,
          attachments: attachmentHashesOf(attachments, brought.materialId),
        })
      }
      for (const file of attachments) {
        if (!entry.materials.some((brought) => brought.materialId === file.materialId)) {
          issues.push({ path: ['materials', file.materialId], message: `附件“${file.filename}”所属的材料未勾选，请勾选该材料或移除附件` })
        }
      }
      const parsed = intakeSupplementPayloadSchema.safeParse({
        intakeId: intake.id,
        materials,
        note: entry.note?.trim() ? entry.note.trim() : undefined,
        staffName: actor.displayName,
        createdAt,
      })
      if (!parsed.success) issues.push(...fieldIssuesOf(parsed.error))
      if (!parsed.success || issues.length > 0) throw new UserError('invalid_supplement', `补交材料有误：${issues[0]!.message}`, issues)

      const mutationId = newId()
      const supplement = stationSupplementSchema.parse({ ...parsed.data, mutationId, answersCorrectionAt: openCorrectionAt(intake) })
      await db.intakes.update(intake.id, { supplements: [...(intake.supplements ?? []), supplement], syncState: 'pending', lastError: undefined })
      // The files go with the supplement: it never names a file this station lacks.
      await db.attachments.bulkPut(newAttachmentRows(intake.id, attachments, createdAt))
      return {
        mutation: { id: mutationId, type: 'intake.supplement', entityId: intake.id, payload: parsed.data, createdAt },
        audit: {
          action: 'intake.supplement',
          entityId: intake.id,
          intakeNo: intake.intakeNo,
          detail: `补交材料：${materials.map((material) => material.name).join('、')}`,
        },
        result: supplement,
      }
    },
  })
}
