import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS } from '../../../shared/ipc'
import { linuxApp } from './locations'

// Electron cannot run here, so its main-process API is replaced by plain fakes:
// this checks the glue (registration, sender check, printing) around the pure core.
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
  saveDialogResult: { canceled: false, filePath: '' as string | undefined },
}))

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>) => electron.handlers.set(channel, handler) },
  app: { getVersion: () => '0.1.0', getPath: () => '/home/clerk/Documents' },
  BrowserWindow: { fromWebContents: () => null },
  dialog: { showSaveDialog: () => Promise.resolve(electron.saveDialogResult) },
  // A reversible stand-in for the OS key store.
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (text: string) => Buffer.from(`os:${text}`),
    decryptString: (data: Buffer) => data.toString().replace(/^os:/, ''),
  },
}))

const { registerIpcHandlers } = await import('../../../src-main/ipc')

function eventFrom(url: string) {
  const sender = {
    print: vi.fn((_options: unknown, callback: (success: boolean, reason: string) => void) => callback(false, 'cancelled')),
    printToPDF: vi.fn(() => Promise.resolve(Buffer.from('%PDF-1.7 test'))),
  }
  return { senderFrame: { url, parent: null }, sender }
}

function handler(channel: string) {
  const registered = electron.handlers.get(channel)
  if (!registered) throw new Error(`no handler for ${channel}`)
  return registered
}

describe('registerIpcHandlers', () => {
  let folder = ''
  beforeEach(async () => {
    electron.handlers.clear()
    folder = await mkdtemp(join(tmpdir(), 'bianmin-ipc-'))
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    registerIpcHandlers(linuxApp)
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    await rm(folder, { recursive: true, force: true })
  })

  it('registers exactly the channels of the contract', () => {
    expect([...electron.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort())
  })

  it("answers the app's page and refuses any other page", async () => {
    await expect(handler('app:getInfo')(eventFrom(linuxApp.entryUrl), undefined)).resolves.toEqual({
      version: '0.1.0',
      platform: process.platform,
      desktop: true,
    })
    await expect(handler('app:getInfo')(eventFrom('http://evil.example/'), undefined)).rejects.toMatchObject({ code: 'IPC_UNTRUSTED_SENDER' })
  })

  it('answers 读取身份证 with "no reader" on a machine without the SDK, to the app\u2019s page only', async () => {
    await expect(handler('idCard:read')(eventFrom(linuxApp.entryUrl), undefined)).resolves.toMatchObject({ ok: false, code: 'noReader' })
    await expect(handler('idCard:read')(eventFrom('http://evil.example/'), undefined)).rejects.toMatchObject({ code: 'IPC_UNTRUSTED_SENDER' })
  })

  it('prints the asking page and reports a cancelled print in Chinese', async () => {
    const event = eventFrom(linuxApp.entryUrl)
    await expect(handler('print:page')(event, { silent: false })).resolves.toEqual({ printed: false, error: '已取消打印。' })
    expect(event.sender.print).toHaveBeenCalledWith({ silent: false, printBackground: true }, expect.any(Function))
  })

  it('writes the PDF where the clerk chose, adding .pdf when missing', async () => {
    electron.saveDialogResult = { canceled: false, filePath: join(folder, '受理回执') }
    const event = eventFrom(linuxApp.entryUrl)
    const result = await handler('print:savePdf')(event, { suggestedName: '受理回执.pdf' })
    expect(result).toEqual({ saved: true, path: join(folder, '受理回执.pdf') })
    expect(await readFile(join(folder, '受理回执.pdf'), 'utf8')).toBe('%PDF-1.7 test')
  })

  it('saves nothing when the clerk cancels the dialog', async () => {
    electron.saveDialogResult = { canceled: true, filePath: undefined }
    const event = eventFrom(linuxApp.entryUrl)
    await expect(handler('print:savePdf')(event, { suggestedName: '受理回执.pdf' })).resolves.toEqual({ saved: false })
    expect(event.sender.printToPDF).not.toHaveBeenCalled()
  })

  it('wraps and unwraps the device data key with the OS key store, for the app page only', async () => {
    const dataKey = Buffer.alloc(32, 7).toString('base64')
    const { wrapped } = (await handler('dataKey:wrap')(eventFrom(linuxApp.entryUrl), { dataKey })) as { wrapped: string }
    expect(wrapped).not.toBe(dataKey)
    await expect(handler('dataKey:unwrap')(eventFrom(linuxApp.entryUrl), { wrapped })).resolves.toEqual({ dataKey })
    await expect(handler('dataKey:unwrap')(eventFrom('http://evil.example/'), { wrapped })).rejects.toMatchObject({ code: 'IPC_UNTRUSTED_SENDER' })
    await expect(handler('dataKey:wrap')(eventFrom(linuxApp.entryUrl), { dataKey: 'short' })).rejects.toMatchObject({ code: 'IPC_INVALID_REQUEST' })
  })

  it('tells the clerk in Chinese when the file cannot be written', async () => {
    electron.saveDialogResult = { canceled: false, filePath: join(folder, 'no-such-folder', '回执.pdf') }
    await expect(handler('print:savePdf')(eventFrom(linuxApp.entryUrl), { suggestedName: '回执.pdf' })).rejects.toMatchObject({
      code: 'PDF_WRITE_FAILED',
      message: expect.stringMatching(/^无法保存 PDF 文件/),
    })
  })
})
