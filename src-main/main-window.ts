import { BrowserWindow } from 'electron'
import type { AppLocation } from './app-location'
import { createWindowOptions } from './window-options'

export function createMainWindow(location: AppLocation, preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(createWindowOptions(preloadPath))
  // The title is the app's name on every screen; the clerk finds the window by it in the taskbar.
  window.on('page-title-updated', (event) => event.preventDefault())
  window.once('ready-to-show', () => window.show())
  window.loadURL(location.entryUrl).catch((error: unknown) => console.error('[window] could not load the app page', error))
  return window
}
