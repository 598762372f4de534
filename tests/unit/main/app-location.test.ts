import { describe, expect, it } from 'vitest'
import { resolveAppLocation } from '../../../src-main/app-location'

const base = { indexHtmlPath: '/opt/bianmin/out/renderer/index.html', platform: 'linux' as const }

describe('resolveAppLocation', () => {
  it('uses the built index.html when no dev server is named', () => {
    expect(resolveAppLocation({ ...base, rendererDevUrl: undefined, isPackaged: false })).toEqual({
      kind: 'file',
      entryUrl: 'file:///opt/bianmin/out/renderer/index.html',
      caseInsensitive: false,
    })
  })

  it('uses the dev server URL in development', () => {
    expect(resolveAppLocation({ ...base, rendererDevUrl: 'http://localhost:5173', isPackaged: false })).toEqual({
      kind: 'dev',
      entryUrl: 'http://localhost:5173/',
    })
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    const location = resolveAppLocation({ ...base, rendererDevUrl: 'http://evil.example/', isPackaged: true })
    expect(location.kind).toBe('file')
  })

  it('refuses a dev server that is not on this machine or not http(s)', () => {
    for (const url of ['http://evil.example:5173/', 'file:///tmp/index.html', 'not a url', 'http://localhost.evil.example/']) {
      expect(() => resolveAppLocation({ ...base, rendererDevUrl: url, isPackaged: false })).toThrow(/ELECTRON_RENDERER_URL/)
    }
  })

  it('compares paths case-insensitively on Windows only', () => {
    const location = resolveAppLocation({ ...base, rendererDevUrl: undefined, isPackaged: true, platform: 'win32' })
    expect(location).toMatchObject({ kind: 'file', caseInsensitive: true })
  })
})
