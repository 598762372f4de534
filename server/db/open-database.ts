import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Database } from './database'
import { runMigrations } from './migrate'
import * as schema from './schema'

type OpenDatabaseOptions = {
  /** PGlite data folder, or "memory://" for an in-memory database (tests). */
  dataDir?: string
  /** A PostgreSQL connection string; wins over dataDir when set. */
  databaseUrl?: string
  /** PostgreSQL: connections kept at most (config `databasePoolSize`). */
  poolSize?: number
}

export type OpenedDatabase = {
  db: Database
  /** Which engine answered, for the start log. */
  engine: 'pglite' | 'postgres'
  close(): Promise<void>
}

/** Opens PostgreSQL (DATABASE_URL) or embedded PGlite, then applies pending migrations. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const opened = options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize) : await openPglite(options.dataDir ?? 'memory://')
  try {
    await runMigrations(opened.db)
  } catch (error) {
    await opened.close()
    throw error
  }
  return opened
}

function openPostgres(databaseUrl: string, poolSize: number | undefined): OpenedDatabase {
  // Unset: pg's own default (10).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize })
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined)
  // Both drivers share PgDatabase; only their raw result types differ, which we never use.
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Database
  return { db, engine: 'postgres', close: () => pool.end() }
}

async function openPglite(dataDir: string): Promise<OpenedDatabase> {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create(dataDir)
  const db = drizzlePglite({ client, schema }) as unknown as Database
  return {
    db,
    engine: 'pglite',
    // PGlite holds the folder until closed; a second open of the same folder must wait for this.
    close: () => client.close(),
  }
}
