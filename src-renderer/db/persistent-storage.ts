/**
 * Asks the browser not to evict our IndexedDB under storage pressure: unsent intakes
 * live only here until the county confirms them. Returns whether the request was granted.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false
  try {
    if (await navigator.storage.persisted()) return true
    return await navigator.storage.persist()
  } catch {
    return false
  }
}
