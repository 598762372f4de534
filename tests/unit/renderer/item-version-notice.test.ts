import { describe, expect, it } from 'vitest'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import { itemChangeNotice, markItemVersion } from '../../../src-renderer/features/intake/item-version-notice'
import { catalogItem } from './fixtures'

const v1 = toCatalogItemRecord({ ...catalogItem, version: 1 })
const v2 = toCatalogItemRecord({ ...catalogItem, version: 2 })

describe('telling the clerk the chosen item changed before submitting', () => {
  it('marks the version when an item is chosen and keeps it while the same item stays chosen', () => {
    const mark = markItemVersion(null, v1.id, v1)
    expect(mark).toEqual({ itemId: v1.id, version: 1 })
    expect(markItemVersion(mark, v1.id, v2)).toBe(mark)
    expect(markItemVersion(mark, 'other', undefined)).toEqual({ itemId: 'other', version: undefined })
    expect(markItemVersion(mark, undefined, undefined)).toBeNull()
  })

  it('says nothing while the item is as chosen, and speaks when the county changed or withdrew it', () => {
    const mark = markItemVersion(null, v1.id, v1)
    expect(itemChangeNotice(null, undefined)).toBeNull()
    expect(itemChangeNotice(mark, v1)).toBeNull()
    expect(itemChangeNotice(mark, v2)).toBe('所选事项在您开始填写后已由县级更新（第 1 版 → 第 2 版），请核对所需材料和办理时限后再提交')
    // Suspended or withdrawn items leave the form's live list of items open for intake.
    expect(itemChangeNotice(mark, undefined)).toBe('所选事项已被县级暂停或取消办理，不能提交本办件，请重新选择办理事项')
  })
})
