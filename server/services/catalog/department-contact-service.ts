import type { Operator } from '../../../shared/admin'
import type { DepartmentContact, DepartmentContactSaveRequest, DepartmentContactSaveResponse } from '../../../shared/department-contacts'
import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import type { DepartmentContactRow } from '../../db/department-contact-schema'
import { insertCatalogVersion, listCatalogItems, upsertCatalogItem } from '../../repositories/catalog-version-repository'
import { appendChange } from '../../repositories/change-repository'
import {
  deleteDepartmentContact,
  findDepartmentContactForUpdate,
  listDepartmentContacts,
  upsertDepartmentContact,
} from '../../repositories/department-contact-repository'
import { currentCatalogVersion } from './catalog-admin-service'
import { inChangeTransaction } from '../sync/change-transaction'

/** Every department of the catalog, with the number the county filled in (empty when none yet). */
export async function listDepartmentContactViews(db: Database): Promise<DepartmentContact[]> {
  const items = await listCatalogItems(db)
  const counts = new Map<string, number>()
  for (const item of items) counts.set(item.department, (counts.get(item.department) ?? 0) + 1)
  const rows = new Map((await listDepartmentContacts(db)).map((row) => [row.department, row]))
  const departments = [...new Set([...counts.keys(), ...rows.keys()])].sort((a, b) => a.localeCompare(b, 'zh-CN'))
  return departments.map((department) => view(department, rows.get(department), counts.get(department) ?? 0))
}

/**
 * Sets (or, with an empty phone, clears) a department's number. The stations learn it through
 * the catalog they already pull: every item of the department whose 咨询电话 is empty or was the
 * department's previous number gets the new one, published as one new catalog version. An item
 * with a number of its own (a hotline such as 12348) keeps it.
 */
export async function saveDepartmentContact(
  db: Database,
  operator: Operator,
  request: DepartmentContactSaveRequest,
  now: Date = new Date(),
): Promise<DepartmentContactSaveResponse> {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', '只有县级管理员可以维护部门联系电话')
  return inChangeTransaction(db, async (tx) => {
    const items = await listCatalogItems(tx)
    const ofDepartment = items.filter((item) => item.department === request.department)
    const previous = await findDepartmentContactForUpdate(tx, request.department)
    if (ofDepartment.length === 0 && !previous) {
      throw new AppError('not_found', `事项目录中没有实施主体“${request.department}”，请核对部门名称`, { path: 'department' })
    }

    let row: DepartmentContactRow | undefined
    if (request.phone === '') await deleteDepartmentContact(tx, request.department)
    else row = await upsertDepartmentContact(tx, { department: request.department, phone: request.phone, updatedBy: operator.username, updatedAt: now })

    const followers = ofDepartment.filter((item) => (item.consultPhone === '' || item.consultPhone === previous?.phone) && item.consultPhone !== request.phone)
    if (followers.length === 0) return { contact: view(request.department, row, ofDepartment.length), updatedItems: 0, catalogVersion: null }

    const version = (await currentCatalogVersion(tx)) + 1
    for (const item of followers) {
      const updated = { ...item, consultPhone: request.phone, version }
      await upsertCatalogItem(tx, updated, now)
      await appendChange(tx, { stationCode: null, entity: 'catalogItem', entityId: updated.id, op: 'put', data: updated })
    }
    await insertCatalogVersion(tx, {
      version,
      publishedBy: operator.username,
      publishedAt: now,
      fileName: `部门联系电话：${request.department}`,
      added: 0,
      changed: followers.length,
      suspended: 0,
      withdrawn: 0,
      unchanged: items.length - followers.length,
      notInFile: 0,
    })
    return { contact: view(request.department, row, ofDepartment.length), updatedItems: followers.length, catalogVersion: version }
  })
}

function view(department: string, row: DepartmentContactRow | undefined, itemCount: number): DepartmentContact {
  return {
    department,
    phone: row?.phone ?? '',
    itemCount,
    ...(row ? { updatedBy: row.updatedBy, updatedAt: row.updatedAt.toISOString() } : {}),
  }
}
