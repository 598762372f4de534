import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { STATION_STAFF_ROLE_LABELS, STAFF_PASSWORD_MIN_LENGTH, type AdminStaff, type StationStaffRole } from '../../shared/staff'
import { ConsoleApiError } from './api'
import { formatDateTime } from './intake-view'
import { createStationStaff, listStationStaff, resetStationStaffPassword, updateStationStaff } from './staff-api'
import { useRemote } from './use-remote'

const roleOptions = (Object.keys(STATION_STAFF_ROLE_LABELS) as StationStaffRole[]).map((role) => ({ value: role, label: STATION_STAFF_ROLE_LABELS[role] }))

type Editing = { kind: 'create' } | { kind: 'password'; staff: AdminStaff } | null
type StaffValues = { username: string; displayName: string; role: StationStaffRole; password: string }

/**
 * 站点人员 of one station: the accounts its staff sign in with on the station's PCs (offline
 * too, once pulled). Changes reach the station at its next sync; 停用 keeps the account so the
 * station's records still name who did what.
 */
export function StationStaffPanel({ stationCode, stationName }: { stationCode: string; stationName: string }) {
  const { message } = App.useApp()
  const load = useCallback(() => listStationStaff(stationCode), [stationCode])
  const { data: staff, error, loading, reload } = useRemote(load, '读取站点人员失败，请稍后重试')
  const [editing, setEditing] = useState<Editing>(null)
  const [busy, setBusy] = useState<string>()

  const run = async (key: string, work: () => Promise<unknown>, done: string) => {
    setBusy(key)
    try {
      await work()
      void message.success(done)
      reload()
      return true
    } catch (failure) {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '操作失败，请稍后重试')
      return false
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <section aria-label={`${stationName}站点人员`} data-station-staff={stationCode}>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>站点人员</Typography.Text>
        <Typography.Text type="secondary">账号在站点下次同步后生效，断网时也能登录。</Typography.Text>
        <Button size="small" type="primary" onClick={() => setEditing({ kind: 'create' })}>
          新增人员
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Table<AdminStaff>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={staff}
        onRow={(row) => ({ 'data-staff-username': row.username }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '角色',
            key: 'role',
            render: (_, row) => (
              <Select<StationStaffRole>
                size="small"
                aria-label={`${row.displayName}的角色`}
                value={row.role}
                options={roleOptions}
                style={{ width: 150 }}
                onChange={(role) =>
                  void run(
                    row.id,
                    () => updateStationStaff(stationCode, row.id, { role }),
                    `已将${row.displayName}的角色改为${STATION_STAFF_ROLE_LABELS[role]}`,
                  )
                }
              />
            ),
          },
          {
            // 首席事务代表: only authorised staff may complete a 即办件 at the window (当场办结).
            title: '首席事务代表',
            key: 'onSiteAuthority',
            render: (_, row) => (
              <Switch
                size="small"
                aria-label={`${row.displayName}的首席事务代表授权`}
                checked={row.onSiteAuthority ?? false}
                loading={busy === `authority:${row.id}`}
                checkedChildren="已授权"
                unCheckedChildren="未授权"
                onChange={(onSiteAuthority) =>
                  void run(
                    `authority:${row.id}`,
                    () => updateStationStaff(stationCode, row.id, { onSiteAuthority }),
                    onSiteAuthority ? `已授权${row.displayName}为首席事务代表，可当场办结即办件` : `已取消${row.displayName}的首席事务代表授权`,
                  )
                }
              />
            ),
          },
          { title: '状态', key: 'active', render: (_, row) => (row.active ? <Tag color="green">正常</Tag> : <Tag>已停用</Tag>) },
          { title: '更新时间', key: 'updatedAt', render: (_, row) => formatDateTime(row.updatedAt) },
          {
            title: '操作',
            key: 'actions',
            render: (_, row) => (
              <Space size="small">
                <Button size="small" onClick={() => setEditing({ kind: 'password', staff: row })}>
                  重置密码
                </Button>
                {row.active ? (
                  <Popconfirm
                    title="停用账号"
                    description={`停用后“${row.displayName}”在站点同步后将无法登录。`}
                    okText="停用"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => run(row.id, () => updateStationStaff(stationCode, row.id, { active: false }), `已停用${row.displayName}的账号`)}
                  >
                    <Button size="small" danger loading={busy === row.id}>
                      停用账号
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button
                    size="small"
                    loading={busy === row.id}
                    onClick={() => void run(row.id, () => updateStationStaff(stationCode, row.id, { active: true }), `已恢复${row.displayName}的账号`)}
                  >
                    恢复账号
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing ? (
        <StaffModal
          editing={editing}
          stationName={stationName}
          onClose={() => setEditing(null)}
          onSubmit={async (values) => {
            const ok =
              editing.kind === 'create'
                ? await run('create', () => createStationStaff(stationCode, values), `已为${stationName}新增人员${values.displayName}`)
                : await run(
                    editing.staff.id,
                    () => resetStationStaffPassword(stationCode, editing.staff.id, values.password),
                    `已重置${editing.staff.displayName}的密码`,
                  )
            if (ok) setEditing(null)
          }}
        />
      ) : null}
    </section>
  )
}

function StaffModal({
  editing,
  stationName,
  onClose,
  onSubmit,
}: {
  editing: Exclude<Editing, null>
  stationName: string
  onClose: () => void
  onSubmit: (values: StaffValues) => Promise<void>
}) {
  const [form] = Form.useForm<StaffValues>()
  const [saving, setSaving] = useState(false)
  const creating = editing.kind === 'create'
  const submit = async (values: StaffValues) => {
    setSaving(true)
    try {
      await onSubmit(values)
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal
      open
      title={creating ? `新增站点人员：${stationName}` : `重置密码：${editing.staff.displayName}`}
      okText={creating ? '新增' : '重置'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<StaffValues> form={form} layout="vertical" initialValues={{ role: 'agent' }} onFinish={(values) => void submit(values)}>
        {creating ? (
          <>
            <Form.Item
              label="用户名"
              name="username"
              rules={[{ required: true, pattern: /^[a-zA-Z0-9._-]{2,32}$/, message: '用户名应为2至32位字母、数字或 . _ -' }]}
            >
              <Input autoComplete="off" maxLength={32} />
            </Form.Item>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
              <Select<StationStaffRole> options={roleOptions} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          label={creating ? '初始密码' : '新密码'}
          name="password"
          rules={[{ required: true, min: STAFF_PASSWORD_MIN_LENGTH, message: `密码至少${STAFF_PASSWORD_MIN_LENGTH}位` }]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
