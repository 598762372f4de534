import { describe, expect, it, vi } from 'vitest'
import type { CountyOriginStore } from '../../../src-main/county-origin'
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../../src-main/csp'
import { secureSession } from '../../../src-main/session-security'
import { linuxApp } from './locations'

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void
type CheckHandler = (contents: { getURL(): string } | null, permission: string, origin: string, details: object) => boolean
type HeadersListener = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: object) => void) => void
type CompletedListener = (details: { method: string; url: string; statusCode: number }) => void

// A stand-in for Electron's Session that keeps the handlers secureSession installs.
function securedSession() {
  const installed: { request?: RequestHandler; check?: CheckHandler; headers?: HeadersListener; completed?: CompletedListener } = {}
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => (installed.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => (installed.check = handler),
    webRequest: {
      onHeadersReceived: (listener: HeadersListener) => (installed.headers = listener),
      onCompleted: (_filter: object, listener: CompletedListener) => (installed.completed = listener),
    },
  }
  let origin: string | undefined
  const store: CountyOriginStore = { get: () => origin, set: (next) => (origin = next) }
  secureSession(session as never, linuxApp, store)
  return installed
}

function request(permission: string, details: object): boolean {
  const callback = vi.fn()
  securedSession().request?.(null, permission, callback, details)
  expect(callback).toHaveBeenCalledTimes(1)
  return callback.mock.calls[0]?.[0] as boolean
}

describe('secureSession', () => {
  it('grants the camera to our page and denies the microphone and other pages', () => {
    expect(request('media', { requestingUrl: linuxApp.entryUrl, isMainFrame: true, mediaTypes: ['video'] })).toBe(true)
    expect(request('media', { requestingUrl: linuxApp.entryUrl, isMainFrame: true, mediaTypes: ['audio'] })).toBe(false)
    expect(request('media', { requestingUrl: 'http://evil.example/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false)
    expect(request('geolocation', { requestingUrl: linuxApp.entryUrl, isMainFrame: true })).toBe(false)
  })

  it('answers permission checks by the same rules, using the page URL when Electron gives none', () => {
    const check = securedSession().check
    const ourPage = { getURL: () => linuxApp.entryUrl }
    expect(check?.(ourPage, 'media', 'file:///', { isMainFrame: true, mediaType: 'video' })).toBe(true)
    expect(check?.(ourPage, 'media', 'file:///', { isMainFrame: true, mediaType: 'audio' })).toBe(false)
    expect(check?.(ourPage, 'notifications', 'file:///', { isMainFrame: true })).toBe(false)
    expect(check?.(null, 'media', 'file:///', { isMainFrame: true, mediaType: 'video' })).toBe(false)
  })

  it("sets the CSP header on the app's page and leaves other responses alone", () => {
    const headers = securedSession().headers
    const callback = vi.fn()
    headers?.({ url: linuxApp.entryUrl, responseHeaders: {} }, callback)
    expect(callback).toHaveBeenLastCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
    headers?.({ url: 'https://county.example/api/v1/pull', responseHeaders: { 'Content-Type': ['application/json'] } }, callback)
    expect(callback).toHaveBeenLastCalledWith({})
  })

  it('narrows connect-src to the county whose enrollment it saw succeed, for the pages loaded after it', () => {
    const { headers, completed } = securedSession()
    const callback = vi.fn()
    completed?.({ method: 'POST', url: 'https://evil.example/api/v1/enroll', statusCode: 401 })
    completed?.({ method: 'POST', url: 'http://10.53.1.2:8080/county/api/v1/enroll', statusCode: 200 })
    headers?.({ url: linuxApp.entryUrl, responseHeaders: {} }, callback)
    expect(callback).toHaveBeenLastCalledWith({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy('http://10.53.1.2:8080')] } })
  })
})
