import { useCallback, useState } from 'react'
import { messageOf } from '../../lib/user-error'
import { prepareAttachment, type PreparedAttachment } from './prepare-attachment'
import type { IntakeAttachments } from './use-intake-attachments'

/**
 * Files held in memory for a short form that is saved at once (materials brought later for
 * 补正 or 容缺): no draft to restore, so nothing is stored until the form is saved with them.
 */
export function useHeldAttachments(): IntakeAttachments {
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
        setAttachments((current) => [
          ...current,
          ...prepared.filter((file, index) => !current.some((other) => other.materialId === materialId && other.sha256 === file.sha256) && prepared.findIndex((other) => other.sha256 === file.sha256) === index),
        ])
      } finally {
        setPending((count) => count - 1)
      }
      return refusals
    },
    [attachments],
  )

  const remove = useCallback(async (materialId: string, sha256: string) => {
    setAttachments((current) => current.filter((file) => !(file.materialId === materialId && file.sha256 === sha256)))
    return []
  }, [])

  return { attachments, busy: pending > 0, restoreError: null, add, remove }
}
