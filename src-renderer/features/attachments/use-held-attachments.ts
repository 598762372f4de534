import { useAttachmentList, type IntakeAttachments } from './use-intake-attachments'

/**
 * Files held in memory for a short form that is saved at once (materials brought later for
 * 补正 or 容缺): no draft to restore, so nothing is stored until the form is saved with them.
 */
export function useHeldAttachments(): IntakeAttachments {
  const { attachments, busy, add, remove } = useAttachmentList(null)
  return { attachments, busy, restoreError: null, add, remove }
}
