import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ServiceItem } from '../../../shared/catalog'
import { useStation } from '../../context/station-context'
import { messageOf } from '../../lib/user-error'
import { NEW_INTAKE_DRAFT_ID } from '../intake/intake-draft'
import { deleteDraftFile, loadDraftFiles, saveDraftFiles } from './draft-files'
import { prepareAttachment, type PreparedAttachment } from './prepare-attachment'

/** The new-intake form's files, per material, kept with its draft until the intake is saved with them. */
export type IntakeAttachments = {
  attachments: readonly PreparedAttachment[]
  /** True while the draft's files are read back, or files are being compressed, hashed and stored. */
  busy: boolean
  /** Why the draft's files could not be read back (Chinese), or null. */
  restoreError: string | null
  /** Adds the files to a material; answers the refusals (Chinese), one per file refused. */
  add(materialId: string, files: readonly File[]): Promise<string[]>
  /** Takes a file off a material; answers the refusal (Chinese) when it could not be removed from the draft. */
  remove(materialId: string, sha256: string): Promise<string[]>
}

/** Where a form keeps its files besides memory (the draft's files), or null for memory only. */
type AttachmentStore = {
  save(files: readonly PreparedAttachment[]): Promise<void>
  delete(materialId: string, sha256: string): Promise<void>
}

/**
 * A form's files per material. A file shows only once `store` has kept it: a full disk refuses
 * it instead of keeping it in memory. `store` must stay the same object across renders.
 */
export function useAttachmentList(store: AttachmentStore | null) {
  const [attachments, setAttachments] = useState<readonly PreparedAttachment[]>([])
  const [pending, setPending] = useState(0)

  const add = useCallback(
    async (materialId: string, files: readonly File[]) => {
      setPending((count) => count + 1)
      const refusals: string[] = []
      const prepared: PreparedAttachment[] = []
      try {
        const held = attachments.filter((file) => file.materialId === materialId)
        for (const file of files) {
          try {
            prepared.push(await prepareAttachment(file, materialId, held.length + prepared.length))
          } catch (error) {
            refusals.push(messageOf(error))
          }
        }
        // The same file twice on one material is kept once.
        const fresh = withoutDuplicates(prepared).filter((file) => !held.some((other) => other.sha256 === file.sha256))
        if (fresh.length > 0) {
          try {
            await store?.save(fresh)
            setAttachments((current) => withoutDuplicates([...current, ...fresh]))
          } catch (error) {
            refusals.push(`${fresh.map((file) => `“${file.filename}”`).join('、')}未能添加：${messageOf(error)}`)
          }
        }
      } finally {
        setPending((count) => count - 1)
      }
      return refusals
    },
    [attachments, store],
  )

  const remove = useCallback(
    async (materialId: string, sha256: string) => {
      try {
        await store?.delete(materialId, sha256)
      } catch (error) {
        return [`附件未能删除：${messageOf(error)}`]
      }
      setAttachments((current) => current.filter((file) => !(file.materialId === materialId && file.sha256 === sha256)))
      return []
    },
    [store],
  )

  /** Puts files read back from the store in front of any added meanwhile. */
  const restore = useCallback((restored: readonly PreparedAttachment[]) => setAttachments((current) => withoutDuplicates([...restored, ...current])), [])

  return { attachments, busy: pending > 0, add, remove, restore }
}

/**
 * The files of the new-intake form's draft (NEW_INTAKE_DRAFT_ID): read back on mount, stored
 * when added and deleted when removed, so a reload shows them exactly as they were.
 */
export function useIntakeAttachments(): IntakeAttachments {
  const { db } = useStation()
  const store = useMemo<AttachmentStore>(
    () => ({
      save: (files) => saveDraftFiles(db, NEW_INTAKE_DRAFT_ID, files),
      delete: (materialId, sha256) => deleteDraftFile(db, NEW_INTAKE_DRAFT_ID, materialId, sha256),
    }),
    [db],
  )
  const { attachments, busy, add, remove, restore } = useAttachmentList(store)
  const [restoring, setRestoring] = useState(true)
  const [restoreError, setRestoreError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    loadDraftFiles(db, NEW_INTAKE_DRAFT_ID).then(
      (restored) => {
        if (!live) return
        restore(restored)
        setRestoring(false)
      },
      (error: unknown) => {
        if (!live) return
        setRestoreError(`草稿中的附件未能读出：${messageOf(error)}`)
        setRestoring(false)
      },
    )
    return () => {
      live = false
    }
  }, [db, restore])

  return { attachments, busy: restoring || busy, restoreError, add, remove }
}

/** One entry per material and hash, the first kept. */
function withoutDuplicates(files: readonly PreparedAttachment[]): PreparedAttachment[] {
  return files.filter((file, index) => files.findIndex((other) => other.materialId === file.materialId && other.sha256 === file.sha256) === index)
}

/** Only the files of the chosen item's materials go with the intake (the clerk may have changed the item). */
export function attachmentsForItem(attachments: readonly PreparedAttachment[], item: ServiceItem | undefined): PreparedAttachment[] {
  if (item === undefined) return []
  const ids = new Set(item.materials.map((material) => material.id))
  return attachments.filter((file) => ids.has(file.materialId))
}
