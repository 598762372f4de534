import type { ServiceItem } from '../../shared/catalog'
import type { StationKind } from '../../shared/station'

/** Domains in which a village agent commonly takes in a township item for a resident (帮办代办). */
const VILLAGE_PROXY_DOMAINS: ReadonlySet<string> = new Set(['社会保险', '社会救助', '养老服务', '残疾人服务', '社会服务', '退役军人', '劳动就业', '农业农村'])

type RuleItem = Pick<ServiceItem, 'id' | 'levels' | 'audience' | 'domain' | 'status' | 'lifeEvents'>

/**
 * The 进驻事项 a demo station starts with, from each item's 行使层级 (`levels`: 4 县, 5 乡镇,
 * 6 村) and the 勐海县 practice of 一窗受理 and 帮办代办. Withdrawn items are never offered.
 *
 * - 乡镇便民服务中心: every item handled at township or village level (5 or 6), plus the
 *   county-only items (4) of a 一件事一次办 bundle: the centre takes the whole bundle in at one
 *   window (窗口收件) and forwards the county's part, so a resident does not travel to town twice.
 *   Other county-only items (marriage registration, professional licences, …) need the resident
 *   or the applicant's organisation at the county hall and stay off the list.
 * - 村(社区)便民服务站: every village-level item (6), plus the township-level items (5) a village
 *   agent commonly takes in for a resident (自然人) under 帮办代办: social insurance, assistance,
 *   elderly, disability, veterans, employment and farming matters. 户籍, 婚姻, market registration
 *   and 不动产 need the applicant at the window or the police station and stay off the list.
 */
export function demoStationItemIds(kind: StationKind, items: readonly RuleItem[]): string[] {
  return items
    .filter((item) => item.status !== 'withdrawn' && offers(kind, item))
    .map((item) => item.id)
    .sort()
}

function offers(kind: StationKind, item: RuleItem): boolean {
  const at = (level: '4' | '5' | '6') => item.levels.includes(level)
  if (kind === 'townshipCentre') return at('5') || at('6') || item.lifeEvents.length > 0
  if (at('6')) return true
  return at('5') && item.audience.includes('1') && VILLAGE_PROXY_DOMAINS.has(item.domain)
}
