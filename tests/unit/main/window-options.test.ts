import { describe, expect, it } from 'vitest'
import { createWebPreferences, createWindowOptions, WINDOW_TITLE } from '../../../src-main/window-options'

describe('window options', () => {
  const options = createWindowOptions('/opt/bianmin/out/preload/preload.cjs')

  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    })
  })

  it('loads the given preload and nothing else', () => {
    expect(createWebPreferences('/x/preload.cjs').preload).toBe('/x/preload.cjs')
  })

  it('has the Chinese title and stays hidden until ready', () => {
    expect(WINDOW_TITLE).toBe('便民服务站')
    expect(options.title).toBe(WINDOW_TITLE)
    expect(options.show).toBe(false)
  })
})
