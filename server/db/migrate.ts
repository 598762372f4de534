import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { Database } from './database'

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url))
/** A line of its own between statements (drizzle-kit's convention). */
const BREAKPOINT = /^--> statement-breakpoint\s*$/m
/** Serialises concurrent starts against one PostgreSQL database (several instances). */
const MIGRATION_LOCK_KEY = 532_822_001

type Migration = { version: string; name: string; statements: string[] }

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: file.slice(0, 4),
      name: file,
      statements: readFileSync(`${dir}/${file}`, 'utf8')
        .split(BREAKPOINT)
        .map((statement) => statement.trim())
        .filter((statement) => statement.replace(/^--.*$/gm, '').trim() !== ''),
    }))
}

/**
 * Applies every migration not yet in schema_migrations, in order, each in its own
 * transaction together with its bookkeeping row, so a failed migration leaves
 * nothing half-applied and is retried at the next start.
 */
export async function runMigrations(db: Database, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  const applied: string[] = []
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`)
      // Under the lock, so two instances starting on one empty database cannot race to create it.
      await tx.execute(
        sql`CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      )
      const existing = await tx.execute(sql`SELECT version FROM schema_migrations WHERE version = ${migration.version}`)
      if (rowsOf(existing).length > 0) return false
      for (const statement of migration.statements) await tx.execute(sql.raw(statement))
      await tx.execute(sql`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`)
      return true
    })
    if (done) applied.push(migration.name)
  }
  return applied
}

/** Both drivers answer raw queries with an object holding `rows`. */
function rowsOf(result: unknown): unknown[] {
  return (result as { rows: unknown[] }).rows
}
