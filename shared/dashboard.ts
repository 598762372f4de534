import { stationCodeSchema } from './station'
import { z } from './zod'

/** The console's 首页统计: how many days of intakes it charts. */
export const DASHBOARD_DAYS = 14
/** A device not heard from for longer than this is flagged as silent (sync health). */
export const DEVICE_SILENT_HOURS = 24

const count = z.number().int().min(0)
const isoDate = z.iso.date()

export const dashboardSchema = z.object({
  /** The county's today (China's calendar day) the numbers were computed for. */
  today: isoDate,
  /** The last DASHBOARD_DAYS days, oldest first, today last. */
  days: z.array(isoDate),
  /** Intakes the county received per station and day; `counts` lines up with `days`. Every station, even with none. */
  intakesByStation: z.array(z.object({ stationCode: stationCodeSchema, stationName: z.string(), counts: z.array(count), total: count })),
  /** Intakes past their promised due date (before today) and not ended. */
  overdueIntakes: z.object({
    total: count,
    byStation: z.array(z.object({ stationCode: stationCodeSchema, stationName: z.string(), count })),
  }),
  ratings: z.object({
    /** Ratings 1 (非常满意) … 5 (非常不满意), all five always present. */
    byRating: z.array(z.object({ rating: z.number().int().min(1).max(5), count })),
    total: count,
    /** 差评 still 待整改 or 整改中. */
    badOpen: count,
    /** Of those, past their 15-working-day due date. */
    badOverdue: count,
  }),
  /** 办不成事 reports not yet 已解决 or 无法解决. */
  reportsOpen: count,
  devices: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      stationCode: stationCodeSchema,
      stationName: z.string(),
      /** devices.last_seen_at: the device's last authenticated call; null if never since enrollment. */
      lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
      revoked: z.boolean(),
      /** Active and silent for more than DEVICE_SILENT_HOURS. */
      silent: z.boolean(),
    }),
  ),
})
export type Dashboard = z.infer<typeof dashboardSchema>
