import type { IpcMainInvokeEvent } from 'electron'
import type { IpcChannel, IpcContract } from '../../shared/ipc'
import type { ChannelHandlers } from './dispatcher'

/** The handlers for some channels of the app's contract, as each `setup…` module provides them. */
export type MainHandlers<K extends IpcChannel> = Pick<ChannelHandlers<IpcContract, IpcMainInvokeEvent>, K>
