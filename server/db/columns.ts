import { timestamp } from 'drizzle-orm/pg-core'

// Column builders the table definitions share (server/db/*schema.ts), one per kind of column
// the migrations repeat. Each call makes a new builder: Drizzle binds a column to one table.

/** A time on the county's clock; device clocks are kept as text, as data only. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true })

/** When the county wrote the row, set by the database. */
export const createdAt = () => timestamptz('created_at').notNull().defaultNow()

/** When the county last changed the row: the database sets it on insert, an update sets it itself. */
export const updatedAt = () => timestamptz('updated_at').notNull().defaultNow()

/** When the county received what a station sent, set by the database. */
export const receivedAt = () => timestamptz('received_at').notNull().defaultNow()
