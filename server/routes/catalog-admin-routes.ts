import {
  catalogExportQuerySchema,
  catalogFileSchema,
  catalogImportRequestSchema,
  catalogImportResponseSchema,
  catalogItemListResponseSchema,
  catalogPublishRequestSchema,
  catalogPublishResponseSchema,
  catalogVersionListResponseSchema,
} from '../../shared/catalog-admin'
import type { CountyConfig } from '../config'
import type { Database } from '../db/database'
import type { Router } from '../http/router'
import {
  exportCatalog,
  importCatalog,
  listCatalogItemSummaries,
  listPublishedCatalogVersions,
  publishCatalogDraft,
} from '../services/catalog/catalog-admin-service'

export function registerCatalogAdminRoutes(router: Router, deps: { db: Database; config: CountyConfig }): void {
  router.define(
    {
      method: 'GET',
      url: '/admin/catalog/items',
      operationId: 'adminListCatalogItems',
      summary: '已发布的事项目录（全部状态），按事项编码排序',
      auth: 'operator',
      response: catalogItemListResponseSchema,
      errors: [401],
    },
    async () => ({ items: await listCatalogItemSummaries(deps.db) }),
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/catalog/export',
      operationId: 'adminExportCatalog',
      summary: '导出当前事项目录为 CSV（UTF-8 带 BOM）或 XLSX 文件；文件内容以 base64 放在 contentBase64 中，列的格式见 README“Catalog import format”',
      auth: 'operator',
      query: catalogExportQuerySchema,
      response: catalogFileSchema,
      errors: [400, 401],
    },
    async ({ query }) => exportCatalog(deps.db, deps.config.county.name, query.format),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/catalog/import',
      operationId: 'adminImportCatalog',
      summary:
        '上传事项目录文件（CSV 或 XLSX，base64，最大 5 MiB）并逐行校验。有错误时答 422 并列出每个错误的行号、列名和原因，不做任何改动；全部正确时保存为草稿，答复与已发布目录的差异',
      auth: 'operator',
      body: catalogImportRequestSchema,
      response: catalogImportResponseSchema,
      errors: [400, 401, 403, 413, 422],
    },
    async ({ body, auth, reply }) => {
      const answer = await importCatalog(deps.db, auth, body)
      if (!answer.ok) reply.code(422)
      return answer
    },
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/catalog/publish',
      operationId: 'adminPublishCatalog',
      summary: '把导入的草稿发布为新的目录版本：新增、变更、暂停、取消的事项随后由各站点同步',
      auth: 'operator',
      body: catalogPublishRequestSchema,
      response: catalogPublishResponseSchema,
      errors: [400, 401, 403, 404, 409],
    },
    async ({ body, auth }) => ({ version: await publishCatalogDraft(deps.db, auth, body.draftId) }),
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/catalog/versions',
      operationId: 'adminListCatalogVersions',
      summary: '已发布的目录版本：发布人、时间及新增、变更、暂停、取消的事项数',
      auth: 'operator',
      response: catalogVersionListResponseSchema,
      errors: [401],
    },
    async () => listPublishedCatalogVersions(deps.db),
  )
}
