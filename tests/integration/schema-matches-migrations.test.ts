import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../../server/db/open-database'
import { databaseTargets, type PreparedDatabase } from './databases'
import { databaseShape, declaredTables, drizzleShape, type SchemaShape } from './schema-shape'

// What the migrations make is the engine's own reading of the SQL files: both engines.
const targets = await databaseTargets({ both: true })

/**
 * The SQL migrations create the county's tables; the Drizzle definitions (server/db/*schema.ts)
 * only type the queries, and nothing else keeps the two together. A fresh database migrated
 * from the files must hold exactly what the definitions declare: a column added on one side
 * only, a changed type, nullability, default, key or index fails here.
 */
describe.each(targets)('the Drizzle schema against a freshly migrated database on $name', (target) => {
  let prepared: PreparedDatabase
  let opened: OpenedDatabase
  let migrated: SchemaShape
  let declared: ReturnType<typeof drizzleShape>

  beforeAll(async () => {
    prepared = await target.prepare()
    opened = await openDatabase({ dataDir: prepared.dataDir, databaseUrl: prepared.databaseUrl })
    migrated = await databaseShape(opened.db)
    declared = drizzleShape(await declaredTables())
  })
  afterAll(async () => {
    await opened?.close()
    await prepared?.dispose()
  })

  const aspect = <Key extends keyof SchemaShape[string]>(shape: SchemaShape, key: Key) =>
    Object.fromEntries(Object.entries(shape).map(([name, table]) => [name, table[key]]))

  it('declares every table the migrations create, and no other', () => {
    expect(Object.keys(declared.shape)).toEqual(Object.keys(migrated))
    expect(declared.conflicts).toEqual([])
  })

  it('declares each column with its type, nullability and default', () => {
    expect(aspect(declared.shape, 'columns')).toEqual(aspect(migrated, 'columns'))
  })

  it('declares the primary keys and unique constraints and indexes', () => {
    expect(aspect(declared.shape, 'primaryKey')).toEqual(aspect(migrated, 'primaryKey'))
    expect(aspect(declared.shape, 'uniques')).toEqual(aspect(migrated, 'uniques'))
  })

  it('declares the other indexes and the foreign keys', () => {
    expect(aspect(declared.shape, 'indexes')).toEqual(aspect(migrated, 'indexes'))
    expect(aspect(declared.shape, 'foreignKeys')).toEqual(aspect(migrated, 'foreignKeys'))
  })
})
