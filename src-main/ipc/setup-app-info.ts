import { app } from 'electron'
import type { MainHandlers } from './main-handlers'

export function setupAppInfo(): MainHandlers<'app:getInfo'> {
  return {
    'app:getInfo': () => ({ version: app.getVersion(), platform: process.platform, desktop: true }),
  }
}
