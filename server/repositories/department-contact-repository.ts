import { asc, eq } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { departmentContacts, type DepartmentContactRow } from '../db/department-contact-schema'

export async function listDepartmentContacts(db: Executor): Promise<DepartmentContactRow[]> {
  return db.select().from(departmentContacts).orderBy(asc(departmentContacts.department))
}

/** The row, locked until the transaction ends, so two saves for one department queue. */
export async function findDepartmentContactForUpdate(db: Executor, department: string): Promise<DepartmentContactRow | undefined> {
  const [row] = await db.select().from(departmentContacts).where(eq(departmentContacts.department, department)).for('update')
  return row
}

export async function upsertDepartmentContact(
  db: Executor,
  contact: { department: string; phone: string; updatedBy: string; updatedAt: Date },
): Promise<DepartmentContactRow> {
  const [row] = await db
    .insert(departmentContacts)
    .values(contact)
    .onConflictDoUpdate({ target: departmentContacts.department, set: { phone: contact.phone, updatedBy: contact.updatedBy, updatedAt: contact.updatedAt } })
    .returning()
  return row!
}

export async function deleteDepartmentContact(db: Executor, department: string): Promise<void> {
  await db.delete(departmentContacts).where(eq(departmentContacts.department, department))
}
