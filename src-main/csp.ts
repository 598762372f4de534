import type { AppLocation } from './app-location'
import { isAppUrl } from './trusted-sender'

// Same policy as the renderer's <meta> tag. Scripts only from the app itself (no eval, no
// inline, no remote). Connections: before enrollment to any county server URL (it is typed
// in at first run), afterwards only to the enrolled county's origin (county-origin.ts).
const directives = (connectSources: string): ReadonlyArray<readonly [string, string]> => [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', `'self' ${connectSources}`],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
]

/**
 * The policy for a device enrolled with the county at `countyOrigin` (scheme, host and port,
 * as `new URL(…).origin` gives it), or, before enrollment, the first-run policy that lets the
 * setup screen reach whatever address the clerk types. An injected script can then send
 * nothing to any other server.
 */
export function contentSecurityPolicy(countyOrigin?: string): string {
  return directives(countyOrigin ?? 'http: https:')
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')
}

/** The first-run policy; also the renderer's <meta> tag, which a header can only narrow. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy()

type ResponseHeaders = Record<string, string | string[]>

/**
 * The header is set on the built app's pages only. The dev server's pages are left
 * alone: Vite's React refresh preamble is an inline script and HMR uses a
 * WebSocket, both of which this policy blocks.
 */
export function shouldSetContentSecurityPolicy(url: string, location: AppLocation): boolean {
  return location.kind === 'file' && isAppUrl(url, location)
}

/** The response headers with our policy replacing any CSP header already there, whatever its case. */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined, countyOrigin?: string): ResponseHeaders {
  const result: ResponseHeaders = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  result['Content-Security-Policy'] = [contentSecurityPolicy(countyOrigin)]
  return result
}
