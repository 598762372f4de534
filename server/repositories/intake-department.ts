import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { catalogItems } from '../db/schema'

/**
 * A condition: the county's catalog names `department` as the implementing department
 * (实施主体) of the item `itemId` refers to. The county's catalog decides, not the item
 * snapshot a station sent, so a station cannot route an intake to another department.
 */
export function itemOfDepartment(itemId: AnyPgColumn | SQL, department: string): SQL {
  return sql`${itemId} IN (SELECT dept_item.id FROM ${catalogItems} dept_item WHERE dept_item.data->>'department' = ${department})`
}
