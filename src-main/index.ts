import { app, BrowserWindow, session } from 'electron'
import { join } from 'node:path'
import { resolveAppLocation } from './app-location'
import { countyOriginStore } from './county-origin'
import { registerIpcHandlers } from './ipc'
import { createMainWindow } from './main-window'
import { setupMenu } from './menu'
import { secureSession } from './session-security'
import { resolveUserDataDir } from './user-data-dir'
import { secureWebContents } from './web-contents-security'

// Built layout (electron-vite): out/main/index.js, out/preload/preload.cjs, out/renderer/index.html.
const preloadPath = join(import.meta.dirname, '../preload/preload.cjs')
const location = resolveAppLocation({
  rendererDevUrl: process.env.ELECTRON_RENDERER_URL,
  isPackaged: app.isPackaged,
  indexHtmlPath: join(import.meta.dirname, '../renderer/index.html'),
  platform: process.platform,
})

// Before anything else: the single-instance lock and the data folder both live under userData.
const userDataDir = resolveUserDataDir(process.env)
if (userDataDir) app.setPath('userData', userDataDir)
app.enableSandbox()

// Two copies of the app would write the same offline database; the second one only brings the first forward.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents, location))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(location, preloadPath)
  })
  app
    .whenReady()
    .then(() => {
      secureSession(session.defaultSession, location, countyOriginStore(join(app.getPath('userData'), 'county-origin.json')))
      registerIpcHandlers(location)
      setupMenu(location.kind === 'dev')
      createMainWindow(location, preloadPath)
    })
    .catch((error: unknown) => {
      console.error('[app] start failed', error)
      app.exit(1)
    })
}
