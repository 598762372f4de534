/** What the browser tells about this app's storage; fields are null where it cannot tell. */
export type StorageStatus = { persisted: boolean | null; usageBytes: number | null; quotaBytes: number | null }

export async function readStorageStatus(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageStatus> {
  const status: StorageStatus = { persisted: null, usageBytes: null, quotaBytes: null }
  if (storage === undefined) return status
  try {
    if (storage.persisted) status.persisted = await storage.persisted()
    if (storage.estimate) {
      const estimate = await storage.estimate()
      status.usageBytes = estimate.usage ?? null
      status.quotaBytes = estimate.quota ?? null
    }
  } catch {
    // Some embedders refuse these calls; the page then says it cannot tell.
  }
  return status
}

/** 12.3 MB, in the units a clerk reads. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '未知'
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`
}
