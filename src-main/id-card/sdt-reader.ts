import { idCardFailure, type IdCardReadResult } from '../../shared/id-card'
import { BASE_MESSAGE_LENGTH, parseBaseMessage } from './base-message'
import type { SdtConfig } from './sdt-config'

/** The SDK calls a read needs, as plain functions (the koffi binding below, or a fake in tests). */
export type SdtApi = {
  openPort(port: number): Promise<number>
  closePort(port: number): Promise<number>
  startFindIdCard(port: number): Promise<number>
  selectIdCard(port: number): Promise<number>
  /** The base message (text) and its length; the photo block is read into a scratch buffer and dropped. */
  readBaseMsg(port: number): Promise<{ code: number; text: Uint8Array }>
}

/** Most vendors' return codes (check the vendor's header): 0x90 success, 0x9F a card was found. */
export const SDT_SUCCESS = 0x90
export const SDT_CARD_FOUND = 0x9f
/** "No card" and "select failed" in the standard SDK. */
const SDT_NO_CARD = 0x80
const SDT_SELECT_FAILED = 0x81

/**
 * One read, in the SDK's order: open the port, find and select the card, read the base message,
 * and always close the port again (a port left open makes the next read answer "busy").
 */
export async function readWithSdt(api: SdtApi, port: number): Promise<IdCardReadResult> {
  if ((await api.openPort(port)) !== SDT_SUCCESS) return idCardFailure('busy', `端口${port}无法打开`)
  try {
    const found = await api.startFindIdCard(port)
    if (found === SDT_NO_CARD || found !== SDT_CARD_FOUND) return idCardFailure('noCard')
    const selected = await api.selectIdCard(port)
    if (selected === SDT_SELECT_FAILED || selected !== SDT_SUCCESS) return idCardFailure('unreadable')
    const { code, text } = await api.readBaseMsg(port)
    if (code !== SDT_SUCCESS) return idCardFailure('unreadable')
    return parseBaseMessage(text)
  } finally {
    await api.closePort(port)
  }
}

/** What this file needs of koffi (not a dependency: it exists only where an installer put it). */
type KoffiFunction = { async: (...args: unknown[]) => void }
type KoffiModule = { load: (path: string) => { func: (declaration: string) => KoffiFunction } }
type ImportKoffi = () => Promise<KoffiModule>

// A variable name, so neither TypeScript nor the bundler looks for the package at build time.
const KOFFI = 'koffi'
const importKoffi: ImportKoffi = async () => {
  const koffi = (await import(/* @vite-ignore */ KOFFI)) as KoffiModule & { default?: KoffiModule }
  return koffi.default ?? koffi
}

/**
 * Binds the SDK's DLL through koffi, or answers null when koffi is not installed or the DLL does
 * not load (the app then says 未配置身份证阅读器, and the clerk types the applicant in).
 * Calls run through koffi's async form: a read takes about a second and must not freeze the window.
 */
async function loadSdtApi(config: SdtConfig, load: ImportKoffi = importKoffi): Promise<SdtApi | null> {
  let koffi: KoffiModule
  try {
    koffi = await load()
  } catch {
    return null
  }
  let library: ReturnType<KoffiModule['load']>
  try {
    library = koffi.load(config.dllPath)
  } catch {
    return null
  }
  const call = (fn: KoffiFunction, ...args: unknown[]) =>
    new Promise<number>((resolve, reject) => fn.async(...args, (error: unknown, result: number) => (error ? reject(error) : resolve(result))))
  const openPort = library.func('int __stdcall SDT_OpenPort(int iPort)')
  const closePort = library.func('int __stdcall SDT_ClosePort(int iPort)')
  const startFind = library.func('int __stdcall SDT_StartFindIDCard(int iPort, _Out_ uint8_t *pucManaInfo, int iIfOpen)')
  const select = library.func('int __stdcall SDT_SelectIDCard(int iPort, _Out_ uint8_t *pucManaMsg, int iIfOpen)')
  const readBase = library.func(
    'int __stdcall SDT_ReadBaseMsg(int iPort, _Out_ uint8_t *pucCHMsg, _Out_ uint32_t *puiCHMsgLen, _Out_ uint8_t *pucPHMsg, _Out_ uint32_t *puiPHMsgLen, int iIfOpen)',
  )
  return {
    openPort: (port) => call(openPort, port),
    closePort: (port) => call(closePort, port),
    startFindIdCard: (port) => call(startFind, port, Buffer.alloc(8), 0),
    selectIdCard: (port) => call(select, port, Buffer.alloc(8), 0),
    readBaseMsg: async (port) => {
      const text = Buffer.alloc(BASE_MESSAGE_LENGTH)
      // The photo block is required by the call's signature; it is never decoded or kept.
      const photo = Buffer.alloc(1024)
      const code = await call(readBase, port, text, [0], photo, [0], 0)
      photo.fill(0)
      return { code, text }
    },
  }
}

type SdtReader = { read(): Promise<IdCardReadResult> }

/**
 * The desktop's reader: "no reader" unless configured (Windows, DLL path) and loadable. The
 * binding is made on the first read, once; a second read waits for the first (one port).
 */
export function createSdtReader(config: SdtConfig | null, load?: ImportKoffi): SdtReader {
  let api: Promise<SdtApi | null> | null = null
  let queue: Promise<unknown> = Promise.resolve()
  return {
    read: () => {
      if (config === null) return Promise.resolve(idCardFailure('noReader'))
      api ??= loadSdtApi(config, load)
      const next = queue.then(async () => {
        const bound = await api
        if (bound === null) return idCardFailure('noReader')
        try {
          return await readWithSdt(bound, config.port)
        } catch {
          return idCardFailure('unreadable')
        }
      })
      queue = next.catch(() => undefined)
      return next
    },
  }
}
