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
import { ConsoleApiError, consoleRequest } from './api'

/**
 * The catalog screen's calls to the county server. Like api.ts, each one
 * validates what comes back; an import's row errors (422) are an answer, not a
 * failure, so they come back as `{ ok: false, errors }`.
 */

export async function listCatalogItems(): Promise<CatalogItemSummary[]> {
  return (await consoleRequest(catalogItemListResponseSchema, 'GET', '/admin/catalog/items')).items
}

export async function listCatalogVersions(): Promise<CatalogVersionListResponse> {
  return consoleRequest(catalogVersionListResponseSchema, 'GET', '/admin/catalog/versions')
}

export async function exportCatalog(format: CatalogFileFormat): Promise<CatalogFile> {
  return consoleRequest(catalogFileSchema, 'GET', `/admin/catalog/export?format=${format}`)
}

export async function importCatalog(file: File): Promise<CatalogImportResponse> {
  if (file.size > CATALOG_IMPORT_MAX_BYTES)
    throw new ConsoleApiError(`文件大小超过 5 MiB 上限（${(file.size / 1024 / 1024).toFixed(1)} MiB），请拆分后分批导入`, 413)
  const contentBase64 = await base64Of(file)
  return consoleRequest(catalogImportResponseSchema, 'POST', '/admin/catalog/import', { fileName: file.name, contentBase64 }, { answerStatuses: [422] })
}

export async function publishCatalog(draftId: string): Promise<CatalogVersion> {
  return (await consoleRequest(catalogPublishResponseSchema, 'POST', '/admin/catalog/publish', { draftId })).version
}

export function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(new ConsoleApiError('无法读取所选文件，请重新选择', 0))
    reader.readAsDataURL(file)
  })
}
