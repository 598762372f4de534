import { expect, type Page } from '@playwright/test'
import { decodeCsvBytes, parseCsv, writeCsv } from '../../../server/services/catalog/import/csv'
import { operatorLogin } from './test-county'

/**
 * The county withdraws an item the way an administrator does in the console: export the
 * catalog, set its 状态 to 已取消, import the file and publish the draft.
 */
export async function withdrawOnCounty(countyUrl: string, itemId: string): Promise<void> {
  const token = await operatorLogin(countyUrl)
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const exported = await fetch(`${countyUrl}/api/v1/admin/catalog/export?format=csv`, { headers: { authorization: `Bearer ${token}` } })
  expect(exported.status).toBe(200)
  const decoded = decodeCsvBytes(Buffer.from(((await exported.json()) as { contentBase64: string }).contentBase64, 'base64'))
  if (!decoded.ok) throw new Error(decoded.message)
  const parsed = parseCsv(decoded.text)
  if (!parsed.ok) throw new Error(parsed.message)
  const rows = parsed.rows
  const status = rows[0]!.indexOf('状态')
  for (const row of rows.slice(1)) if (row[0] === itemId) row[status] = '已取消'
  const imported = await fetch(`${countyUrl}/api/v1/admin/catalog/import`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ fileName: `目录-取消${itemId}.csv`, contentBase64: writeCsv(rows).toString('base64') }),
  })
  const answer = (await imported.json()) as { ok: boolean; draftId?: string; diff?: { counts: { withdrawn: number } } }
  expect(answer).toMatchObject({ ok: true, diff: { counts: { withdrawn: 1 } } })
  const published = await fetch(`${countyUrl}/api/v1/admin/catalog/publish`, { method: 'POST', headers, body: JSON.stringify({ draftId: answer.draftId }) })
  expect(published.status).toBe(200)
}

/** The item's status in the station's own database (IndexedDB), as the last pull left it. */
export async function stationItemStatus(page: Page, itemId: string): Promise<string | undefined> {
  return page.evaluate(
    async (id) =>
      new Promise<string | undefined>((resolvePromise, reject) => {
        const open = indexedDB.open('bianmin-station')
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'))
        open.onsuccess = () => {
          const db = open.result
          const request = db.transaction('catalogItems').objectStore('catalogItems').get(id)
          request.onerror = () => reject(request.error ?? new Error('get failed'))
          request.onsuccess = () => {
            db.close()
            resolvePromise((request.result as { status?: string } | undefined)?.status)
          }
        }
      }),
    itemId,
  )
}
