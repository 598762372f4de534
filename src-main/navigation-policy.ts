import type { AppLocation } from './app-location'
import { isAppUrl } from './trusted-sender'

type NavigationDecision = 'allow' | 'deny' | 'open-external'

// Longer than any link a clerk would follow; a longer one is more likely a payload.
const MAX_EXTERNAL_URL_LENGTH = 2048

/** Where a frame of ours may go: only our own pages; plain web links go to the OS browser instead. */
export function decideNavigation(target: string, location: AppLocation): NavigationDecision {
  if (isAppUrl(target, location)) return 'allow'
  return isSafeExternalUrl(target) ? 'open-external' : 'deny'
}

/** The app has one window: `window.open` and `target=_blank` never create another. */
export function decideNewWindow(target: string, location: AppLocation): Exclude<NavigationDecision, 'allow'> {
  if (isAppUrl(target, location)) return 'deny'
  return isSafeExternalUrl(target) ? 'open-external' : 'deny'
}

/**
 * Only plain http(s) links with a host and no embedded credentials may be handed
 * to the OS: other schemes (file:, smb:, ms-msdt:, custom handlers…) can start
 * programs on the clerk's PC.
 */
export function isSafeExternalUrl(target: string): boolean {
  if (target.length > MAX_EXTERNAL_URL_LENGTH) return false
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (url.username !== '' || url.password !== '') return false
  return url.hostname !== ''
}
