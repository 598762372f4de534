import { pgTable, text } from 'drizzle-orm/pg-core'
import { updatedAt } from './columns'
import { operators } from './schema'

// Mirrors server/migrations/0019_limit_units_department_contacts.sql; only the department
// contact code queries it.

/** 部门联系电话 the county fills in; an absent row means 请咨询窗口. */
export const departmentContacts = pgTable('department_contacts', {
  department: text('department').primaryKey(),
  phone: text('phone').notNull(),
  updatedBy: text('updated_by')
    .notNull()
    .references(() => operators.username),
  updatedAt: updatedAt(),
})

export type DepartmentContactRow = typeof departmentContacts.$inferSelect
