import { z } from './zod'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 yyyy-mm-dd')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
  }, '日期不存在')

/**
 * A year's working-day calendar as the county publishes it, from the State Council's
 * 国务院办公厅关于…年部分节假日安排的通知.
 */
export const workingDayCalendarSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Every day off in a statutory holiday period (weekdays and weekends), ISO yyyy-mm-dd. */
  holidays: z.array(isoDate),
  /** 调休 make-up working days that fall on weekends, ISO yyyy-mm-dd. */
  workdays: z.array(isoDate),
  /** Derived before the notice was published: the county operator must check it against the notice. */
  provisional: z.boolean().optional(),
})

export type WorkingDayCalendarFile = z.infer<typeof workingDayCalendarSchema>
