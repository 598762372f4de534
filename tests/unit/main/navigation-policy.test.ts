import { describe, expect, it } from 'vitest'
import { decideNavigation, decideNewWindow, isSafeExternalUrl } from '../../../src-main/navigation-policy'
import { devApp, linuxApp } from './locations'

describe('decideNavigation', () => {
  it("allows the app's own pages", () => {
    expect(decideNavigation(`${linuxApp.entryUrl}#/settings`, linuxApp)).toBe('allow')
    expect(decideNavigation('http://localhost:5173/#/queue', devApp)).toBe('allow')
  })

  it('sends plain web links to the OS browser instead of the app window', () => {
    expect(decideNavigation('https://zwfw.yn.gov.cn/', linuxApp)).toBe('open-external')
    expect(decideNavigation('http://10.20.0.5:8080/console', linuxApp)).toBe('open-external')
  })

  it('denies every other scheme and any other local file', () => {
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/bianmin/resources/app/out/renderer/other.html',
      'javascript:alert(1)',
      'data:text/html,hi',
      'about:blank',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'mailto:clerk@example.com',
      'chrome://settings',
      'not a url',
    ]) {
      expect(decideNavigation(url, linuxApp), url).toBe('deny')
    }
  })

  it('does not treat the dev server as the app in a built app', () => {
    expect(decideNavigation('http://localhost:5173/', linuxApp)).toBe('open-external')
  })
})

describe('decideNewWindow', () => {
  it('never opens a second app window', () => {
    expect(decideNewWindow(linuxApp.entryUrl, linuxApp)).toBe('deny')
    expect(decideNewWindow('http://localhost:5173/print', devApp)).toBe('deny')
  })

  it('opens web links outside and denies the rest', () => {
    expect(decideNewWindow('https://www.gov.cn/', linuxApp)).toBe('open-external')
    expect(decideNewWindow('file:///C:/Windows/System32/calc.exe', linuxApp)).toBe('deny')
    expect(decideNewWindow('javascript:alert(1)', linuxApp)).toBe('deny')
  })
})

describe('isSafeExternalUrl', () => {
  it('accepts http and https links with a host', () => {
    expect(isSafeExternalUrl('https://www.gov.cn/zhengce/')).toBe(true)
    expect(isSafeExternalUrl('http://192.168.1.10/')).toBe(true)
  })

  it('refuses credentials, other schemes and overlong links', () => {
    expect(isSafeExternalUrl('https://user:pass@example.com/')).toBe(false)
    expect(isSafeExternalUrl('https://user@example.com/')).toBe(false)
    expect(isSafeExternalUrl('ftp://example.com/')).toBe(false)
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false)
    expect(isSafeExternalUrl(`https://example.com/${'a'.repeat(2100)}`)).toBe(false)
    expect(isSafeExternalUrl('https:')).toBe(false)
  })
})
