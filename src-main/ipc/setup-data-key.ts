import { safeStorage } from 'electron'
import { createDataKeyStore } from '../data-key-store'
import type { MainHandlers } from './main-handlers'

/** The OS key store for the station's device data key (logic in data-key-store.ts). */
export function setupDataKey(): MainHandlers<'dataKey:wrap' | 'dataKey:unwrap'> {
  const store = createDataKeyStore(safeStorage)
  return {
    'dataKey:wrap': ({ dataKey }) => ({ wrapped: store.wrap(dataKey) }),
    'dataKey:unwrap': ({ wrapped }) => ({ dataKey: store.unwrap(wrapped) }),
  }
}
