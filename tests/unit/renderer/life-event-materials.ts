import type { BundleChecklist } from '../../../src-renderer/features/life-event/bundle-checklist'
import type { BundleMaterialEntry } from '../../../src-renderer/features/life-event/bundle-intake'

type Chosen = { shared: Record<string, BundleMaterialEntry>; own: Record<string, Record<string, BundleMaterialEntry>> }

/**
 * Every material of the checklist set as a clerk usually does (bundle materials start unchosen):
 * 已收取 where some item requires it, else 不适用.
 */
export function everyMaterialChosen(checklist: BundleChecklist): Chosen {
  return {
    shared: Object.fromEntries(
      checklist.shared.map((entry) => [
        entry.key,
        { status: entry.covers.every(({ material }) => material.necessity === 'optional') ? 'notApplicable' : 'provided' },
      ]),
    ),
    own: Object.fromEntries(
      checklist.items.map(({ item, own }) => [
        item.id,
        Object.fromEntries(own.map((material) => [material.id, { status: material.necessity === 'optional' ? 'notApplicable' : 'provided' }])),
      ]),
    ),
  }
}
