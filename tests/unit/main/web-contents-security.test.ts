import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { linuxApp } from './locations'

const shell = vi.hoisted(() => ({ openExternal: vi.fn(() => Promise.resolve()) }))
vi.mock('electron', () => ({ shell }))

const { secureWebContents } = await import('../../../src-main/web-contents-security')

type WindowOpenHandler = (details: { url: string }) => { action: string }

// A stand-in for Electron's WebContents: an event emitter plus the window-open hook.
function fakeContents() {
  const contents = Object.assign(new EventEmitter(), { openHandler: undefined as WindowOpenHandler | undefined })
  const api = Object.assign(contents, {
    setWindowOpenHandler: (handler: WindowOpenHandler) => {
      contents.openHandler = handler
    },
  })
  secureWebContents(api as never, linuxApp)
  return contents
}

function navigation(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() }
}

describe('secureWebContents', () => {
  beforeEach(() => shell.openExternal.mockClear())

  it('lets the window move between its own routes', () => {
    const event = navigation(`${linuxApp.entryUrl}#/queue`)
    fakeContents().emit('will-navigate', event)
    expect(event.preventDefault).not.toHaveBeenCalled()
  })

  it('keeps a web link out of the window and opens it in the OS browser', () => {
    const event = navigation('https://www.gov.cn/')
    fakeContents().emit('will-navigate', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.gov.cn/')
  })

  it('blocks other local files without handing them to the OS', () => {
    const event = navigation('file:///etc/passwd')
    fakeContents().emit('will-navigate', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('keeps sub frames on our pages and never opens their links outside', () => {
    const event = navigation('https://www.gov.cn/', false)
    fakeContents().emit('will-frame-navigate', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('blocks redirects away from the app', () => {
    const event = navigation('http://evil.example/')
    fakeContents().emit('will-redirect', event)
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('denies every new window, opening only web links in the OS browser', () => {
    const contents = fakeContents()
    expect(contents.openHandler?.({ url: linuxApp.entryUrl })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).not.toHaveBeenCalled()
    expect(contents.openHandler?.({ url: 'https://www.gov.cn/' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.gov.cn/')
  })

  it('refuses to attach a <webview>', () => {
    const event = { preventDefault: vi.fn() }
    fakeContents().emit('will-attach-webview', event)
    expect(event.preventDefault).toHaveBeenCalled()
  })
})
