import { pathToFileURL } from 'node:url'

/**
 * Where the app's own pages come from. Every security decision (IPC sender,
 * navigation, permissions, CSP) asks "is this URL ours?" against this one value.
 * - `file`: the built renderer, one file; `caseInsensitive` on Windows, whose paths are.
 * - `dev`: the electron-vite dev server; any page of its origin is ours.
 */
export type AppLocation = { kind: 'file'; entryUrl: string; caseInsensitive: boolean } | { kind: 'dev'; entryUrl: string }

type AppLocationInput = {
  /** `process.env.ELECTRON_RENDERER_URL`, set by electron-vite in dev only. */
  rendererDevUrl: string | undefined
  isPackaged: boolean
  indexHtmlPath: string
  platform: NodeJS.Platform
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function resolveAppLocation(input: AppLocationInput): AppLocation {
  // A packaged app never loads a page named by its environment: that would let
  // anyone who can start it point the trusted window (and its API) at another site.
  if (input.isPackaged || !input.rendererDevUrl) {
    return {
      kind: 'file',
      entryUrl: pathToFileURL(input.indexHtmlPath).href,
      caseInsensitive: input.platform === 'win32',
    }
  }
  return { kind: 'dev', entryUrl: checkDevServerUrl(input.rendererDevUrl) }
}

function checkDevServerUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`ELECTRON_RENDERER_URL is not a URL: ${value}`)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL on this machine (localhost), got: ${value}`)
  }
  return url.href
}
