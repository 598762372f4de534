import { STATION_BACKUP_FILE_NAME } from './station-backup'
import { idCardReadResultSchema } from './id-card'
import { z } from './zod'

/** The station's device data key (32 bytes), base64. */
const dataKeyBase64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '数据密钥格式不正确')
/** What the OS key store made of it, base64; bounded so a page cannot make main decrypt a huge blob. */
const wrappedDataKeyBase64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .min(4)
  .max(4096)

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
  /** Wraps the device data key with the OS key store (Electron safeStorage: DPAPI, Keychain, libsecret). */
  'dataKey:wrap': {
    request: z.object({ dataKey: dataKeyBase64 }),
    response: z.object({ wrapped: wrappedDataKeyBase64 }),
  },
  'dataKey:unwrap': {
    request: z.object({ wrapped: wrappedDataKeyBase64 }),
    response: z.object({ dataKey: dataKeyBase64 }),
  },
  /** The daily backup folder main keeps (null until the clerk chose one). */
  'backup:folder': {
    request: z.undefined(),
    response: z.object({ folder: z.string().nullable() }),
  },
  /** Main's folder dialog; the chosen folder is kept by main, never named by the page. */
  'backup:chooseFolder': {
    request: z.undefined(),
    response: z.object({ folder: z.string().nullable() }),
  },
  /** Writes one backup file (already sealed by the renderer) into the chosen folder. */
  'backup:write': {
    request: z.object({
      fileName: z.string().regex(STATION_BACKUP_FILE_NAME, '备份文件名不合法'),
      contentBase64: z
        .string()
        .regex(/^[A-Za-z0-9+/]*={0,2}$/)
        .max(1_400_000_000),
    }),
    response: z.object({ path: z.string() }),
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
  wrapDataKey(request: IpcRequest<'dataKey:wrap'>): Promise<IpcResponse<'dataKey:wrap'>>
  unwrapDataKey(request: IpcRequest<'dataKey:unwrap'>): Promise<IpcResponse<'dataKey:unwrap'>>
  backupFolder(): Promise<IpcResponse<'backup:folder'>>
  chooseBackupFolder(): Promise<IpcResponse<'backup:chooseFolder'>>
  writeBackup(request: IpcRequest<'backup:write'>): Promise<IpcResponse<'backup:write'>>
  readIdCard(): Promise<IpcResponse<'idCard:read'>>
}
