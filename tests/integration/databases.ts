import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import pg from 'pg'

/** Where a test file's county server keeps its data; `dispose` removes what `prepare` made. */
export type PreparedDatabase = { dataDir?: string; databaseUrl?: string; dispose(): Promise<void> }

export type DatabaseTarget = { name: 'pglite' | 'postgres'; prepare(): Promise<PreparedDatabase> }

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres'

/**
 * PGlite always (one in-memory instance per test file: it takes seconds to start);
 * PostgreSQL too when DATABASE_URL is set or something answers on 127.0.0.1:5432.
 * Each PostgreSQL test file gets a fresh database that is dropped afterwards.
 */
export async function databaseTargets(): Promise<DatabaseTarget[]> {
  const targets: DatabaseTarget[] = [{ name: 'pglite', prepare: async () => ({ dataDir: 'memory://', dispose: async () => undefined }) }]
  const serverUrl = process.env.DATABASE_URL ?? ((await answers('127.0.0.1', 5432)) ? LOCAL_POSTGRES : undefined)
  if (serverUrl) targets.push({ name: 'postgres', prepare: () => freshPostgresDatabase(serverUrl) })
  return targets
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
