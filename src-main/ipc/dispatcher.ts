import type { z } from 'zod'
import { IpcError } from './ipc-error'

/** A contract in the shape of `ipcContract`: per channel, the schemas of its request and response. */
type Contract = Record<string, { request: z.ZodType; response: z.ZodType }>

/** One handler per channel; it receives the request already parsed by the channel's schema. */
export type ChannelHandlers<C extends Contract, E> = {
  [K in keyof C]: (request: z.output<C[K]['request']>, event: E) => z.input<C[K]['response']> | Promise<z.input<C[K]['response']>>
}

type IpcDispatcher<C extends Contract, E> = <K extends keyof C & string>(channel: K, event: E, request: unknown) => Promise<z.output<C[K]['response']>>

/**
 * The Electron-free core of the IPC wrapper: every message is checked before its
 * handler runs, in this order: the sender must be trusted (anything a page we
 * did not load sends is refused unread), the channel must be in the contract and
 * the request must pass the channel's schema. The handler's response is checked
 * too, so main can never send the renderer something the contract does not allow.
 */
export function createIpcDispatcher<C extends Contract, E>(
  contract: C,
  handlers: ChannelHandlers<C, E>,
  isTrusted: (event: E) => boolean,
): IpcDispatcher<C, E> {
  return async (channel, event, rawRequest) => {
    if (!passes(isTrusted, event)) {
      throw new IpcError('IPC_UNTRUSTED_SENDER', '请求不是来自本应用的页面，已拒绝。')
    }
    if (!Object.hasOwn(contract, channel) || !Object.hasOwn(handlers, channel)) {
      throw new IpcError('IPC_UNKNOWN_CHANNEL', `未知的请求类型：${channel}`)
    }
    const schemas = contract[channel] as C[typeof channel]
    const request = schemas.request.safeParse(rawRequest)
    if (!request.success) {
      throw new IpcError('IPC_INVALID_REQUEST', `请求参数不合法：${request.error.issues.map((issue) => issue.message).join('；')}`)
    }
    const handler = handlers[channel] as ChannelHandlers<C, E>[typeof channel]
    const response = schemas.response.safeParse(await handler(request.data as z.output<C[typeof channel]['request']>, event))
    if (!response.success) {
      // A handler breaking the contract is a bug in main, not something the clerk can fix.
      throw new Error(`IPC handler for ${channel} returned a response outside its schema: ${response.error.message}`)
    }
    return response.data as z.output<C[typeof channel]['response']>
  }
}

// Reading a frame that Chromium has already disposed throws; such a sender is simply not trusted.
function passes<E>(isTrusted: (event: E) => boolean, event: E): boolean {
  try {
    return isTrusted(event)
  } catch {
    return false
  }
}
