import type { Page } from '@playwright/test'

/**
 * Every row of the station's tables as IndexedDB holds them, read without the app (so sealed
 * rows show as stored). Bytes come back as text, so a name stored in plain UTF-8 would show.
 */
export async function rawRows(
  page: Page,
  tables: readonly string[] = ['intakes', 'outbox', 'attachments', 'meta'],
): Promise<Record<string, Record<string, unknown>[]>> {
  return page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('bianmin-station')
      request.onsuccess = () => done(request.result)
      request.onerror = () => fail(request.error)
    })
    const rows: Record<string, Record<string, unknown>[]> = {}
    for (const name of names) {
      rows[name] = await new Promise((done, fail) => {
        const request = db.transaction(name).objectStore(name).getAll()
        request.onsuccess = () => done(request.result as Record<string, unknown>[])
        request.onerror = () => fail(request.error)
      })
    }
    db.close()
    return JSON.parse(JSON.stringify(rows, (_, value: unknown) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : value)))
  }, tables)
}
