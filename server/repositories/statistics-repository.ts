import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { catalogItems, evaluations, intakes, stations } from '../db/schema'
import { itemOfDepartment } from './intake-department'

// 统计分析: one GROUP BY query per breakdown, every figure counted by the database.

export type StatisticsGroup = 'all' | 'month' | 'department' | 'item' | 'township' | 'station'

export type StatisticsCounts = {
  key: string
  label: string
  received: number
  accepted: number
  completed: number
  refused: number
  onTheSpot: number
  completedOnTime: number
  overdue: number
  assistedElderly: number
  assistedDisabled: number
  assistedIll: number
  assistedRemote: number
  assistedOther: number
  crossRegion: number
  lifeEventIntakes: number
  lifeEventBundles: number
  rated: number
  good: number
  bad: number
  badRectified: number
}

/** China's calendar day (UTC+8 all year, no DST) of an instant, as a date. */
const chinaDay = (column: SQL | typeof intakes.receivedAt) => sql`((${column} AT TIME ZONE 'UTC') + interval '8 hours')::date`

// The field is inlined (ours, never input): GROUP BY must see the very expression the SELECT has.
const item = (field: 'department' | 'name' | 'handling' | 'crossRegion') => sql`(${intakes.payload}->'item'->>${sql.raw(`'${field}'`)})`
const completed = sql`${intakes.status} IN ('completed', 'delivered')`
const ended = sql`${intakes.status} IN ('refused', 'completed', 'delivered', 'withdrawn', 'terminated')`

/** What each breakdown groups by, and the name it shows (the latest the rows carry). */
const GROUPS: Record<StatisticsGroup, { key: SQL; label: SQL }> = {
  all: { key: sql`''`, label: sql`'合计'` },
  month: { key: sql`to_char(${chinaDay(intakes.receivedAt)}, 'YYYY-MM')`, label: sql`to_char(${chinaDay(intakes.receivedAt)}, 'YYYY-MM')` },
  department: { key: item('department'), label: item('department') },
  item: { key: sql`${intakes.itemId}`, label: sql`max(${item('name')})` },
  township: { key: sql`${stations.township}`, label: sql`${stations.township}` },
  station: { key: sql`${intakes.stationCode}`, label: sql`max(${stations.name})` },
}

const counted = (condition: SQL) => sql<number>`count(*) FILTER (WHERE ${condition})`.mapWith(Number)
const assistedFor = (reason: string) =>
  counted(sql`${intakes.payload}->>'serviceMode' IN ('assisted', 'proxy') AND ${intakes.payload}->>'assistReason' = ${reason}`)

/**
 * Counts the intakes received from `from` to `to` (China days, both included), grouped as
 * `group` says; `today` judges 超期 of open intakes; `department` limits them to a reviewer's.
 */
export async function countIntakeStatistics(
  db: Executor,
  group: StatisticsGroup,
  filter: { from: string; to: string; today: string; department?: string },
): Promise<StatisticsCounts[]> {
  const { key, label } = GROUPS[group]
  const since = new Date(`${filter.from}T00:00:00+08:00`)
  const until = new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000)
  const conditions = [gte(intakes.receivedAt, since), lt(intakes.receivedAt, until)]
  if (filter.department !== undefined) conditions.push(itemOfDepartment(intakes.itemId, filter.department))
  const query = db
    .select({
      key: sql<string>`${key}`,
      label: sql<string>`${label}`,
      received: sql<number>`count(*)`.mapWith(Number),
      accepted: counted(sql`${intakes.acceptedAt} IS NOT NULL`),
      completed: counted(completed),
      refused: counted(sql`${intakes.status} = 'refused'`),
      onTheSpot: counted(sql`${item('handling')} = '1'`),
      completedOnTime: counted(
        sql`${completed} AND (${intakes.dueDate} IS NULL OR ${chinaDay(sql`coalesce(${intakes.completedAt}, ${intakes.updatedAt})`)} <= ${intakes.dueDate})`,
      ),
      overdue: counted(
        sql`${intakes.dueDate} IS NOT NULL AND ((${completed} AND ${chinaDay(sql`coalesce(${intakes.completedAt}, ${intakes.updatedAt})`)} > ${intakes.dueDate}) OR (NOT ${ended} AND ${intakes.dueDate} < ${filter.today}::date))`,
      ),
      assistedElderly: assistedFor('elderly'),
      assistedDisabled: assistedFor('disabled'),
      assistedIll: assistedFor('ill'),
      assistedRemote: assistedFor('remote'),
      assistedOther: assistedFor('other'),
      // The item as taken; older snapshots lack 通办范围, then the county's catalog says.
      crossRegion: counted(sql`coalesce(${item('crossRegion')}, ${catalogItems.data}->>'crossRegion', 'none') <> 'none'`),
      lifeEventIntakes: counted(sql`${intakes.payload}->'lifeEvent' IS NOT NULL`),
      lifeEventBundles: sql<number>`count(DISTINCT ${intakes.payload}->'lifeEvent'->>'bundleId')`.mapWith(Number),
      rated: counted(sql`${evaluations.id} IS NOT NULL`),
      good: counted(sql`${evaluations.rating} <= 3`),
      bad: counted(sql`${evaluations.rating} >= 4`),
      badRectified: counted(sql`${evaluations.rating} >= 4 AND ${evaluations.followUpStatus} = 'rectified'`),
    })
    .from(intakes)
    .innerJoin(stations, eq(stations.code, intakes.stationCode))
    .leftJoin(catalogItems, eq(catalogItems.id, intakes.itemId))
    .leftJoin(evaluations, eq(evaluations.intakeId, intakes.id))
    .where(and(...conditions))
  // PostgreSQL refuses a constant in GROUP BY: the total is one row without it.
  return group === 'all' ? query : query.groupBy(key).orderBy(key)
}
