import { App, Button, Card, Form, Input, Space, Table, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { STATION_STAFF_ROLE_LABELS, type StationStaff } from '../../../shared/staff'
import { useStation } from '../../context/station-context'
import { staffWithKeyCopy } from '../../db/data-key-access'
import { readMeta } from '../../db/meta'
import { isUserError, messageOf } from '../../lib/user-error'
import { grantSignInOnThisDevice } from '../staff/sign-in'

/**
 * 本机登录授权 (browser mode): which accounts of this station can open the encrypted data on
 * this device, and for the others a form where the person types their own password.
 */
export function SignInGrantCard() {
  const { db } = useStation()
  const { message } = App.useApp()
  const [granting, setGranting] = useState<StationStaff | null>(null)
  const [form] = Form.useForm<{ password: string }>()
  const [busy, setBusy] = useState(false)
  const rows = useLiveQuery(async () => {
    const station = await readMeta(db, 'station')
    const withCopy = await staffWithKeyCopy(db)
    const staff = await db.staff.filter((account) => account.active && account.stationCode === station?.code).toArray()
    return staff.map((account) => ({ account, granted: withCopy.has(account.id) }))
  }, [db])
  if (db.dataKeys.protection !== 'staffPassword') return null

  async function grant(values: { password: string }) {
    if (granting === null) return
    setBusy(true)
    try {
      await grantSignInOnThisDevice(db, granting.id, values.password)
      void message.success(`${granting.displayName}已可在本机登录`)
      setGranting(null)
      form.resetFields()
    } catch (error) {
      form.setFields([{ name: 'password', errors: [isUserError(error) && error.issues[0] ? error.issues[0].message : messageOf(error)] }])
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title="本机登录授权">
      <Typography.Paragraph>
        本机数据已加密，只有在本机登录过的工作人员能打开。从未在本机登录过的同事（或县级重置过密码的同事），请在您登录时由其本人在此输入自己的密码。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey={(row) => row.account.id}
        pagination={false}
        dataSource={rows ?? []}
        columns={[
          { title: '姓名', render: (_, row) => row.account.displayName },
          { title: '用户名', render: (_, row) => row.account.username },
          { title: '角色', render: (_, row) => STATION_STAFF_ROLE_LABELS[row.account.role] },
          {
            title: '本机登录',
            render: (_, row) =>
              row.granted ? (
                '已授权'
              ) : (
                <Button size="small" autoInsertSpace={false} onClick={() => setGranting(row.account)}>
                  授权
                </Button>
              ),
          },
        ]}
      />
      {granting ? (
        <Form form={form} name="signInGrant" layout="inline" onFinish={(values) => void grant(values)} style={{ marginTop: 16 }}>
          <Form.Item label={`${granting.displayName}的登录密码`} name="password" rules={[{ required: true, message: '请本人输入登录密码' }]}>
            <Input.Password autoComplete="off" maxLength={200} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              确认授权
            </Button>
            <Button autoInsertSpace={false} onClick={() => setGranting(null)}>
              取消
            </Button>
          </Space>
        </Form>
      ) : null}
    </Card>
  )
}
