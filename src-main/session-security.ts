import type { Session } from 'electron'
import type { AppLocation } from './app-location'
import { enrolledCountyOrigin, type CountyOriginStore } from './county-origin'
import { shouldSetContentSecurityPolicy, withContentSecurityPolicy } from './csp'
import { isPermissionGranted } from './permission-policy'

/**
 * Permission and CSP rules for the session the app's window uses. The CSP's connect-src
 * names the county this device enrolled with, learnt from the enrollment answer; it holds
 * from the next page load (a CSP is read with the page).
 */
export function secureSession(session: Session, location: AppLocation, countyOrigin: CountyOriginStore): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : []
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes }, location))
  })
  // Checks (navigator.permissions.query, device labels) follow the same rules as requests.
  session.setPermissionCheckHandler((contents, permission, _origin, details) => {
    const requestingUrl = details.requestingUrl ?? (details.isMainFrame ? contents?.getURL() : undefined)
    const mediaTypes = details.mediaType ? [details.mediaType] : []
    return isPermissionGranted({ permission, requestingUrl, isMainFrame: details.isMainFrame, mediaTypes }, location)
  })
  // A second line of defence behind the renderer's <meta> CSP, which a bad build could drop.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (shouldSetContentSecurityPolicy(details.url, location)) {
      callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, countyOrigin.get()) })
    } else {
      callback({})
    }
  })
  session.webRequest.onCompleted({ urls: ['http://*/*', 'https://*/*'] }, (details) => {
    const origin = enrolledCountyOrigin(details)
    if (origin) countyOrigin.set(origin)
  })
}
