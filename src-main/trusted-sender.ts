import type { AppLocation } from './app-location'

/** The part of an IPC event this check reads; Electron's `IpcMainInvokeEvent` has this shape. */
export type SenderEvent = {
  senderFrame: { url: string; parent: unknown } | null
}

/** True when `candidate` is one of the app's own pages (query and fragment ignored). */
export function isAppUrl(candidate: string, location: AppLocation): boolean {
  const url = parseUrl(candidate)
  if (!url) return false
  const expected = new URL(location.entryUrl)
  if (location.kind === 'dev') return url.origin === expected.origin

  if (url.protocol !== 'file:' || url.host !== expected.host) return false
  const actualPath = decodePathname(url.pathname)
  const expectedPath = decodePathname(expected.pathname)
  if (actualPath === null || expectedPath === null) return false
  return location.caseInsensitive ? actualPath.toLowerCase() === expectedPath.toLowerCase() : actualPath === expectedPath
}

/**
 * An IPC message is trusted only from the top frame of one of our pages: a frame
 * that has gone away (null), an iframe, or a page that navigated elsewhere is refused.
 */
export function isTrustedSender(event: SenderEvent, location: AppLocation): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  return isAppUrl(frame.url, location)
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}

// Percent-encoding differs between Chromium and Node (e.g. Chinese folder names),
// so paths are compared decoded. An encoded separator or NUL would make two
// different files look alike after decoding, so such a path is refused outright.
function decodePathname(pathname: string): string | null {
  if (/%(2f|5c|00)/i.test(pathname)) return null
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}
