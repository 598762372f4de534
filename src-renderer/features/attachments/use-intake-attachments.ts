import { useCallback, useState } from 'react'
import type { ServiceItem } from '../../../shared/catalog'
import { messageOf } from '../../lib/user-error'
import { prepareAttachment, type PreparedAttachment } from './prepare-attachment'

/** The new-intake form's files, per material, until the intake is saved with them. */
export type IntakeAttachments = {
  attachments: readonly PreparedAttachment[]
  /** True while files are being compressed and hashed. */
  busy: boolean
  /** Adds the files to a material; answers the refusals (Chinese), one per file refused. */
  add(materialId: string, files: readonly File[]): Promise<string[]>
  remove(materialId: string, sha256: string): void
}

export function useIntakeAttachments(): IntakeAttachments {
  const [attachments, setAttachments] = useState<readonly PreparedAttachment[]>([])
  const [pending, setPending] = useState(0)

  const add = useCallback(
    async (materialId: string, files: readonly File[]) => {
      setPending((count) => count + 1)
      const refusals: string[] = []
      const prepared: PreparedAttachment[] = []
      try {
        const already = attachments.filter((file) => file.materialId === materialId).length
        for (const file of files) {
          try {
            prepared.push(await prepareAttachment(file, materialId, already + prepared.length))
          } catch (error) {
            refusals.push(messageOf(error))
          }
        }
        setAttachments((current) => [
          ...current,
          // The same file twice on one material is kept once.
          ...prepared.filter(
            (file, index) =>
              !current.some((held) => held.materialId === materialId && held.sha256 === file.sha256) &&
              prepared.findIndex((other) => other.sha256 === file.sha256) === index,
          ),
        ])
      } finally {
        setPending((count) => count - 1)
      }
      return refusals
    },
    [attachments],
  )

  const remove = useCallback((materialId: string, sha256: string) => {
    setAttachments((current) => current.filter((file) => !(file.materialId === materialId && file.sha256 === sha256)))
  }, [])

  return { attachments, busy: pending > 0, add, remove }
}

/** Only the files of the chosen item's materials go with the intake (the clerk may have changed the item). */
export function attachmentsForItem(attachments: readonly PreparedAttachment[], item: ServiceItem | undefined): PreparedAttachment[] {
  if (item === undefined) return []
  const ids = new Set(item.materials.map((material) => material.id))
  return attachments.filter((file) => ids.has(file.materialId))
}
