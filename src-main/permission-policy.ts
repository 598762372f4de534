import type { AppLocation } from './app-location'
import { isAppUrl } from './trusted-sender'

/** A permission request or check, in the terms this policy needs. */
export type PermissionAsk = {
  permission: string
  /** The URL of the frame asking; undefined when Electron cannot tell (e.g. a worker). */
  requestingUrl: string | undefined
  isMainFrame: boolean
  /** For `media`: the devices asked for ('video' is the camera, 'audio' the microphone). */
  mediaTypes: readonly string[]
}

/**
 * Everything is denied except, for the app's own top page:
 * - `media` for the camera alone, to photograph residents' materials;
 * - `persistent-storage`, so Chromium never evicts the offline intake database
 *   (DESIGN: "ask for persistent storage at start").
 */
export function isPermissionGranted(ask: PermissionAsk, location: AppLocation): boolean {
  if (!ask.isMainFrame || ask.requestingUrl === undefined || !isAppUrl(ask.requestingUrl, location)) return false
  switch (ask.permission) {
    case 'media':
      return ask.mediaTypes.length > 0 && ask.mediaTypes.every((type) => type === 'video')
    case 'persistent-storage':
      return true
    default:
      return false
  }
}
