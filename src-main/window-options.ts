import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

export const WINDOW_TITLE = '便民服务站'

/**
 * The renderer shows residents' personal data and talks to the network, so it
 * gets no Node, runs in Chromium's sandbox and an isolated world, and reaches
 * the desktop only through the preload's named functions.
 */
export function createWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  }
}

export function createWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    // Station PCs are often 1366×768 laptops; the forms need this much to stay usable.
    minWidth: 1024,
    minHeight: 640,
    // Shown on 'ready-to-show' so the clerk never sees an empty white window.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: createWebPreferences(preloadPath),
  }
}
