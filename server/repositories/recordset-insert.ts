import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/database'

/** Column keys of a table, as its insert type names them. */
export type ColumnKey<T extends PgTable> = keyof T['$inferInsert'] & string

/**
 * How rows of `table` travel as JSON for jsonb_populate_record(set): each row an object keyed
 * by the given columns' SQL names, dates as ISO text (the cast to the column type reads them).
 * Answers the quoted column list too, for the INSERT and its SELECT (`of` qualifies it with an alias).
 */
export function recordShape<T extends PgTable>(
  table: T,
  columns: readonly ColumnKey<T>[],
): { list: SQL; of(alias: string): SQL; record(row: Partial<T['$inferInsert']>): Record<string, unknown> } {
  const all = getTableColumns(table) as Record<string, { name: string }>
  const names = columns.map((key) => {
    const column = all[key]
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`)
    return column.name
  })
  return {
    list: sql.raw(names.map((name) => `"${name}"`).join(', ')),
    of: (alias) => sql.raw(names.map((name) => `${alias}."${name}"`).join(', ')),
    record(row) {
      const record: Record<string, unknown> = {}
      columns.forEach((key, index) => {
        const value = (row as Record<string, unknown>)[key]
        record[names[index]!] = value instanceof Date ? value.toISOString() : value
      })
      return record
    },
  }
}

/**
 * Many rows in one INSERT with a single bind parameter: the rows travel as one JSON
 * array, unpacked by `jsonb_populate_recordset` into the table's own row type (so every
 * value is cast as its column), in array order. Building the same insert with one
 * parameter per value costs more JavaScript than the database work it asks for, on
 * PGlite above all. Only the given columns are written; the others take their defaults.
 * Answers the `returning` column of each row actually inserted. `sharedLock`: a
 * transaction-level advisory lock the same statement takes (shared) before any row
 * reaches the table, so before any default such as a sequence number is drawn.
 */
export async function insertRecordset<T extends PgTable>(
  db: Executor,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  options: { columns: readonly ColumnKey<T>[]; onConflictDoNothing?: boolean; returning?: ColumnKey<T>; sharedLock?: number },
): Promise<string[]> {
  if (rows.length === 0) return []
  const shape = recordShape(table, options.columns)
  const tableName = sql.raw(`"${getTableName(table)}"`)
  const all = getTableColumns(table) as Record<string, { name: string }>
  const returning: SQL = options.returning ? sql.raw(` RETURNING "${all[options.returning]!.name}"::text AS value`) : sql.raw('')
  const conflict: SQL = options.onConflictDoNothing ? sql.raw(' ON CONFLICT DO NOTHING') : sql.raw('')
  // A CTE calling a volatile function is evaluated once and never inlined; every row is joined
  // to its one row, so none comes out before the lock is held.
  const [lock, locked]: SQL[] =
    options.sharedLock === undefined
      ? [sql.raw(''), sql.raw('')]
      : [sql`WITH entered AS (SELECT 1 AS entered FROM pg_advisory_xact_lock_shared(${options.sharedLock})) `, sql.raw(', entered')]
  const result = await db.execute(
    sql`${lock}INSERT INTO ${tableName} (${shape.list}) SELECT ${shape.list} FROM jsonb_populate_recordset(NULL::${tableName}, ${JSON.stringify(rows.map(shape.record))}::jsonb) WITH ORDINALITY${locked} ORDER BY ordinality${conflict}${returning}`,
  )
  return (result as unknown as { rows: { value: string }[] }).rows.map((row) => row.value)
}
