import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// The preload runs with Electron APIs next to the page; what it exposes is the
// whole desktop surface the page gets. Read as text: it cannot run outside Electron.
const source = readFileSync(resolve(import.meta.dirname, '../../../src-main/preload.ts'), 'utf8')
const exposeCalls = [...source.matchAll(/exposeInMainWorld\(([^)]*)\)/g)].map((match) => match[1] ?? '')

describe('preload', () => {
  it('exposes exactly one object, window.bianmin', () => {
    expect(exposeCalls).toHaveLength(1)
    expect(exposeCalls[0]).toMatch(/^\s*'bianmin'\s*,\s*api\s*$/)
  })

  it('never hands ipcRenderer (or any of its methods) to the page', () => {
    for (const call of exposeCalls) expect(call).not.toMatch(/ipcRenderer/)
    // The exposed object is built from named functions; ipcRenderer appears only inside the private helper.
    const apiObject = /const api = \{([\s\S]*?)\} satisfies DesktopApi/.exec(source)?.[1]
    expect(apiObject).toBeDefined()
    expect(apiObject).not.toMatch(/ipcRenderer/)
    expect(apiObject).not.toMatch(/\binvoke\s*[,}]/)
  })

  it('imports only types from shared/, so the bundle needs nothing but electron', () => {
    const imports = [...source.matchAll(/^import (type )?.* from '([^']+)'/gm)].map((match) => ({ typeOnly: Boolean(match[1]), from: match[2] }))
    expect(imports.filter((entry) => !entry.typeOnly).map((entry) => entry.from)).toEqual(['electron'])
  })
})
