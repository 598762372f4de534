import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { countyOriginStore, enrolledCountyOrigin } from '../../../src-main/county-origin'
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, shouldSetContentSecurityPolicy, withContentSecurityPolicy } from '../../../src-main/csp'
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
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['script-src *'], 'Content-Type': ['text/html'] })
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
})

describe('connect-src after enrollment', () => {
  it('names only the enrolled county origin', () => {
    const policy = contentSecurityPolicy('https://county.example:8443')
    expect(policy).toContain("connect-src 'self' https://county.example:8443;")
    expect(policy).not.toMatch(/connect-src[^;]*\bhttps?:(;| )/)
    expect(withContentSecurityPolicy({}, 'http://10.53.1.2:8080')['Content-Security-Policy']).toEqual([contentSecurityPolicy('http://10.53.1.2:8080')])
  })

  it('learns the origin from a successful POST to …/api/v1/enroll only', () => {
    expect(enrolledCountyOrigin({ method: 'POST', url: 'http://10.53.1.2:8080/county/api/v1/enroll', statusCode: 200 })).toBe('http://10.53.1.2:8080')
    expect(enrolledCountyOrigin({ method: 'POST', url: 'https://county.example/api/v1/enroll', statusCode: 401 })).toBeUndefined()
    expect(enrolledCountyOrigin({ method: 'GET', url: 'https://county.example/api/v1/enroll', statusCode: 200 })).toBeUndefined()
    expect(enrolledCountyOrigin({ method: 'POST', url: 'https://county.example/api/v1/push', statusCode: 200 })).toBeUndefined()
    expect(enrolledCountyOrigin({ method: 'POST', url: 'file:///api/v1/enroll', statusCode: 200 })).toBeUndefined()
  })

  it('keeps the origin in a file across starts, and ignores a file that holds anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'county-origin-'))
    try {
      const file = join(dir, 'county-origin.json')
      expect(countyOriginStore(file).get()).toBeUndefined()
      countyOriginStore(file).set('https://county.example')
      expect(countyOriginStore(file).get()).toBe('https://county.example')
      writeFileSync(file, JSON.stringify({ countyOrigin: "https://x.example 'unsafe-inline'" }))
      expect(countyOriginStore(file).get()).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
