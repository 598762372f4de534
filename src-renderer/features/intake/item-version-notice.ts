import type { CatalogItemRecord } from '../../db/catalog-item-record'

/** The item and its catalog version as they were when the clerk chose it on this form. */
export type ItemVersionMark = { itemId: string; version: number | undefined } | null

/**
 * Keeps the mark while the same item stays chosen, so a later pull that changes the item
 * shows as a change; a newly chosen item starts a new mark at its current version.
 */
export function markItemVersion(mark: ItemVersionMark, itemId: string | undefined, item: CatalogItemRecord | undefined): ItemVersionMark {
  if (itemId === undefined || itemId === '') return null
  if (mark?.itemId === itemId) return mark
  return { itemId, version: item?.version }
}

/**
 * What to tell the clerk before submitting: the chosen item is no longer offered (a pull
 * suspended or withdrew it; the form's live list only holds items open for intake), or the
 * county published a new version of it since the clerk chose it.
 */
export function itemChangeNotice(mark: ItemVersionMark, item: CatalogItemRecord | undefined): string | null {
  if (mark === null) return null
  if (item === undefined) return '所选事项已被县级暂停或取消办理，不能提交本办件，请重新选择办理事项'
  if (mark.version !== undefined && item.version !== mark.version) {
    return `所选事项在您开始填写后已由县级更新（第 ${mark.version} 版 → 第 ${item.version} 版），请核对所需材料和办理时限后再提交`
  }
  return null
}
