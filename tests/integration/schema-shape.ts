import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { is, sql, SQL } from 'drizzle-orm'
import { getTableConfig, PgDialect, PgTable, type PgColumn } from 'drizzle-orm/pg-core'
import type { Database } from '../../server/db/database'

/**
 * A table as both sides can describe it: what the migrations made (read back from the
 * catalog) and what the Drizzle definitions declare. Names are compared as written, so a
 * constraint or index keeps one name in SQL and TypeScript. CHECK constraints are left out:
 * the Drizzle definitions do not declare them (the SQL files are their only home).
 */
export type TableShape = {
  columns: Record<string, { type: string; notNull: boolean; default: string | null }>
  primaryKey: string[]
  /** `name (columns)` for a UNIQUE constraint, `unique index name (keys) where …` for a unique index. */
  uniques: string[]
  /** `name method (keys) where …`, for the indexes that back no constraint and are not unique. */
  indexes: string[]
  /** `(columns) -> table(columns)`. */
  foreignKeys: string[]
}

export type SchemaShape = Record<string, TableShape>

/** Bookkeeping of server/db/migrate.ts, made by the runner, not by a migration file. */
const RUNNER_TABLES = new Set(['schema_migrations'])

const SCHEMA_DIR = fileURLToPath(new URL('../../server/db/', import.meta.url))

/** Every table defined in a `server/db/*schema.ts` module (a new schema module is picked up without a change here). */
export async function declaredTables(): Promise<PgTable[]> {
  const files = readdirSync(SCHEMA_DIR).filter((file) => /(^|-)schema\.ts$/.test(file))
  const modules = await Promise.all(files.map((file) => import(`${SCHEMA_DIR}${file}`) as Promise<Record<string, unknown>>))
  return modules.flatMap((module) => Object.values(module).filter((value): value is PgTable => is(value, PgTable)))
}

/**
 * The shape the Drizzle tables declare. Some modules declare a table a second time with only
 * the columns their code uses (follow-up-schema.ts); the shape is their union, and a column
 * two of them declare differently is listed in `conflicts`.
 */
export function drizzleShape(tables: PgTable[]): { shape: SchemaShape; conflicts: string[] } {
  const shape: SchemaShape = {}
  const conflicts: string[] = []
  for (const table of tables) {
    const config = getTableConfig(table)
    const into = (shape[config.name] ??= { columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] })
    for (const column of config.columns) {
      const declared = { type: sqlTypeOf(column), notNull: column.notNull, default: defaultOf(config.name, column) }
      const earlier = into.columns[column.name]
      if (earlier && JSON.stringify(earlier) !== JSON.stringify(declared)) {
        conflicts.push(`${config.name}.${column.name}: ${JSON.stringify(earlier)} vs ${JSON.stringify(declared)}`)
      }
      into.columns[column.name] = declared
    }
    const primaryKey = [
      ...config.columns.filter((column) => column.primary).map((column) => column.name),
      ...config.primaryKeys.flatMap((key) => key.columns.map((column) => column.name)),
    ]
    if (primaryKey.length > 0) {
      if (into.primaryKey.length > 0 && into.primaryKey.join() !== primaryKey.join())
        conflicts.push(`${config.name}: primary key ${into.primaryKey} vs ${primaryKey}`)
      into.primaryKey = primaryKey
    }
    addAll(into.uniques, [
      ...config.columns.filter((column) => column.isUnique).map((column) => `${column.uniqueName} (${column.name})`),
      ...config.uniqueConstraints.map((constraint) => `${constraint.getName()} (${constraint.columns.map((column) => column.name).join(', ')})`),
      ...config.indexes
        .filter((index) => index.config.unique)
        .map((index) => `unique index ${index.config.name} (${index.config.columns.map(indexKeyOf).join(', ')})${whereOf(index.config.where)}`),
    ])
    addAll(
      into.indexes,
      config.indexes
        .filter((index) => !index.config.unique)
        .map(
          (index) =>
            `${index.config.name} ${index.config.method ?? 'btree'} (${index.config.columns.map(indexKeyOf).join(', ')})${whereOf(index.config.where)}`,
        ),
    )
    addAll(
      into.foreignKeys,
      config.foreignKeys.map((foreignKey) => {
        const reference = foreignKey.reference()
        const to = `${getTableConfig(reference.foreignTable).name}(${reference.foreignColumns.map((column) => column.name).join(', ')})`
        const onDelete = foreignKey.onDelete === 'no action' ? undefined : foreignKey.onDelete
        return `(${reference.columns.map((column) => column.name).join(', ')}) -> ${to}${onDelete ? ` on delete ${onDelete}` : ''}`
      }),
    )
  }
  return { shape: sortedShape(shape), conflicts }
}

/** The shape of the public schema of a migrated database. */
export async function databaseShape(db: Database): Promise<SchemaShape> {
  const shape: SchemaShape = {}
  const tables = await rows<{ table_name: string }>(
    db,
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  )
  for (const { table_name } of tables) {
    if (!RUNNER_TABLES.has(table_name)) shape[table_name] = { columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] }
  }
  const tableOf = (name: string) => shape[name]

  const columns = await rows<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    db,
    sql`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public'`,
  )
  for (const column of columns) {
    const table = tableOf(column.table_name)
    if (table) table.columns[column.column_name] = { type: column.data_type, notNull: column.is_nullable === 'NO', default: column.column_default }
  }

  const keyColumns = await rows<{ table_name: string; constraint_name: string; constraint_type: string; column_name: string }>(
    db,
    sql`SELECT c.table_name, c.constraint_name, c.constraint_type, k.column_name
        FROM information_schema.table_constraints c
        JOIN information_schema.key_column_usage k
          ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name
        WHERE c.table_schema = 'public' AND c.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
        ORDER BY c.table_name, c.constraint_name, k.ordinal_position`,
  )
  const uniqueColumns = new Map<string, string[]>()
  for (const key of keyColumns) {
    const table = tableOf(key.table_name)
    if (!table) continue
    if (key.constraint_type === 'PRIMARY KEY') table.primaryKey.push(key.column_name)
    else
      uniqueColumns.set(`${key.table_name}\n${key.constraint_name}`, [
        ...(uniqueColumns.get(`${key.table_name}\n${key.constraint_name}`) ?? []),
        key.column_name,
      ])
  }
  for (const [key, names] of uniqueColumns) {
    const [tableName, constraintName] = key.split('\n') as [string, string]
    tableOf(tableName)!.uniques.push(`${constraintName} (${names.join(', ')})`)
  }

  // Indexes are not in information_schema: pg_index, without those that back a constraint (above).
  const indexes = await rows<{ table_name: string; index_name: string; is_unique: boolean; method: string; predicate: string | null; keys: string[] }>(
    db,
    sql`SELECT t.relname AS table_name, i.relname AS index_name, x.indisunique AS is_unique, am.amname AS method,
               pg_get_expr(x.indpred, x.indrelid) AS predicate,
               ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k)::text[] AS keys
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_am am ON am.oid = i.relam
        WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
  )
  for (const index of indexes) {
    const table = tableOf(index.table_name)
    if (!table) continue
    const keys = `(${index.keys.map(normalisedSql).join(', ')})${index.predicate ? ` where ${normalisedSql(index.predicate)}` : ''}`
    if (index.is_unique) table.uniques.push(`unique index ${index.index_name} ${keys}`)
    else table.indexes.push(`${index.index_name} ${index.method} ${keys}`)
  }

  const foreignKeys = await rows<{ table_name: string; columns: string[]; foreign_table: string; foreign_columns: string[]; on_delete: string }>(
    db,
    sql`SELECT t.relname AS table_name, f.relname AS foreign_table, c.confdeltype AS on_delete,
               ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns,
               ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS foreign_columns
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_class f ON f.oid = c.confrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND c.contype = 'f'`,
  )
  for (const foreignKey of foreignKeys) {
    const onDelete = ON_DELETE[foreignKey.on_delete]
    tableOf(foreignKey.table_name)?.foreignKeys.push(
      `(${foreignKey.columns.join(', ')}) -> ${foreignKey.foreign_table}(${foreignKey.foreign_columns.join(', ')})${onDelete ? ` on delete ${onDelete}` : ''}`,
    )
  }
  return sortedShape(shape)
}

/** pg_constraint.confdeltype; 'a' (no action, the default) is left unsaid, as Drizzle leaves it. */
const ON_DELETE: Record<string, string | undefined> = { r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' }

/** information_schema's data_type for a Drizzle column; serial types are integers with a sequence default. */
function sqlTypeOf(column: PgColumn): string {
  const type = column.getSQLType()
  return { bigserial: 'bigint', serial: 'integer', smallserial: 'smallint' }[type] ?? type
}

/** The column default as PostgreSQL prints it in information_schema.columns.column_default. */
function defaultOf(tableName: string, column: PgColumn): string | null {
  if (/serial$/.test(column.getSQLType())) return `nextval('${tableName}_${column.name}_seq'::regclass)`
  const value: unknown = column.default
  if (value === undefined) return null
  if (is(value, SQL)) return new PgDialect().sqlToQuery(value).sql
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'::${column.getSQLType()}`
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return `'${JSON.stringify(value)}'::${column.getSQLType()}`
}

function indexKeyOf(key: unknown): string {
  if (is(key, SQL)) return normalisedSql(new PgDialect().sqlToQuery(key).sql)
  return (key as { name: string }).name
}

function whereOf(where: SQL | undefined): string {
  return where ? ` where ${normalisedSql(new PgDialect().sqlToQuery(where).sql)}` : ''
}

/**
 * An index expression or predicate without what PostgreSQL adds when it prints one back
 * (parentheses, casts of literals, quotes, line breaks), so the text written in schema.ts compares.
 */
function normalisedSql(text: string): string {
  return text
    .replaceAll(/::[a-z_]+|[()"]/g, '')
    .replaceAll(/\s+/g, ' ')
    .trim()
}

function addAll(into: string[], items: string[]): void {
  for (const item of items) if (!into.includes(item)) into.push(item)
}

function sortedShape(shape: SchemaShape): SchemaShape {
  return Object.fromEntries(
    Object.entries(shape)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, table]) => [
        name,
        {
          columns: Object.fromEntries(Object.entries(table.columns).sort(([a], [b]) => a.localeCompare(b))),
          primaryKey: table.primaryKey,
          uniques: [...table.uniques].sort(),
          indexes: [...table.indexes].sort(),
          foreignKeys: [...table.foreignKeys].sort(),
        },
      ]),
  )
}

async function rows<Row>(db: Database, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows
}
