import {
  CATALOG_IMPORT_MAX_BYTES,
  catalogFileSchema,
  catalogImportResponseSchema,
  catalogItemListResponseSchema,
  catalogPublishResponseSchema,
  catalogVersionListResponseSchema,
  type CatalogFile,
  type CatalogFileFormat,
  type CatalogImportResponse,
  type CatalogItemSummary,
  type CatalogVersion,
  type CatalogVersionListResponse,
} from '../../shared/catalog-admin'
import { API_PREFIX } from '../../shared/protocol'
import type { z } from '../../shared/zod'
import { ConsoleApiError, currentSession, signOut } from './api'

/**
 * The catalog screen's calls to the county server. Like api.ts, each one
 * validates what comes back; an import's row errors (422) are an answer, not a
 * failure, so they come back as `{ ok: false, errors }`.
 */

async function call<S extends z.ZodType>(schema: S, method: 'GET' | 'POST', path: string, body?: unknown, answerStatuses: number[] = []): Promise<z.output<S>> {
  const token = currentSession()?.token
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`${API_PREFIX}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch {
    throw new ConsoleApiError('无法连接县级服务器，请检查网络后重试', 0)
  }
  const json: unknown = await response.json().catch(() => undefined)
  if (!response.ok && !answerStatuses.includes(response.status)) {
    const message = (json as { error?: { message?: string } } | undefined)?.error?.message ?? `服务器返回错误（${response.status}），请稍后重试`
    if (response.status === 401 && token) signOut()
    throw new ConsoleApiError(message, response.status)
  }
  return schema.parse(json)
}

export async function listCatalogItems(): Promise<CatalogItemSummary[]> {
  return (await call(catalogItemListResponseSchema, 'GET', '/admin/catalog/items')).items
}

export async function listCatalogVersions(): Promise<CatalogVersionListResponse> {
  return call(catalogVersionListResponseSchema, 'GET', '/admin/catalog/versions')
}

export async function exportCatalog(format: CatalogFileFormat): Promise<CatalogFile> {
  return call(catalogFileSchema, 'GET', `/admin/catalog/export?format=${format}`)
}

export async function importCatalog(file: File): Promise<CatalogImportResponse> {
  if (file.size > CATALOG_IMPORT_MAX_BYTES) throw new ConsoleApiError(`文件大小超过 5 MiB 上限（${(file.size / 1024 / 1024).toFixed(1)} MiB），请拆分后分批导入`, 413)
  const contentBase64 = await base64Of(file)
  return call(catalogImportResponseSchema, 'POST', '/admin/catalog/import', { fileName: file.name, contentBase64 }, [422])
}

export async function publishCatalog(draftId: string): Promise<CatalogVersion> {
  return (await call(catalogPublishResponseSchema, 'POST', '/admin/catalog/publish', { draftId })).version
}

export function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(new ConsoleApiError('无法读取所选文件，请重新选择', 0))
    reader.readAsDataURL(file)
  })
}
