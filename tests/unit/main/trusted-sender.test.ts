import { describe, expect, it } from 'vitest'
import { isAppUrl, isTrustedSender } from '../../../src-main/trusted-sender'
import { devApp, linuxApp, windowsApp } from './locations'

const topFrame = (url: string) => ({ senderFrame: { url, parent: null } })

describe('isAppUrl for the built app (file://)', () => {
  it("accepts the app's own page, with any route in the query or fragment", () => {
    expect(isAppUrl(linuxApp.entryUrl, linuxApp)).toBe(true)
    expect(isAppUrl(`${linuxApp.entryUrl}#/intake/new`, linuxApp)).toBe(true)
    expect(isAppUrl(`${linuxApp.entryUrl}?station=1`, linuxApp)).toBe(true)
  })

  it('refuses other files, other hosts and other schemes', () => {
    for (const url of [
      'file:///opt/bianmin/resources/app/out/renderer/other.html',
      'file:///tmp/index.html',
      'file:///etc/passwd',
      'file://fileserver/opt/bianmin/resources/app/out/renderer/index.html',
      'file:///opt/bianmin/resources/app/out/renderer/index.html/',
      'http://evil.example/opt/bianmin/resources/app/out/renderer/index.html',
      'about:blank',
      'data:text/html,<script>alert(1)</script>',
      'devtools://devtools/bundled/inspector.html',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url, linuxApp), url).toBe(false)
    }
  })

  it('is not fooled by dot segments or encoded separators', () => {
    expect(isAppUrl('file:///opt/bianmin/resources/app/out/renderer/../../../../../tmp/index.html', linuxApp)).toBe(false)
    expect(isAppUrl('file:///tmp/x/..%2F..%2Fopt/bianmin/resources/app/out/renderer/index.html', linuxApp)).toBe(false)
    expect(isAppUrl('file:///opt/bianmin/resources/app/out/renderer%2Findex.html', linuxApp)).toBe(false)
    // Dot segments that stay inside the app resolve to the app's page: that is the same file.
    expect(isAppUrl('file:///opt/bianmin/resources/app/out/main/../renderer/index.html', linuxApp)).toBe(true)
  })

  it('matches Windows paths whatever the case or the encoding of Chinese folder names', () => {
    expect(isAppUrl('file:///c:/program files/便民服务站/resources/app/out/renderer/INDEX.html', windowsApp)).toBe(true)
    expect(isAppUrl('file:///C:\\Program Files\\便民服务站\\resources\\app\\out\\renderer\\index.html', windowsApp)).toBe(true)
    expect(isAppUrl('file:///D:/Program%20Files/%E4%BE%BF%E6%B0%91%E6%9C%8D%E5%8A%A1%E7%AB%99/resources/app/out/renderer/index.html', windowsApp)).toBe(false)
  })

  it('keeps case significant on Linux', () => {
    expect(isAppUrl('file:///opt/bianmin/resources/app/out/renderer/INDEX.html', linuxApp)).toBe(false)
  })
})

describe('isAppUrl for the dev server', () => {
  it('accepts any page of the dev server origin', () => {
    expect(isAppUrl('http://localhost:5173/', devApp)).toBe(true)
    expect(isAppUrl('http://localhost:5173/src/main.tsx?t=1#/queue', devApp)).toBe(true)
  })

  it('refuses other ports, hosts and schemes', () => {
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://evil.example/',
      'http://localhost:5173.evil.example/',
      'file:///tmp/index.html',
      'about:blank',
    ]) {
      expect(isAppUrl(url, devApp), url).toBe(false)
    }
  })
})

describe('isTrustedSender', () => {
  it("trusts the top frame of the app's own page", () => {
    expect(isTrustedSender(topFrame(linuxApp.entryUrl), linuxApp)).toBe(true)
    expect(isTrustedSender(topFrame('http://localhost:5173/'), devApp)).toBe(true)
  })

  it('refuses a sender on another page', () => {
    expect(isTrustedSender(topFrame('http://evil.example/'), linuxApp)).toBe(false)
    expect(isTrustedSender(topFrame('file:///home/clerk/Downloads/index.html'), linuxApp)).toBe(false)
    expect(isTrustedSender(topFrame('about:blank'), linuxApp)).toBe(false)
  })

  it('refuses a sub frame, even one showing our own page', () => {
    const parent = { url: linuxApp.entryUrl, parent: null }
    expect(isTrustedSender({ senderFrame: { url: linuxApp.entryUrl, parent } }, linuxApp)).toBe(false)
  })

  it('refuses a message whose frame is gone', () => {
    expect(isTrustedSender({ senderFrame: null }, linuxApp)).toBe(false)
  })
})
