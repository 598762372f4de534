import { departmentContactListResponseSchema, departmentContactSaveRequestSchema, departmentContactSaveResponseSchema } from '../../shared/department-contacts'
import type { Database } from '../db/database'
import type { Router } from '../http/router'
import { listDepartmentContactViews, saveDepartmentContact } from '../services/catalog/department-contact-service'

export function registerDepartmentContactRoutes(router: Router, deps: { db: Database }): void {
  router.define(
    {
      method: 'GET',
      url: '/admin/department-contacts',
      operationId: 'adminListDepartmentContacts',
      summary: '事项目录中各实施主体的联系电话（由县级填写；未填写的为空，站点显示“请咨询窗口”）',
      auth: 'operator',
      response: departmentContactListResponseSchema,
      errors: [401],
    },
    async () => ({ contacts: await listDepartmentContactViews(deps.db) }),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/department-contacts',
      operationId: 'adminSaveDepartmentContact',
      summary:
        '填写或清除（电话留空）一个部门的联系电话。该部门咨询电话为空或为原电话的事项随之更新，作为新的目录版本发布，站点下次同步即可看到；有专线电话的事项保持不变',
      auth: 'operator',
      body: departmentContactSaveRequestSchema,
      response: departmentContactSaveResponseSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ body, auth }) => saveDepartmentContact(deps.db, auth, body),
  )
}
