import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import pg from 'pg'

/** Where a test file's county server keeps its data; `dispose` removes what `prepare` made. */
export type PreparedDatabase = { dataDir?: string; databaseUrl?: string; dispose(): Promise<void> }

export type DatabaseTarget = { name: 'pglite' | 'postgres'; prepare(): Promise<PreparedDatabase> }

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres'

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
  const serverUrl = process.env.DATABASE_URL ?? ((await answers('127.0.0.1', 5432)) ? LOCAL_POSTGRES : undefined)
  if (!serverUrl) return [pglite]
  const postgres: DatabaseTarget = { name: 'postgres', prepare: () => freshPostgresDatabase(serverUrl) }
  const both = options.both === true || process.env.INTEGRATION_DATABASES === 'both'
  return both ? [pglite, postgres] : [postgres]
}

/** Creates a uniquely named database on the server of `serverUrl`, from its `postgres` database. */
export async function freshPostgresDatabase(serverUrl: string): Promise<PreparedDatabase> {
  const name = `county_test_${Date.now()}_${randomBytes(4).toString('hex')}`
  const adminUrl = withDatabase(serverUrl, 'postgres')
  await runAdmin(adminUrl, `CREATE DATABASE ${name}`)
  return {
    databaseUrl: withDatabase(serverUrl, name),
    dispose: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (result: boolean) => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}
