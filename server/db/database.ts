import type { ExtractTablesWithRelations } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type * as schema from './schema'

/**
 * The one database type above open-database.ts: both drivers (PGlite and
 * node-postgres) are PgDatabase instances, so services and repositories never
 * know which one they run on.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>

export type Transaction = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>

/** What a repository function runs on: the database itself or an open transaction. */
export type Executor = Database | Transaction
