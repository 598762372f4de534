import { boolean, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, updatedAt } from './columns'
import { stationCode } from './schema'

// Mirrors server/migrations/0009_station_staff.sql, kept apart from schema.ts because only
// the station staff code queries it.

export const stationStaff = pgTable(
  'station_staff',
  {
    id: uuid('id').primaryKey(),
    stationCode: stationCode(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /** 首席事务代表: may complete 即办件 at the window. */
    onSiteAuthority: boolean('on_site_authority').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('station_staff_station_username_key').on(table.stationCode, table.username)],
)

export type StationStaffRow = typeof stationStaff.$inferSelect
