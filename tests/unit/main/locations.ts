import type { AppLocation } from '../../../src-main/app-location'

// The locations the tests check against: a Linux install, a Windows install
// under a Chinese folder name, and the electron-vite dev server.
export const linuxApp: AppLocation = {
  kind: 'file',
  entryUrl: 'file:///opt/bianmin/resources/app/out/renderer/index.html',
  caseInsensitive: false,
}

export const windowsApp: AppLocation = {
  kind: 'file',
  entryUrl: 'file:///C:/Program%20Files/%E4%BE%BF%E6%B0%91%E6%9C%8D%E5%8A%A1%E7%AB%99/resources/app/out/renderer/index.html',
  caseInsensitive: true,
}

export const devApp: AppLocation = { kind: 'dev', entryUrl: 'http://localhost:5173/' }
