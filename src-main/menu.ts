import { app, Menu } from 'electron'
import { buildMenuTemplate } from './menu-template'
import { WINDOW_TITLE } from './window-options'

export function setupMenu(isDev: boolean): void {
  app.setAboutPanelOptions({ applicationName: WINDOW_TITLE, applicationVersion: app.getVersion() })
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isMac: process.platform === 'darwin', isDev })))
}
