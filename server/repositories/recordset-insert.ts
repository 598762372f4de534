import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'

/** Column keys of a table, as its insert type names them. */
export type ColumnKey<T extends PgTable> = keyof T['$inferInsert'] & string

/**
 * Many rows in one INSERT with a single bind parameter: the rows travel as one JSON array,
 * unpacked by `jsonb_populate_record(set)` into the table's own row type (so every value is
 * cast as its column), in array order. Building the same insert with one parameter per value
 * costs more JavaScript than the database work it asks for, on PGlite above all.
 *
 * recordShape says how a row of `table` travels: an object keyed by the given columns' SQL
 * names, dates as ISO text (the cast to the column type reads them); and the quoted column
 * list, for the INSERT and its SELECT (`of` qualifies it with an alias).
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
