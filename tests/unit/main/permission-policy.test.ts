import { describe, expect, it } from 'vitest'
import { isPermissionGranted, type PermissionAsk } from '../../../src-main/permission-policy'
import { linuxApp } from './locations'

const ask = (overrides: Partial<PermissionAsk>): PermissionAsk => ({
  permission: 'media',
  requestingUrl: linuxApp.entryUrl,
  isMainFrame: true,
  mediaTypes: ['video'],
  ...overrides,
})

describe('isPermissionGranted', () => {
  it("grants the camera to the app's own page, for photographing materials", () => {
    expect(isPermissionGranted(ask({}), linuxApp)).toBe(true)
  })

  it('grants persistent storage so the offline database is never evicted', () => {
    expect(isPermissionGranted(ask({ permission: 'persistent-storage', mediaTypes: [] }), linuxApp)).toBe(true)
  })

  it('denies the microphone and media requests that name no device', () => {
    expect(isPermissionGranted(ask({ mediaTypes: ['audio'] }), linuxApp)).toBe(false)
    expect(isPermissionGranted(ask({ mediaTypes: ['video', 'audio'] }), linuxApp)).toBe(false)
    expect(isPermissionGranted(ask({ mediaTypes: [] }), linuxApp)).toBe(false)
  })

  it('denies every other permission', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'hid',
      'usb',
      'serial',
      'fileSystem',
      'unknown',
    ]) {
      expect(isPermissionGranted(ask({ permission }), linuxApp), permission).toBe(false)
    }
  })

  it('denies anything asked by another page, a sub frame or an unknown frame', () => {
    expect(isPermissionGranted(ask({ requestingUrl: 'http://evil.example/' }), linuxApp)).toBe(false)
    expect(isPermissionGranted(ask({ isMainFrame: false }), linuxApp)).toBe(false)
    expect(isPermissionGranted(ask({ requestingUrl: undefined }), linuxApp)).toBe(false)
  })
})
