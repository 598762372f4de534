import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useStation } from '../../context/station-context'
import { isUserError, messageOf } from '../../lib/user-error'
import { restoreStationBackup } from '../maintenance/station-backup'

type RestoreFormValues = { password: string }

/**
 * 从备份恢复, on the 设备注册 screen of a fresh device: instead of enrolling, rebuild the station
 * from a backup file. On success the restored enrollment shows the station view by itself.
 */
export function RestoreBackupCard() {
  const { db } = useStation()
  const [form] = Form.useForm<RestoreFormValues>()
  const [file, setFile] = useState<File | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function onFinish(values: RestoreFormValues) {
    if (file === null) {
      setError('请先选择备份文件（.bmbak）')
      return
    }
    setBusy(true)
    setError(null)
    try {
      await restoreStationBackup(db, new Uint8Array(await file.arrayBuffer()), values.password)
    } catch (failure) {
      if (isUserError(failure) && failure.issues[0]) form.setFields([{ name: 'password', errors: [failure.issues[0].message] }])
      else setError(messageOf(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card style={{ width: 480, maxWidth: '100%' }} data-testid="restore-backup">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        从备份恢复
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        原设备损坏或更换电脑时，选择“本机维护”生成的备份文件并输入备份密码，本设备将恢复原设备的全部数据，无需再注册。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<RestoreFormValues>
        form={form}
        name="restoreBackup"
        layout="vertical"
        onFinish={(values) => void onFinish(values)}
        requiredMark={false}
        disabled={busy}
      >
        <Form.Item label="备份文件">
          <input
            type="file"
            accept=".bmbak"
            aria-label="备份文件"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null)
              setError(null)
            }}
          />
        </Form.Item>
        <Form.Item label="备份密码" name="password" rules={[{ required: true, message: '请输入生成备份时设置的备份密码' }]}>
          <Input.Password autoComplete="off" maxLength={200} />
        </Form.Item>
        <Button htmlType="submit" loading={busy} block>
          从备份恢复
        </Button>
      </Form>
    </Card>
  )
}
