import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { OPERATOR_ROLE_LABELS, type OperatorRole } from '../../shared/admin'
import type { AdminOperator } from '../../shared/operator-admin'
import { ConsoleApiError, currentSession } from './api'
import { formatDateTime } from './intake-view'
import { createOperator, disableOperator, listOperators, resetOperatorPassword, unlockOperator } from './operator-api'
import { useRemote } from './use-remote'

const failureText = (failure: unknown, fallback: string) => (failure instanceof ConsoleApiError ? failure.message : fallback)

/** 账号管理 (administrator only): the console's accounts, new ones, 重置密码, 解除锁定 and 停用. */
export function OperatorsPage() {
  const { message } = App.useApp()
  const { data, error, loading, reload } = useRemote(listOperators, '读取账号失败，请稍后重试')
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<AdminOperator>()
  const self = currentSession()?.operator.username

  const disable = async (operator: AdminOperator) => {
    try {
      await disableOperator(operator.username)
      void message.success(`已停用账号“${operator.username}”`)
      reload()
    } catch (failure) {
      void message.error(failureText(failure, '停用失败，请稍后重试'))
    }
  }

  const unlock = async (operator: AdminOperator) => {
    try {
      const { unlocked } = await unlockOperator(operator.username)
      void message.success(unlocked ? `已解除账号“${operator.username}”的登录锁定` : `账号“${operator.username}”没有登录失败记录，无需解除`)
    } catch (failure) {
      void message.error(failureText(failure, '解除锁定失败，请稍后重试'))
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建账号
        </Button>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
        <Typography.Text type="secondary">部门审核人员只能查看和处理本部门实施的事项的办件。</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<AdminOperator>
        rowKey="username"
        loading={loading}
        dataSource={data?.operators}
        pagination={false}
        onRow={(operator) => ({ 'data-operator': operator.username }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', key: 'role', render: (_, operator) => OPERATOR_ROLE_LABELS[operator.role] },
          { title: '所在部门', key: 'department', render: (_, operator) => operator.department ?? '—' },
          { title: '创建时间', key: 'createdAt', render: (_, operator) => formatDateTime(operator.createdAt) },
          {
            title: '状态',
            key: 'status',
            render: (_, operator) => (operator.disabledAt ? <Tag>已停用（{formatDateTime(operator.disabledAt)}）</Tag> : <Tag color="green">正常</Tag>),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, operator) =>
              operator.disabledAt ? null : (
                <Space>
                  <Button size="small" onClick={() => setResetting(operator)}>
                    重置密码
                  </Button>
                  <Button size="small" onClick={() => void unlock(operator)}>
                    解除锁定
                  </Button>
                  {operator.username !== self && (
                    <Popconfirm
                      title="停用账号"
                      description={`停用后“${operator.displayName}”将不能再登录，已登录的会话立即失效。`}
                      okText="停用"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => disable(operator)}
                    >
                      <Button size="small" danger>
                        停用
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {creating && (
        <CreateOperatorModal
          departments={data?.departments ?? []}
          onClose={() => setCreating(false)}
          onCreated={(operator) => {
            setCreating(false)
            void message.success(`已新建账号“${operator.username}”`)
            reload()
          }}
        />
      )}
      {resetting && (
        <ResetPasswordModal
          operator={resetting}
          onClose={() => setResetting(undefined)}
          onReset={() => {
            setResetting(undefined)
            void message.success(`已重置“${resetting.username}”的密码，其已登录的会话已失效`)
          }}
        />
      )}
    </>
  )
}

type CreateValues = { username: string; displayName: string; role: OperatorRole; department?: string; password: string }

function CreateOperatorModal({
  departments,
  onClose,
  onCreated,
}: {
  departments: string[]
  onClose: () => void
  onCreated: (operator: AdminOperator) => void
}) {
  const [form] = Form.useForm<CreateValues>()
  const role = Form.useWatch('role', form)
  const [error, setError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)

  const submit = async () => {
    const values = await form.validateFields()
    setSubmitting(true)
    setError(undefined)
    try {
      onCreated(await createOperator({ ...values, department: values.role === 'countyOperator' ? values.department : undefined }))
    } catch (failure) {
      setError(failureText(failure, '新建失败，请稍后重试'))
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Modal
      open
      title="新建账号"
      okText="新建"
      cancelText="取消"
      confirmLoading={submitting}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<CreateValues> form={form} layout="vertical" name="create-operator" initialValues={{ role: 'countyOperator' }} disabled={submitting}>
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,32}$/, message: '用户名应为3至32位字母、数字或 . _ -' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true }]}>
          <Select options={(Object.keys(OPERATOR_ROLE_LABELS) as OperatorRole[]).map((value) => ({ value, label: OPERATOR_ROLE_LABELS[value] }))} />
        </Form.Item>
        {role === 'countyOperator' && (
          <Form.Item label="所在部门（实施主体）" name="department" rules={[{ required: true, message: '部门审核人员须选择所在部门' }]}>
            <Select showSearch options={departments.map((value) => ({ value, label: value }))} placeholder="选择事项目录中的实施部门" />
          </Form.Item>
        )}
        <Form.Item label="初始密码" name="password" rules={[{ required: true, min: 8, message: '密码至少8位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function ResetPasswordModal({ operator, onClose, onReset }: { operator: AdminOperator; onClose: () => void; onReset: () => void }) {
  const [form] = Form.useForm<{ password: string }>()
  const [error, setError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)

  const submit = async () => {
    const { password } = await form.validateFields()
    setSubmitting(true)
    setError(undefined)
    try {
      await resetOperatorPassword(operator.username, password)
      onReset()
    } catch (failure) {
      setError(failureText(failure, '重置失败，请稍后重试'))
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Modal
      open
      title={`重置密码：${operator.displayName}（${operator.username}）`}
      okText="重置"
      cancelText="取消"
      confirmLoading={submitting}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="reset-password" disabled={submitting}>
        <Form.Item label="新密码" name="password" rules={[{ required: true, min: 8, message: '密码至少8位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
