import { useEffect, useState } from 'react'
import { createDraftSaver, holdDuring } from './draft-saver'
import { draftStatusAfterError, draftStatusAfterSave, initialDraftStatus, pendingDraftStatus, type DraftStatus } from './draft-status'

/** How long a form waits after the last change before saving its draft: short, since a reload loses at most this. */
const DRAFT_SAVE_DELAY_MS = 400

type DraftAutosaveOptions<T> = {
  /** Writes the draft (one `put`); resolves with the time it was saved under. */
  save: (values: T) => Promise<{ savedAt: string }>
  /** Deletes the draft and its files (放弃草稿). */
  discard: () => Promise<void>
  /** When the draft the form opened with was saved, or null for a fresh form. */
  restoredAt: string | null
}

type DraftAutosave<T> = {
  status: DraftStatus
  /** The form changed: save these values once the clerk pauses. */
  schedule: (values: T) => void
  /** Runs the submit whose transaction deletes the draft (see holdDuring). */
  submit: <R>(run: () => Promise<R>) => Promise<R>
  /** 放弃草稿: never save again, and delete the draft. */
  discard: () => Promise<void>
}

/**
 * A form's draft, saved a moment after each change (draft-saver.ts), with what the form says
 * about it. Leaving the page or closing the window writes what is still waiting.
 */
export function useDraftAutosave<T>({ save, discard, restoredAt }: DraftAutosaveOptions<T>): DraftAutosave<T> {
  const [status, setStatus] = useState(() => initialDraftStatus(restoredAt))
  const [saver] = useState(() =>
    createDraftSaver<T>({
      delayMs: DRAFT_SAVE_DELAY_MS,
      save: async (values) => {
        const { savedAt } = await save(values)
        setStatus((current) => draftStatusAfterSave(current, savedAt))
      },
      onError: (error) => setStatus(draftStatusAfterError(error)),
    }),
  )
  useEffect(() => {
    const flush = () => void saver.flush()
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [saver])

  return {
    status,
    schedule: (values) => {
      setStatus(pendingDraftStatus(new Date()))
      saver.schedule(values)
    },
    submit: (run) => holdDuring(saver, run),
    discard: async () => {
      saver.dispose()
      await discard()
    },
  }
}

/**
 * The draft a form opens with, read once on opening (undefined while reading, null for none):
 * later saves are the form's own and must not reset it. `clear` is for after 放弃草稿.
 */
export function useOpeningDraft<S, R>(source: S, load: (source: S) => Promise<R | null>): { draft: R | null | undefined; clear: () => void } {
  const [draft, setDraft] = useState<R | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    load(source).then(
      (record) => live && setDraft(record),
      () => live && setDraft(null),
    )
    return () => {
      live = false
    }
  }, [source, load])
  return { draft, clear: () => setDraft(null) }
}
