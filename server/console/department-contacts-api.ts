import {
  departmentContactListResponseSchema,
  departmentContactSaveRequestSchema,
  departmentContactSaveResponseSchema,
  type DepartmentContact,
  type DepartmentContactSaveResponse,
} from '../../shared/department-contacts'
import { checkedInput, consoleRequest } from './api'

/** 部门联系电话 calls: what is sent is checked with the shared schema first, what comes back is validated. */
export async function listDepartmentContacts(): Promise<DepartmentContact[]> {
  return (await consoleRequest(departmentContactListResponseSchema, 'GET', '/admin/department-contacts')).contacts
}

export async function saveDepartmentContact(department: string, phone: string): Promise<DepartmentContactSaveResponse> {
  return consoleRequest(
    departmentContactSaveResponseSchema,
    'POST',
    '/admin/department-contacts',
    checkedInput(departmentContactSaveRequestSchema, { department, phone }),
  )
}
