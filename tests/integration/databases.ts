import { createScratchDatabase, reachablePostgres } from '../../scripts/lib/scratch-postgres'

/** Where a test file's county server keeps its data; `dispose` removes what `prepare` made. */
export type PreparedDatabase = { dataDir?: string; databaseUrl?: string; dispose(): Promise<void> }

export type DatabaseTarget = { name: 'pglite' | 'postgres'; prepare(): Promise<PreparedDatabase> }

/**
 * The databases a test file runs on. Most files test behaviour that does not depend on the
 * engine: they run on one, PostgreSQL when one answers (what a county runs, and quicker to
 * start than PGlite), PGlite otherwise. Files whose behaviour does depend on the engine
 * (concurrency, SQL peculiarities, migrations, jsonb queries) ask for `{ both: true }`: PGlite
 * always, PostgreSQL too when reachable. INTEGRATION_DATABASES=both runs every file on both.
 * PGlite: one in-memory instance per test file (it takes seconds to start); PostgreSQL: a
 * fresh database per test file, dropped afterwards.
 */
export async function databaseTargets(options: { both?: boolean } = {}): Promise<DatabaseTarget[]> {
  const pglite: DatabaseTarget = { name: 'pglite', prepare: async () => ({ dataDir: 'memory://', dispose: async () => undefined }) }
  const serverUrl = await reachablePostgres()
  if (!serverUrl) return [pglite]
  const postgres: DatabaseTarget = { name: 'postgres', prepare: () => freshPostgresDatabase(serverUrl) }
  const both = options.both === true || process.env.INTEGRATION_DATABASES === 'both'
  return both ? [pglite, postgres] : [postgres]
}

/** A fresh database on the server of `serverUrl`, dropped by `dispose`. */
export async function freshPostgresDatabase(serverUrl: string): Promise<PreparedDatabase> {
  const scratch = await createScratchDatabase(serverUrl, 'county_test')
  return { databaseUrl: scratch.databaseUrl, dispose: scratch.drop }
}
