import { ITEM_STATUS_LABELS, type ItemStatus } from '../../../shared/catalog'

/** Tag colours: in use is quiet, 暂停 warns, 已取消 is red. */
export const ITEM_STATUS_COLORS: Record<ItemStatus, string> = { active: 'green', suspended: 'orange', withdrawn: 'red' }

export function itemStatusLabel(status: ItemStatus): string {
  return ITEM_STATUS_LABELS[status]
}
