import 'fake-indexeddb/auto'
import { cleanup, configure } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

// findBy and waitFor give up after 1 s by default: too short for a form re-render on a busy 2-core machine.
configure({ asyncUtilTimeout: 15_000 })

// Vitest runs without globals, so Testing Library cannot register its own cleanup. The files share
// one module graph per worker (isolate: false), so storage and stubbed globals are reset too.
afterEach(() => {
  cleanup()
  localStorage.clear()
  sessionStorage.clear()
  vi.unstubAllGlobals()
})
