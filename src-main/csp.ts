import type { AppLocation } from './app-location'
import { isAppUrl } from './trusted-sender'

// Same policy as the renderer's <meta> tag. Scripts only from the app itself (no
// eval, no inline, no remote); connections to any county server URL, which is
// configured at first run and so cannot be listed here.
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self' http: https:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
]

export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ')

export type ResponseHeaders = Record<string, string | string[]>

/**
 * The header is set on the built app's pages only. The dev server's pages are left
 * alone: Vite's React refresh preamble is an inline script and HMR uses a
 * WebSocket, both of which this policy blocks.
 */
export function shouldSetContentSecurityPolicy(url: string, location: AppLocation): boolean {
  return location.kind === 'file' && isAppUrl(url, location)
}

/** The response headers with our policy replacing any CSP header already there, whatever its case. */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined): ResponseHeaders {
  const result: ResponseHeaders = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return result
}
