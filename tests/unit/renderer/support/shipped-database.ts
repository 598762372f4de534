import { Dexie } from 'dexie'
import { onTestFinished } from 'vitest'
import { SHIPPED_VERSIONS } from '../../../../src-renderer/db/schema-versions/shipped-versions'

/** All the stores of a shipped version: each version declares only what it adds or changes. */
export function shippedStoresAt(version: number): Record<string, string> {
  if (!SHIPPED_VERSIONS.some((shipped) => shipped.version === version)) throw new Error(`version ${version} never shipped`)
  const stores: Record<string, string> = {}
  for (const shipped of SHIPPED_VERSIONS.filter((candidate) => candidate.version <= version)) {
    for (const [table, schema] of Object.entries(shipped.stores)) {
      if (schema === null) delete stores[table]
      else stores[table] = schema
    }
  }
  return stores
}

let created = 0

/**
 * Leaves a database as a station of `version` left it: that version's stores as they shipped
 * (src-renderer/db/schema-versions/), rows written by `seed`, closed. Returns its name, for the
 * test to open it with the current StationDb; the database is deleted when the test ends.
 */
export async function createShippedDatabase(version: number, seed: (old: Dexie) => Promise<void>): Promise<string> {
  created++
  const name = `shipped-v${version}-${process.pid}-${Date.now()}-${created}`
  onTestFinished(() => Dexie.delete(name))
  const old = new Dexie(name)
  old.version(version).stores(shippedStoresAt(version))
  await old.open()
  try {
    await seed(old)
  } finally {
    old.close()
  }
  return name
}
