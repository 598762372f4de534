import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/database'

/**
 * Many rows in one INSERT with a single bind parameter: the rows travel as one JSON
 * array, unpacked by `jsonb_populate_recordset` into the table's own row type (so every
 * value is cast as its column), in array order. Building the same insert with one
 * parameter per value costs more JavaScript than the database work it asks for, on
 * PGlite above all. Only the given columns are written; the others take their defaults.
 * Answers the `returning` column of each row actually inserted.
 */
export async function insertRecordset<T extends PgTable>(
  db: Executor,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  options: { columns: readonly (keyof T['$inferInsert'] & string)[]; onConflictDoNothing?: boolean; returning?: keyof T['$inferInsert'] & string },
): Promise<string[]> {
  if (rows.length === 0) return []
  const all = getTableColumns(table) as Record<string, { name: string }>
  const names = options.columns.map((key) => {
    const column = all[key]
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`)
    return column.name
  })
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {}
    options.columns.forEach((key, index) => {
      const value = (row as Record<string, unknown>)[key]
      record[names[index]!] = value instanceof Date ? value.toISOString() : value
    })
    return record
  })
  const list = sql.raw(names.map((name) => `"${name}"`).join(', '))
  const tableName = sql.raw(`"${getTableName(table)}"`)
  const returning: SQL = options.returning ? sql.raw(` RETURNING "${all[options.returning]!.name}"::text AS value`) : sql.raw('')
  const conflict: SQL = options.onConflictDoNothing ? sql.raw(' ON CONFLICT DO NOTHING') : sql.raw('')
  const result = await db.execute(
    sql`INSERT INTO ${tableName} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${tableName}, ${JSON.stringify(records)}::jsonb) WITH ORDINALITY ORDER BY ordinality${conflict}${returning}`,
  )
  return (result as unknown as { rows: { value: string }[] }).rows.map((row) => row.value)
}
