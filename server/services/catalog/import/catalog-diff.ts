import type { CatalogDiff, CatalogDiffEntry, CatalogDiffKind } from '../../../../shared/catalog-admin'
import type { ServiceItem } from '../../../../shared/catalog'
import { canonicalJson } from '../../../../shared/canonical-json'
import { CATALOG_COLUMNS, VERSION_HEADER } from './columns'

/** An item of the file that differs from the catalog stations have. */
type CatalogChange = { kind: CatalogDiffKind; item: ServiceItem; fields: string[] }

type CatalogComparison = { diff: CatalogDiff; changes: CatalogChange[] }

/**
 * Compares imported items with the published catalog, ignoring versions (the
 * server assigns them). A status moving to 暂停 or 已取消 is a suspension or a
 * withdrawal, any other difference a change. Published items the file leaves
 * out stay as they are: withdrawing an item takes 状态 = 已取消 in the file.
 */
export function compareCatalog(published: readonly ServiceItem[], imported: readonly ServiceItem[]): CatalogComparison {
  const byId = new Map(published.map((item) => [item.id, item]))
  const changes: CatalogChange[] = []
  let unchanged = 0
  for (const item of imported) {
    const current = byId.get(item.id)
    if (!current) {
      changes.push({ kind: 'added', item, fields: [] })
      continue
    }
    const fields = changedFields(current, item)
    if (fields.length === 0) {
      unchanged++
      continue
    }
    const kind: CatalogDiffKind =
      item.status !== current.status && item.status === 'withdrawn'
        ? 'withdrawn'
        : item.status !== current.status && item.status === 'suspended'
          ? 'suspended'
          : 'changed'
    changes.push({ kind, item, fields })
  }
  const importedIds = new Set(imported.map((item) => item.id))
  const count = (kind: CatalogDiffKind) => changes.filter((change) => change.kind === kind).length
  const entries: CatalogDiffEntry[] = changes.map((change) => ({ kind: change.kind, id: change.item.id, name: change.item.name, fields: change.fields }))
  return {
    changes,
    diff: {
      counts: {
        added: count('added'),
        changed: count('changed'),
        suspended: count('suspended'),
        withdrawn: count('withdrawn'),
        unchanged,
        notInFile: published.filter((item) => !importedIds.has(item.id)).length,
      },
      entries,
    },
  }
}

/** Chinese headers of the columns that differ; any difference in the materials is reported as 材料. */
function changedFields(current: ServiceItem, next: ServiceItem): string[] {
  const fields: string[] = []
  for (const column of CATALOG_COLUMNS) {
    if (column.scope !== 'item' || !column.path || column.header === VERSION_HEADER) continue
    if (canonicalJson(valueAt(current, column.path)) !== canonicalJson(valueAt(next, column.path))) fields.push(column.header)
  }
  if (canonicalJson(current.materials) !== canonicalJson(next.materials)) fields.push('材料')
  return fields
}

function valueAt(item: ServiceItem, path: string): unknown {
  const value = path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], item)
  // An item published before units has none: it counted working days, so it has not changed.
  return path === 'limitUnit' ? (value ?? 'workingDays') : value
}
