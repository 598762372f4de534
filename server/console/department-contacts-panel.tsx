import { Alert, App, Button, Input, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import type { DepartmentContact } from '../../shared/department-contacts'
import { ConsoleApiError } from './api'
import { listDepartmentContacts, saveDepartmentContact } from './department-contacts-api'
import { formatDateTime } from './intake-view'
import { useRemote } from './use-remote'

/**
 * 部门联系电话: the county fills in each department's number; a department left empty is shown
 * to residents as 请咨询窗口. Saving republishes the department's items that follow it.
 */
export function DepartmentContactsPanel({ canEdit, onPublished }: { canEdit: boolean; onPublished: () => void }) {
  const { message } = App.useApp()
  const contacts = useRemote(listDepartmentContacts, '读取部门联系电话失败，请稍后重试')
  const [drafts, setDrafts] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState<string>()

  const save = async (contact: DepartmentContact) => {
    const phone = (drafts[contact.department] ?? contact.phone).trim()
    setSaving(contact.department)
    try {
      const answer = await saveDepartmentContact(contact.department, phone)
      void message.success(
        answer.catalogVersion === null
          ? `已保存${contact.department}的联系电话`
          : `已保存，${answer.updatedItems} 个事项的咨询电话随之更新，发布为第 ${answer.catalogVersion} 版，站点下次同步后生效`,
      )
      setDrafts(({ [contact.department]: _saved, ...rest }) => rest)
      contacts.reload()
      if (answer.catalogVersion !== null) onPublished()
    } catch (failure) {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '保存失败，请稍后重试')
    } finally {
      setSaving(undefined)
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        由县级填写各实施主体的咨询电话，不得填写占位号码。未填写的，站点办事指南和受理凭证显示“请咨询窗口”。保存后，该部门咨询电话为空或为原电话的事项随之更新并发布新版本；有专线电话的事项保持不变。
      </Typography.Paragraph>
      {contacts.error && <Alert type="error" showIcon title={contacts.error} />}
      <Table<DepartmentContact>
        rowKey="department"
        size="middle"
        loading={contacts.loading}
        dataSource={contacts.data}
        pagination={false}
        data-testid="department-contacts"
        columns={[
          { title: '实施主体', dataIndex: 'department' },
          { title: '事项数', dataIndex: 'itemCount', width: 80 },
          {
            title: '联系电话',
            key: 'phone',
            width: 260,
            render: (_, contact) =>
              canEdit ? (
                <Input
                  aria-label={`${contact.department}联系电话`}
                  placeholder="未填写（显示请咨询窗口）"
                  value={drafts[contact.department] ?? contact.phone}
                  maxLength={40}
                  onChange={(event) => setDrafts((current) => ({ ...current, [contact.department]: event.target.value }))}
                />
              ) : (
                contact.phone || '未填写'
              ),
          },
          {
            title: '更新',
            key: 'updated',
            render: (_, contact) => (contact.updatedAt ? `${contact.updatedBy ?? ''} ${formatDateTime(contact.updatedAt)}` : '—'),
          },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'save',
                  width: 90,
                  render: (_: unknown, contact: DepartmentContact) => (
                    <Button
                      size="small"
                      type="primary"
                      loading={saving === contact.department}
                      disabled={(drafts[contact.department] ?? contact.phone).trim() === contact.phone}
                      onClick={() => void save(contact)}
                    >
                      保存
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  )
}
