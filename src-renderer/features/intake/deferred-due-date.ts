import type { ServiceItem } from '../../../shared/catalog'
import { addLimitDays, limitDaysLabel, type WorkingDayCalendar } from '../../../shared/working-days'

/** The latest 补交期限 a 容缺后补 material may get, and the limit it comes from. */
export type DeferredDueDateLimit = { today: string; latest: string; limitDays: number; onTheSpot: boolean; limitLabel: string }

/**
 * DOMAIN.md (容缺受理): the resident must bring the missing material by a deadline no later
 * than the promised limit. The station does not know when the county will accept the intake,
 * so it counts the limit from the day it takes the intake (China date): the earliest the case
 * can be due, hence a deadline the county can always keep.
 *
 * A 即办件 (or an item promising 0 working days) is done the same day, so its limit is today:
 * a missing material may still be accepted under 容缺, but must be brought before the window
 * closes today — the same rule with a limit of 0, as intakeDueDate counts a 即办件.
 */
export function deferredDueDateLimit(
  item: Pick<ServiceItem, 'handling' | 'promisedLimitDays'> & { limitUnit?: ServiceItem['limitUnit'] },
  today: string,
  calendar: WorkingDayCalendar,
): DeferredDueDateLimit {
  const limitDays = item.handling === '1' ? 0 : item.promisedLimitDays
  return {
    today,
    latest: addLimitDays(today, limitDays, item.limitUnit, calendar),
    limitDays,
    onTheSpot: limitDays === 0,
    limitLabel: limitDaysLabel(limitDays, item.limitUnit),
  }
}

/** Why a 补交期限 is refused (Chinese, names the material), or null when it is within the limit. */
export function deferredDueDateRefusal(materialName: string, dueDate: string, limit: DeferredDueDateLimit): string | null {
  if (dueDate < limit.today) return `“${materialName}”的补交期限不能早于今天`
  if (dueDate > limit.latest) {
    const why = limit.onTheSpot ? '即办件须当日补交' : `承诺时限${limit.limitLabel}`
    return `“${materialName}”的补交期限不能晚于承诺办结日期 ${limit.latest}（${why}）`
  }
  return null
}

/** The 补交期限 field's help text: the deadline the clerk may give at most. */
export function deferredDueDateHelp(limit: DeferredDueDateLimit): string {
  return limit.onTheSpot
    ? `即办件须当日补交，补交期限只能是今天（${limit.latest}）`
    : `申请人须在此日期前补交，最迟 ${limit.latest}（承诺办结日期，${limit.limitLabel}）`
}
