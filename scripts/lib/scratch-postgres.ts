import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import pg from 'pg'

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres'

/**
 * Throwaway PostgreSQL databases for tests and benchmarks: the server of DATABASE_URL, or
 * this machine's on 127.0.0.1:5432 when something answers there; undefined when neither.
 */
export async function reachablePostgres(): Promise<string | undefined> {
  return process.env.DATABASE_URL ?? ((await answers('127.0.0.1', 5432)) ? LOCAL_POSTGRES : undefined)
}

/** Creates a uniquely named database on the server of `serverUrl`; `drop` removes it. */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`
  const adminUrl = withDatabase(serverUrl, 'postgres')
  await runAdmin(adminUrl, `CREATE DATABASE ${name}`)
  return { databaseUrl: withDatabase(serverUrl, name), drop: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
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
