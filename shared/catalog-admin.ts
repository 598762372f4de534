import { itemStatusSchema, levelSchema, limitUnitSchema } from './catalog'
import { z } from './zod'

/**
 * The county console's catalog screens: export, import as a draft, publish as a
 * new catalog version. Files travel base64-encoded inside JSON so every endpoint
 * stays a validated, documented JSON call.
 */

const catalogFileFormatSchema = z.enum(['csv', 'xlsx'])
export type CatalogFileFormat = z.infer<typeof catalogFileFormatSchema>

/** Largest catalog file accepted for import (decoded bytes). */
export const CATALOG_IMPORT_MAX_BYTES = 5 * 1024 * 1024
/** base64 of the largest file, with room for padding; past it the request is refused before decoding. */
const MAX_BASE64_CHARS = Math.ceil(CATALOG_IMPORT_MAX_BYTES / 3) * 4 + 4

export const catalogExportQuerySchema = z.object({ format: catalogFileFormatSchema.default('xlsx') })

export const catalogFileSchema = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  /** The file's bytes, base64. */
  contentBase64: z.string(),
})
export type CatalogFile = z.infer<typeof catalogFileSchema>

export const catalogImportRequestSchema = z.object({
  /** Decides the format together with the file's first bytes: .csv or .xlsx. */
  fileName: z.string().trim().min(1, '请提供文件名').max(255, '文件名过长'),
  // A longer string is still accepted here so the size check can answer 413 with the limit.
  contentBase64: z.string().max(MAX_BASE64_CHARS * 2, '文件超过 5 MiB 上限'),
})
export type CatalogImportRequest = z.infer<typeof catalogImportRequestSchema>

/** One problem in an import file: its row as a spreadsheet shows it (the header is row 1) and its column header. */
export const catalogImportErrorSchema = z.object({
  row: z.number().int().min(0),
  column: z.string(),
  message: z.string(),
})
export type CatalogImportError = z.infer<typeof catalogImportErrorSchema>

const catalogDiffKindSchema = z.enum(['added', 'changed', 'suspended', 'withdrawn'])
export type CatalogDiffKind = z.infer<typeof catalogDiffKindSchema>
export const CATALOG_DIFF_KIND_LABELS: Record<CatalogDiffKind, string> = { added: '新增', changed: '变更', suspended: '暂停', withdrawn: '取消' }

const catalogDiffEntrySchema = z.object({
  kind: catalogDiffKindSchema,
  id: z.string(),
  name: z.string(),
  /** Chinese headers of the columns whose value differs from the published item (empty for an added item). */
  fields: z.array(z.string()),
})
export type CatalogDiffEntry = z.infer<typeof catalogDiffEntrySchema>

const catalogDiffCountsSchema = z.object({
  added: z.number().int(),
  changed: z.number().int(),
  suspended: z.number().int(),
  withdrawn: z.number().int(),
  unchanged: z.number().int(),
  /** Published items the file does not list: they stay as they are (withdrawal is explicit). */
  notInFile: z.number().int(),
})

const catalogDiffSchema = z.object({ counts: catalogDiffCountsSchema, entries: z.array(catalogDiffEntrySchema) })
export type CatalogDiff = z.infer<typeof catalogDiffSchema>

export const catalogImportResponseSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(false),
    /** Every error found (up to the cap), in row order; nothing was stored. */
    errors: z.array(catalogImportErrorSchema),
    errorCount: z.number().int(),
  }),
  z.object({
    ok: z.literal(true),
    draftId: z.uuid(),
    /** The published catalog version the diff was taken against; publishing fails if it moved on. */
    baseVersion: z.number().int(),
    itemCount: z.number().int(),
    diff: catalogDiffSchema,
  }),
])
export type CatalogImportResponse = z.infer<typeof catalogImportResponseSchema>

export const catalogPublishRequestSchema = z.object({ draftId: z.uuid('草稿编号应为UUID') })

const catalogVersionSchema = z.object({
  version: z.number().int(),
  publishedBy: z.string(),
  publishedAt: z.iso.datetime({ offset: true }),
  fileName: z.string(),
  counts: catalogDiffCountsSchema,
})
export type CatalogVersion = z.infer<typeof catalogVersionSchema>

export const catalogPublishResponseSchema = z.object({ version: catalogVersionSchema })

export const catalogVersionListResponseSchema = z.object({
  /** The catalog version stations have now (the starter catalog is version 1). */
  currentVersion: z.number().int(),
  versions: z.array(catalogVersionSchema),
})
export type CatalogVersionListResponse = z.infer<typeof catalogVersionListResponseSchema>

/** A published item as the console lists it. */
const catalogItemSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string(),
  department: z.string(),
  levels: z.array(levelSchema),
  status: itemStatusSchema,
  promisedLimitDays: z.number().int(),
  limitUnit: limitUnitSchema.default('workingDays'),
  version: z.number().int(),
  /** 办事指南 fields the console shows under the row; empty consultPhone: 请咨询窗口. */
  consultPhone: z.string().default(''),
  processSteps: z.array(z.string()).optional(),
  resultDescription: z.string().optional(),
  complaintPhone: z.string().optional(),
  onlineUrl: z.string().optional(),
})
export type CatalogItemSummary = z.infer<typeof catalogItemSummarySchema>

export const catalogItemListResponseSchema = z.object({ items: z.array(catalogItemSummarySchema) })
