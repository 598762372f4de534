import 'fake-indexeddb/auto'
import { createHash } from 'node:crypto'
import { Dexie, type Table } from 'dexie'
import { describe, expect, it } from 'vitest'
import { SHIPPED_VERSIONS } from '../../../src-renderer/db/schema-versions/shipped-versions'
import { StationDb } from '../../../src-renderer/db/station-db'
import { shippedStoresAt } from './support/shipped-database'

/**
 * What each version's stores were when it shipped. Stations in the field hold databases of
 * these versions, and the migration tests open old databases from the same files, so an edit
 * in place would go unnoticed by them: it fails here instead. A new version adds its line.
 */
const FINGERPRINTS: Record<number, string> = {
  1: 'ce274c80b07e2572',
  2: '44136fa355b3678a',
  3: '63eefbac2e10008d',
  4: 'e180bf1069ba2741',
  5: 'e2d6653c7fcb08d2',
  6: 'c77f053c58ad44d6',
  7: '35dac7c3ecffba2b',
  8: 'fc0ad91dac44a224',
  9: 'f81965ca4e43e970',
  12: 'd403732b2d723e9c',
}

const fingerprint = (stores: Record<string, string | null>) => createHash('sha256').update(JSON.stringify(stores)).digest('hex').slice(0, 16)

/** A table's primary key and indexes as Dexie parsed them, comparable across instances. */
const shapeOf = (tables: Table[]) =>
  Object.fromEntries(
    tables.map((table) => [table.name, [table.schema.primKey.src, table.schema.primKey.auto, ...table.schema.indexes.map((index) => index.src)]]),
  )

describe('the shipped station schema versions', () => {
  it('are never edited once shipped, and come in ascending order', () => {
    expect(Object.fromEntries(SHIPPED_VERSIONS.map((shipped) => [shipped.version, fingerprint(shipped.stores)]))).toEqual(FINGERPRINTS)
    const versions = SHIPPED_VERSIONS.map((shipped) => shipped.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
  })

  it('add up to the schema StationDb opens, the way the migration tests read them', () => {
    const latest = SHIPPED_VERSIONS.at(-1)!.version
    const station = new StationDb(`shipped-versions-${process.pid}`)
    const rebuilt = new Dexie(`shipped-versions-rebuilt-${process.pid}`)
    rebuilt.version(latest).stores(shippedStoresAt(latest))
    expect(station.verno).toBe(latest)
    expect(shapeOf(rebuilt.tables)).toEqual(shapeOf(station.tables))
    expect(() => shippedStoresAt(10)).toThrow('never shipped')
  })
})
