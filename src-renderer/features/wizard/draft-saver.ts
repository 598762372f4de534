/**
 * Saves a form's values a moment after the clerk stops typing, so a closed window or a
 * reload loses at most that moment, without a database write on every keystroke.
 * Plain TypeScript (no React), so the timing rules are unit-tested on their own.
 */
type DraftSaver<T> = {
  /** Remember the latest values and save them once `delayMs` pass without another change. */
  schedule(values: T): void
  /** Save the remembered values now (if any); resolves when the save has finished. */
  flush(): Promise<void>
  /**
   * Save what is pending, then save nothing until `release()`: used around a submit, whose
   * transaction deletes the draft, so a save landing after it cannot bring the draft back.
   */
  hold(): Promise<void>
  release(): void
  /** Forget pending values and never save again (after a submit, or when the draft is discarded). */
  dispose(): void
}

type DraftSaverOptions<T> = {
  save: (values: T) => Promise<void>
  delayMs: number
  onError?: (error: unknown) => void
}

export function createDraftSaver<T>({ save, delayMs, onError }: DraftSaverOptions<T>): DraftSaver<T> {
  let pending: { values: T } | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let held = false
  let disposed = false
  // Saves run one after another, so an older save can never finish after (and overwrite) a newer one.
  let chain: Promise<void> = Promise.resolve()

  const stopTimer = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  const writePending = (): Promise<void> => {
    stopTimer()
    if (pending === null || disposed) return chain
    const { values } = pending
    pending = null
    chain = chain.then(() => save(values)).catch((error: unknown) => onError?.(error))
    return chain
  }
  const startTimer = () => {
    stopTimer()
    timer = setTimeout(() => void writePending(), delayMs)
  }

  return {
    schedule(values) {
      if (disposed) return
      pending = { values }
      if (!held) startTimer()
    },
    flush: () => writePending(),
    async hold() {
      held = true
      await writePending()
    },
    release() {
      held = false
      if (pending !== null && !disposed) startTimer()
    },
    dispose() {
      disposed = true
      pending = null
      stopTimer()
    },
  }
}

/**
 * Runs a submit whose transaction deletes the draft: what is pending is saved first and no save
 * runs meanwhile; after a saved submit the saver stops for good, after a refused one it goes on
 * (the draft is still there, and the clerk's corrections must reach it).
 */
export async function holdDuring<T, R>(saver: DraftSaver<T>, submit: () => Promise<R>): Promise<R> {
  await saver.hold()
  try {
    const result = await submit()
    saver.dispose()
    return result
  } catch (error) {
    saver.release()
    throw error
  }
}
