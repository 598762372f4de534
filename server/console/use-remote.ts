import { useCallback, useEffect, useState } from 'react'
import { ConsoleApiError } from './api'

type Settled<T> = { load: () => Promise<T>; version: number; data?: T; error?: string }

type Remote<T> = {
  /** The last answer, kept while a reload runs so tables do not flash empty. */
  data: T | undefined
  error: string | undefined
  /** True until the answer for the current `load` (and reload) arrived. */
  loading: boolean
  reload(): void
}

/**
 * Runs `load` (memoise it with useCallback) whenever it changes or `reload` is
 * called; state is set only when the answer arrives, and a stale answer (the
 * filter changed meanwhile) is dropped.
 */
export function useRemote<T>(load: () => Promise<T>, failureMessage: string): Remote<T> {
  const [version, setVersion] = useState(0)
  const [settled, setSettled] = useState<Settled<T>>()

  useEffect(() => {
    let current = true
    load().then(
      (data) => current && setSettled({ load, version, data }),
      (failure: unknown) => current && setSettled({ load, version, error: failure instanceof ConsoleApiError ? failure.message : failureMessage }),
    )
    return () => {
      current = false
    }
  }, [load, version, failureMessage])

  const reload = useCallback(() => setVersion((previous) => previous + 1), [])
  const loading = settled?.load !== load || settled.version !== version
  return { data: settled?.data, error: loading ? undefined : settled?.error, loading, reload }
}
