import { randomUUID } from 'node:crypto'
import type { Operator } from '../../../shared/admin'
import {
  CATALOG_IMPORT_MAX_BYTES,
  type CatalogFile,
  type CatalogFileFormat,
  type CatalogImportRequest,
  type CatalogImportResponse,
  type CatalogItemSummary,
  type CatalogVersion,
  type CatalogVersionListResponse,
} from '../../../shared/catalog-admin'
import { AppError } from '../../app-error'
import type { CatalogVersionRow } from '../../db/catalog-version-schema'
import type { Database, Executor } from '../../db/database'
import {
  deleteCatalogDraft,
  deleteCatalogDraftsBefore,
  findCatalogDraft,
  insertCatalogDraft,
  insertCatalogVersion,
  listCatalogItems,
  listCatalogVersions,
  maxCatalogItemVersion,
  maxPublishedCatalogVersion,
  upsertCatalogItem,
} from '../../repositories/catalog-version-repository'
import { appendChange } from '../../repositories/change-repository'
import { compareCatalog } from './import/catalog-diff'
import { readCatalogFile, writeCatalogFile } from './import/catalog-file'
import { inChangeTransaction } from '../sync/change-transaction'

/** Drafts nobody published are dropped after this long. */
const DRAFT_KEEP_MS = 7 * 24 * 60 * 60 * 1000
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The version stations have now: the last one published here, or the starter catalog's. */
export async function currentCatalogVersion(db: Executor): Promise<number> {
  return Math.max(await maxPublishedCatalogVersion(db), await maxCatalogItemVersion(db))
}

export async function exportCatalog(db: Database, countyName: string, format: CatalogFileFormat, now: Date = new Date()): Promise<CatalogFile> {
  const items = await listCatalogItems(db)
  const version = await currentCatalogVersion(db)
  const day = now.toISOString().slice(0, 10).replaceAll('-', '')
  return writeCatalogFile(items, format, `${countyName}事项目录-第${version}版-${day}`)
}

export async function listCatalogItemSummaries(db: Database): Promise<CatalogItemSummary[]> {
  return (await listCatalogItems(db)).map((item) => ({
    id: item.id,
    name: item.name,
    domain: item.domain,
    department: item.department,
    levels: item.levels,
    status: item.status,
    promisedLimitDays: item.promisedLimitDays,
    limitUnit: item.limitUnit ?? 'workingDays',
    version: item.version,
    consultPhone: item.consultPhone,
    processSteps: item.processSteps,
    resultDescription: item.resultDescription,
    complaintPhone: item.complaintPhone,
    onlineUrl: item.onlineUrl,
  }))
}

/**
 * Reads and checks an uploaded catalog file. With any error nothing is stored
 * and every error is answered; a valid file is kept as a draft together with
 * its difference from the published catalog, for an operator to publish.
 */
export async function importCatalog(db: Database, operator: Operator, request: CatalogImportRequest, now: Date = new Date()): Promise<CatalogImportResponse> {
  requireAdmin(operator, '导入事项目录')
  const bytes = decodeBase64(request.contentBase64)
  const read = await readCatalogFile(request.fileName, bytes)
  if (!read.ok) throw new AppError(read.status === 413 ? 'too_large' : 'bad_request', read.message, { path: 'contentBase64' })
  if (!read.result.ok) return { ok: false, errors: read.result.errors, errorCount: read.result.errorCount }

  const items = read.result.items
  const baseVersion = await currentCatalogVersion(db)
  const { diff } = compareCatalog(await listCatalogItems(db), items)
  const draftId = randomUUID()
  await deleteCatalogDraftsBefore(db, new Date(now.getTime() - DRAFT_KEEP_MS))
  await insertCatalogDraft(db, { id: draftId, createdBy: operator.username, createdAt: now, fileName: request.fileName, baseVersion, items })
  return { ok: true, draftId, baseVersion, itemCount: items.length, diff }
}

/**
 * Publishes a draft as the next catalog version in one transaction: each added,
 * changed, suspended or withdrawn item gets that version and a `catalogItem`
 * change every station pulls. Intakes are untouched: each keeps the item
 * version it was submitted under.
 */
export async function publishCatalogDraft(db: Database, operator: Operator, draftId: string, now: Date = new Date()): Promise<CatalogVersion> {
  requireAdmin(operator, '发布事项目录')
  return inChangeTransaction(db, async (tx) => {
    // The change-log lock is held from here to commit, so two publishes cannot interleave.
    const draft = await findCatalogDraft(tx, draftId)
    if (!draft) throw new AppError('not_found', '草稿不存在或已经发布，请重新导入文件')
    const current = await currentCatalogVersion(tx)
    if (draft.baseVersion !== current) {
      throw new AppError('conflict', `导入之后事项目录已发布为第 ${current} 版，本草稿已过期，请重新导入文件后再发布`)
    }
    const { diff, changes } = compareCatalog(await listCatalogItems(tx), draft.items)
    if (changes.length === 0) throw new AppError('conflict', '导入的文件与已发布的目录完全相同，无需发布')

    const version = current + 1
    for (const change of changes) {
      const item = { ...change.item, version }
      await upsertCatalogItem(tx, item, now)
      await appendChange(tx, { stationCode: null, entity: 'catalogItem', entityId: item.id, op: 'put', data: item })
    }
    const row = await insertCatalogVersion(tx, {
      version,
      publishedBy: operator.username,
      publishedAt: now,
      fileName: draft.fileName,
      ...diff.counts,
    })
    await deleteCatalogDraft(tx, draft.id)
    return versionView(row)
  })
}

export async function listPublishedCatalogVersions(db: Database): Promise<CatalogVersionListResponse> {
  const rows = await listCatalogVersions(db)
  return { currentVersion: await currentCatalogVersion(db), versions: rows.map(versionView) }
}

function versionView(row: CatalogVersionRow): CatalogVersion {
  return {
    version: row.version,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt.toISOString(),
    fileName: row.fileName,
    counts: { added: row.added, changed: row.changed, suspended: row.suspended, withdrawn: row.withdrawn, unchanged: row.unchanged, notInFile: row.notInFile },
  }
}

function requireAdmin(operator: Operator, action: string): void {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', `只有县级管理员可以${action}`)
}

function decodeBase64(content: string): Buffer {
  const compact = content.replace(/\s+/g, '')
  // Checked on the encoded length first, so an oversized upload is never decoded.
  if (Math.floor((compact.length * 3) / 4) - 2 > CATALOG_IMPORT_MAX_BYTES) {
    throw new AppError('too_large', '文件超过 5 MiB 上限，请拆分后分批导入', { path: 'contentBase64' })
  }
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new AppError('bad_request', '文件内容应为 base64 编码', { path: 'contentBase64' })
  }
  return Buffer.from(compact, 'base64')
}
