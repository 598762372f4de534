import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, shouldSetContentSecurityPolicy, withContentSecurityPolicy } from '../../../src-main/csp'
import { devApp, linuxApp } from './locations'

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((part) => {
    const [name = '', ...sources] = part.trim().split(/\s+/)
    return [name, sources] as const
  }),
)

describe('the content security policy', () => {
  it('is the policy agreed for the renderer', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; form-action 'none'",
    )
  })

  it('allows no eval and no inline or remote script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval')
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
  })

  const rendererPage = resolve(import.meta.dirname, '../../../src-renderer/index.html')
  it.skipIf(!existsSync(rendererPage))('is the same as the <meta> tag of the renderer page', () => {
    const tag = /<meta[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(readFileSync(rendererPage, 'utf8'))?.[0]
    const content = tag ? /content="([^"]+)"/i.exec(tag)?.[1] : undefined
    expect(content?.trim().replace(/;$/, '')).toBe(CONTENT_SECURITY_POLICY)
  })
})

describe('the CSP response header', () => {
  it("is set on the built app's page only", () => {
    expect(shouldSetContentSecurityPolicy(linuxApp.entryUrl, linuxApp)).toBe(true)
    expect(shouldSetContentSecurityPolicy('https://county.example/api/v1/pull', linuxApp)).toBe(false)
    // The dev server needs an inline React refresh script and a WebSocket.
    expect(shouldSetContentSecurityPolicy('http://localhost:5173/', devApp)).toBe(false)
  })

  it('replaces any CSP header already present, whatever its case, and keeps the others', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["script-src *"], 'Content-Type': ['text/html'] })
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
})
