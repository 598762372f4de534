import { readFileSync, writeFileSync } from 'node:fs'

/** The subset of Electron's completed-request details the rule reads. */
type CompletedRequest = { method: string; url: string; statusCode: number }

/**
 * Main learns the county from the enrollment it sees succeed: a POST to `…/api/v1/enroll`
 * answered 200. Its origin is then the only one the CSP lets the renderer connect to. The
 * renderer cannot name another origin for it: once the origin is set, the CSP blocks every
 * request elsewhere, an enrollment there included.
 */
export function enrolledCountyOrigin(request: CompletedRequest): string | undefined {
  if (request.method !== 'POST' || request.statusCode !== 200) return undefined
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  return url.pathname.endsWith('/api/v1/enroll') ? url.origin : undefined
}

export type CountyOriginStore = { get(): string | undefined; set(origin: string): void }

/**
 * The enrolled origin, kept in a small JSON file in the app's data folder so it holds from
 * the next start on. Moving a PC to another county means clearing that folder (as for its data).
 */
export function countyOriginStore(file: string): CountyOriginStore {
  let origin = readOrigin(file)
  return {
    get: () => origin,
    set(next) {
      if (next === origin) return
      origin = next
      writeFileSync(file, JSON.stringify({ countyOrigin: next }))
    },
  }
}

function readOrigin(file: string): string | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { countyOrigin?: unknown }
    return typeof stored.countyOrigin === 'string' && stored.countyOrigin === safeOrigin(stored.countyOrigin) ? stored.countyOrigin : undefined
  } catch {
    return undefined
  }
}

/** An http(s) origin as URL writes it, or undefined: nothing else may enter the policy. */
function safeOrigin(text: string): string | undefined {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined
  } catch {
    return undefined
  }
}
