import type { DesktopApi } from '../../shared/ipc'
import { createBrowserPlatform } from './browser-platform'
import { createDesktopPlatform } from './desktop-platform'
import type { Platform } from './platform'

export type { Platform, PlatformInfo, PlatformKind } from './platform'

/** The desktop platform when the preload exposed `window.bianmin`, else browser mode. */
export function choosePlatform(): Platform {
  const api = (window as Window & { bianmin?: DesktopApi }).bianmin
  return api ? createDesktopPlatform(api) : createBrowserPlatform()
}
