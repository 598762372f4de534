import { idCardReadResultSchema } from './id-card'
import { z } from './zod'

/**
 * The whole IPC contract between the renderer (through the preload) and the main
 * process: one list of channels, each with its request and response schema. Main
 * validates every request with these before acting on it.
 */
export const ipcContract = {
  'app:getInfo': {
    request: z.undefined(),
    response: z.object({ version: z.string(), platform: z.string(), desktop: z.literal(true) }),
  },
  'print:page': {
    request: z.object({ silent: z.boolean().default(false) }),
    response: z.object({ printed: z.boolean(), error: z.string().optional() }),
  },
  'print:savePdf': {
    request: z.object({ suggestedName: z.string().regex(/^[^\\/:*?"<>|]{1,100}\.pdf$/, '文件名不合法') }),
    response: z.object({ saved: z.boolean(), path: z.string().optional() }),
  },
  /** One read of the resident ID card on the reader the desktop's standard SDK drives (or "no reader"). */
  'idCard:read': {
    request: z.undefined(),
    response: idCardReadResultSchema,
  },
} as const

export type IpcContract = typeof ipcContract
export type IpcChannel = keyof IpcContract
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>
export type IpcResponse<C extends IpcChannel> = z.infer<IpcContract[C]['response']>
export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[]

/** The functions the preload exposes on `window.bianmin`; each wraps one channel. */
export type DesktopApi = {
  getInfo(): Promise<IpcResponse<'app:getInfo'>>
  printPage(request: IpcRequest<'print:page'>): Promise<IpcResponse<'print:page'>>
  savePdf(request: IpcRequest<'print:savePdf'>): Promise<IpcResponse<'print:savePdf'>>
  readIdCard(): Promise<IpcResponse<'idCard:read'>>
}
