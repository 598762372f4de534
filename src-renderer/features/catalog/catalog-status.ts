import { ITEM_STATUS_LABELS, type ItemStatus, type ServiceItem } from '../../../shared/catalog'

/** Tag colours: in use is quiet, 暂停 warns, 已取消 is red. */
export const ITEM_STATUS_COLORS: Record<ItemStatus, string> = { active: 'green', suspended: 'orange', withdrawn: 'red' }

export function itemStatusLabel(status: ItemStatus): string {
  return ITEM_STATUS_LABELS[status]
}

/**
 * Why no new intake may be made for an item, as the guide tells the clerk (null when it is in use).
 * The new-intake form lists only items in use and submitIntake refuses the rest; this says why.
 */
export function itemUnavailableReason(item: Pick<ServiceItem, 'status' | 'consultPhone'>): string | null {
  const phone = item.consultPhone ? `，咨询电话 ${item.consultPhone}` : '，请咨询窗口'
  switch (item.status) {
    case 'active':
      return null
    case 'suspended':
      return `该事项已暂停办理，暂时不能受理新的申请。请向申请人说明情况，待县级恢复办理并同步目录后再受理${phone}。`
    case 'withdrawn':
      return `该事项已取消，不再受理新的申请；已受理的办件照常办理。申请人如仍有需要，请参阅下方受理条件中的说明或咨询实施主体${phone}。`
  }
}
