import type { ServiceItem, ServiceMaterial } from '../../../shared/catalog'
import { MATERIAL_STATUS_LABELS, type MaterialStatus } from '../../../shared/intake'
import type { ServiceMode } from '../../../shared/intake'
import type { LifeEvent } from '../../../shared/life-event'
import { AGENT_ID_CARD_MATERIAL, checklistMaterials, materialStatusRefusal, type MaterialStatusOption } from '../intake/material-rules'
import { materialNameKey } from './material-match'

/** One item material a shared material stands for. */
type CoveredMaterial = { itemId: string; itemName: string; material: ServiceMaterial }

/** A material the bundle collects once, and the included items' materials it stands for. */
type SharedChecklistEntry = {
  /**
   * Stable key for forms and issue paths: "s" + its index in the bundle's list; for 代办 the
   * agent's ID card is keyed by its material id (AGENT_SHARED_KEY), as it is no bundle material.
   */
  key: string
  name: string
  description?: string
  covers: CoveredMaterial[]
}

/** One item of the bundle: whether it can be taken, and the materials asked for it alone. */
type BundleChecklistItem = {
  item: ServiceItem
  included: boolean
  /** Why no intake can be made for it (暂停 / 已取消), or null. */
  unavailable: string | null
  /** Materials not covered by a shared material: asked per item. */
  own: ServiceMaterial[]
  /** This item's material id -> the shared entry key that covers it. */
  sharedKeyOf: Record<string, string>
}

export type BundleChecklist = {
  lifeEvent: LifeEvent
  /** Shared materials that cover at least one included item's material, in the bundle's order. */
  shared: SharedChecklistEntry[]
  /** The bundle's items this station knows, in the bundle's order. */
  items: BundleChecklistItem[]
  /** Bundle item ids missing from the local catalog (not synced yet, or dropped by the county). */
  unknownItemIds: string[]
}

/** The shared entry of 代办人身份证: one agent acts for the whole sitting, so it is collected once. */
const AGENT_SHARED_KEY = AGENT_ID_CARD_MATERIAL.id

/**
 * The 一件事一次办 checklist: shared materials are asked once, and each covers every
 * included item's material of the same name (see material-match.ts); per item, only
 * its remaining materials are asked. A shared material no included item asks for is
 * left out: there would be nowhere to record it. Leaving an item out (`included`) moves
 * nothing into another item's list; it only drops its materials from what the shared
 * entries cover. For 代办 every item's checklist (checklistMaterials) gains 代办人身份证, and
 * one shared entry, after the bundle's own, covers it for all included items.
 */
export function buildBundleChecklist(
  lifeEvent: LifeEvent,
  catalogItems: readonly ServiceItem[],
  includedItemIds: ReadonlySet<string> = new Set(lifeEvent.itemIds),
  serviceMode?: ServiceMode,
  stationItemIds: ReadonlySet<string> = new Set(),
): BundleChecklist {
  const byId = new Map(catalogItems.map((item) => [item.id, item]))
  const known = lifeEvent.itemIds.flatMap((id) => {
    const item = byId.get(id)
    return item === undefined ? [] : [item]
  })
  const sharedKeys = new Map<string, string>()
  lifeEvent.sharedMaterials.forEach((material, index) => {
    const nameKey = materialNameKey(material.name)
    // Two shared entries with one name would collect it twice: the first wins.
    if (!sharedKeys.has(nameKey)) sharedKeys.set(nameKey, `s${index}`)
  })

  const covers = new Map<string, CoveredMaterial[]>()
  const items = known.map((item): BundleChecklistItem => {
    const included = includedItemIds.has(item.id)
    const sharedKeyOf: Record<string, string> = {}
    const own: ServiceMaterial[] = []
    for (const material of checklistMaterials(item, serviceMode)) {
      const key = material.id === AGENT_ID_CARD_MATERIAL.id ? AGENT_SHARED_KEY : sharedKeys.get(materialNameKey(material.name))
      if (key === undefined) {
        own.push(material)
        continue
      }
      sharedKeyOf[material.id] = key
      if (included) covers.set(key, [...(covers.get(key) ?? []), { itemId: item.id, itemName: item.name, material }])
    }
    return { item, included, unavailable: unavailableReason(item, stationItemIds), own, sharedKeyOf }
  })

  const shared = lifeEvent.sharedMaterials.flatMap((material, index): SharedChecklistEntry[] => {
    const key = `s${index}`
    const covered = covers.get(key)
    if (covered === undefined) return []
    return [{ key, name: material.name, description: material.description, covers: covered }]
  })
  const agentCovers = covers.get(AGENT_SHARED_KEY)
  if (agentCovers !== undefined)
    shared.push({ key: AGENT_SHARED_KEY, name: AGENT_ID_CARD_MATERIAL.name, description: AGENT_ID_CARD_MATERIAL.notes, covers: agentCovers })
  return { lifeEvent, shared, items, unknownItemIds: lifeEvent.itemIds.filter((id) => !byId.has(id)) }
}

/**
 * Why an item cannot start an intake now, in the words submitIntake uses: not in use, or (once
 * the county sent the station's 进驻事项) not among them.
 */
function unavailableReason(item: Pick<ServiceItem, 'id' | 'name' | 'status'>, stationItemIds: ReadonlySet<string> = new Set()): string | null {
  if (item.status !== 'active') return `“${item.name}”已${item.status === 'suspended' ? '暂停' : '取消'}办理，不能新建办件`
  if (stationItemIds.size > 0 && !stationItemIds.has(item.id)) return `“${item.name}”不是本站的进驻事项，本站不能受理`
  return null
}

/**
 * A shared material's status applies to every material it covers, so a status is offered
 * only if every covered material's guide allows it; the first refusal says why not.
 */
export function sharedStatusRefusal(entry: Pick<SharedChecklistEntry, 'covers'>, status: MaterialStatus): string | null {
  for (const { itemName, material } of entry.covers) {
    const refusal = materialStatusRefusal(material, status)
    if (refusal !== null) return `${refusal}（${itemName}）`
  }
  return null
}

export function sharedStatusOptions(entry: Pick<SharedChecklistEntry, 'covers'>): MaterialStatusOption[] {
  return (Object.keys(MATERIAL_STATUS_LABELS) as MaterialStatus[]).map((status) => {
    const refusal = sharedStatusRefusal(entry, status)
    return { value: status, label: MATERIAL_STATUS_LABELS[status], disabled: refusal !== null, title: refusal ?? undefined }
  })
}
