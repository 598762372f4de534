import { App } from 'antd'
import { useState } from 'react'
import { useSyncEngine } from '../../context/station-context'
import { messageOf } from '../../lib/user-error'

type IntakeActionSave = {
  saving: boolean
  /** Why the last save failed (the clerk's message), shown in the modal, or null. */
  formError: string | null
  /**
   * Runs the write; when it is saved, says `success`, tries the county at once (the outbox keeps
   * the mutation otherwise) and calls `onSaved`. A failure stays in the modal: `onRefused` may
   * place its issues on the fields.
   */
  save: (write: () => Promise<unknown>, outcome: { success: string; onSaved: () => void; onRefused?: (error: unknown) => void }) => Promise<void>
}

/** The save of an intake action's modal (撤回, 出件, 补交材料, 当场办结): one write through the station write path. */
export function useIntakeActionSave(): IntakeActionSave {
  const sync = useSyncEngine()
  const { message } = App.useApp()
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)

  async function save(
    write: () => Promise<unknown>,
    { success, onSaved, onRefused }: { success: string; onSaved: () => void; onRefused?: (error: unknown) => void },
  ) {
    setSaving(true)
    setFormError(null)
    try {
      await write()
      message.success(success)
      void sync?.syncNow()
      onSaved()
    } catch (error) {
      onRefused?.(error)
      setFormError(messageOf(error))
    } finally {
      setSaving(false)
    }
  }

  return { saving, formError, save }
}
