import { shell, type WebContents } from 'electron'
import type { AppLocation } from './app-location'
import { decideNavigation, decideNewWindow, isSafeExternalUrl } from './navigation-policy'

/**
 * Applied to every web contents the app creates, so no frame can leave the app,
 * open a window or embed a <webview>. Links to the web open in the OS browser.
 */
export function secureWebContents(contents: WebContents, location: AppLocation): void {
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, location)
    if (decision === 'allow') return
    event.preventDefault()
    if (decision === 'open-external') openExternally(event.url)
  })
  // Sub frames may only show our own pages; their links are not the clerk's intent, so none open outside.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && decideNavigation(event.url, location) !== 'allow') event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url, location) !== 'allow') event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNewWindow(url, location) === 'open-external') openExternally(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

function openExternally(url: string): void {
  // Checked again here so no caller can reach the OS with an unchecked URL.
  if (!isSafeExternalUrl(url)) return
  shell.openExternal(url).catch((error: unknown) => console.warn('[navigation] could not open external link', error))
}
