import { resolveSdtConfig } from '../id-card/sdt-config'
import { createSdtReader } from '../id-card/sdt-reader'
import type { MainHandlers } from './main-handlers'

/** 读取身份证 through the standard SDK: configured by environment at start, bound on the first read. */
export function setupIdCard(): MainHandlers<'idCard:read'> {
  const reader = createSdtReader(resolveSdtConfig(process.platform, process.env))
  return {
    'idCard:read': () => reader.read(),
  }
}
