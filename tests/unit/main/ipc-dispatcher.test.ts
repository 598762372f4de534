import { describe, expect, it, vi } from 'vitest'
import { ipcContract } from '../../../shared/ipc'
import { createIpcDispatcher, type ChannelHandlers } from '../../../src-main/ipc/dispatcher'
import { IpcError } from '../../../src-main/ipc/ipc-error'
import { isTrustedSender, type SenderEvent } from '../../../src-main/trusted-sender'
import { linuxApp } from './locations'

// Plain objects in the shape of Electron's IpcMainInvokeEvent: the dispatcher needs no Electron.
const fromApp: SenderEvent = { senderFrame: { url: `${linuxApp.entryUrl}#/intake`, parent: null } }
const fromElsewhere: SenderEvent = { senderFrame: { url: 'http://evil.example/', parent: null } }

function setup() {
  const handlers = {
    'app:getInfo': vi.fn(() => ({ version: '0.1.0', platform: 'win32', desktop: true as const })),
    'print:page': vi.fn((request: { silent: boolean }) => ({ printed: !request.silent })),
    'print:savePdf': vi.fn(() => ({ saved: true, path: 'C:\\Users\\clerk\\Documents\\受理回执.pdf' })),
    'dataKey:wrap': vi.fn(() => ({ wrapped: 'd3JhcHBlZA==' })),
    'dataKey:unwrap': vi.fn(() => ({ dataKey: `${'A'.repeat(43)}=` })),
    'backup:folder': vi.fn(() => ({ folder: null })),
    'backup:chooseFolder': vi.fn(() => ({ folder: null })),
    'backup:write': vi.fn(() => ({ path: 'D:\\备份\\本机备份-MHZMZ01-20261206.bmbak' })),
    'idCard:read': vi.fn(() => ({ ok: false as const, code: 'noReader' as const, message: '未配置身份证阅读器' })),
  } satisfies ChannelHandlers<typeof ipcContract, SenderEvent>
  const dispatch = createIpcDispatcher(ipcContract, handlers, (event: SenderEvent) => isTrustedSender(event, linuxApp))
  return { handlers, dispatch }
}

async function refusal(promise: Promise<unknown>): Promise<IpcError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(IpcError)
  return error as IpcError
}

describe('createIpcDispatcher', () => {
  it("runs the handler for a valid request from the app's page and returns its response", async () => {
    const { dispatch, handlers } = setup()
    await expect(dispatch('app:getInfo', fromApp, undefined)).resolves.toEqual({ version: '0.1.0', platform: 'win32', desktop: true })
    await expect(dispatch('print:savePdf', fromApp, { suggestedName: '受理回执.pdf' })).resolves.toMatchObject({ saved: true })
    expect(handlers['print:savePdf']).toHaveBeenCalledWith({ suggestedName: '受理回执.pdf' }, fromApp)
  })

  it('hands the handler the request as parsed by the schema (defaults applied)', async () => {
    const { dispatch, handlers } = setup()
    await expect(dispatch('print:page', fromApp, {})).resolves.toEqual({ printed: true })
    expect(handlers['print:page']).toHaveBeenCalledWith({ silent: false }, fromApp)
  })

  it('refuses a sender that is not our page, without running the handler', async () => {
    const { dispatch, handlers } = setup()
    expect((await refusal(dispatch('print:page', fromElsewhere, { silent: true }))).code).toBe('IPC_UNTRUSTED_SENDER')
    expect((await refusal(dispatch('app:getInfo', { senderFrame: null }, undefined))).code).toBe('IPC_UNTRUSTED_SENDER')
    const subFrame = { senderFrame: { url: linuxApp.entryUrl, parent: { url: linuxApp.entryUrl, parent: null } } }
    expect((await refusal(dispatch('app:getInfo', subFrame, undefined))).code).toBe('IPC_UNTRUSTED_SENDER')
    expect(handlers['print:page']).not.toHaveBeenCalled()
    expect(handlers['app:getInfo']).not.toHaveBeenCalled()
  })

  it('treats a sender whose frame cannot be read (already disposed) as untrusted', async () => {
    const { dispatch } = setup()
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
    }
    expect((await refusal(dispatch('app:getInfo', disposed, undefined))).code).toBe('IPC_UNTRUSTED_SENDER')
  })

  it('refuses a request that fails its schema, with the Chinese reason, without running the handler', async () => {
    const { dispatch, handlers } = setup()
    const error = await refusal(dispatch('print:savePdf', fromApp, { suggestedName: '../../Windows/system.ini' }))
    expect(error.code).toBe('IPC_INVALID_REQUEST')
    expect(error.message).toContain('文件名不合法')
    expect((await refusal(dispatch('print:page', fromApp, { silent: 'yes' }))).code).toBe('IPC_INVALID_REQUEST')
    expect((await refusal(dispatch('print:page', fromApp, 'print'))).code).toBe('IPC_INVALID_REQUEST')
    expect((await refusal(dispatch('app:getInfo', fromApp, { anything: true }))).code).toBe('IPC_INVALID_REQUEST')
    expect(handlers['print:savePdf']).not.toHaveBeenCalled()
    expect(handlers['print:page']).not.toHaveBeenCalled()
    expect(handlers['app:getInfo']).not.toHaveBeenCalled()
  })

  it('refuses a channel outside the contract, even one inherited from Object', async () => {
    const { dispatch } = setup()
    const untyped = dispatch as (channel: string, event: SenderEvent, request: unknown) => Promise<unknown>
    expect((await refusal(untyped('fs:readFile', fromApp, '/etc/passwd'))).code).toBe('IPC_UNKNOWN_CHANNEL')
    expect((await refusal(untyped('toString', fromApp, undefined))).code).toBe('IPC_UNKNOWN_CHANNEL')
  })

  it('fails loudly when a handler answers outside its schema', async () => {
    const { dispatch, handlers } = setup()
    handlers['app:getInfo'].mockReturnValueOnce({ version: '0.1.0', platform: 'win32', desktop: false } as never)
    const error = await dispatch('app:getInfo', fromApp, undefined).catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(IpcError)
  })
})
