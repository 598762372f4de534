import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { LAST_DAILY_BACKUP_META_KEY } from '../../../shared/station-backup'
import { useStation } from '../../context/station-context'
import { downloadFile } from '../../lib/download-file'
import { isUserError, messageOf } from '../../lib/user-error'
import { dailyBackupEnabled, enableDailyBackup, runDailyBackupIfDue } from './daily-backup'
import { BACKUP_PASSWORD_MIN_LENGTH, createStationBackup } from './station-backup'

type BackupFormValues = { password: string; confirm: string }

/**
 * 备份本机数据: the whole station database, sealed under a backup password, saved as one file;
 * in the desktop app also every day into a folder the clerk chose.
 */
export function BackupCard() {
  const { db, platform } = useStation()
  const backupFolder = platform.backupFolder
  const [folder, setFolder] = useState<string | null>(null)
  const daily = useLiveQuery(
    async () => ({ enabled: await dailyBackupEnabled(db), lastDay: (await db.meta.get(LAST_DAILY_BACKUP_META_KEY))?.value as string | undefined }),
    [db],
  )
  useEffect(() => {
    void backupFolder?.current().then(setFolder, () => undefined)
  }, [backupFolder])
  const [form] = Form.useForm<BackupFormValues>()
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)

  async function onFinish(values: BackupFormValues) {
    setBusy(true)
    setDone(null)
    try {
      const backup = await createStationBackup(db, values.password)
      downloadFile(backup.fileName, backup.bytes, 'application/octet-stream')
      setDone(`已生成备份文件“${backup.fileName}”，请存到U盘等本机以外的地方，并牢记备份密码`)
      form.resetFields()
    } catch (error) {
      form.setFields([{ name: 'password', errors: [isUserError(error) && error.issues[0] ? error.issues[0].message : messageOf(error)] }])
    } finally {
      setBusy(false)
    }
  }

  async function turnOnDaily() {
    if (backupFolder === undefined) return
    setBusy(true)
    setDone(null)
    try {
      const values = await form.validateFields()
      await enableDailyBackup(db, values.password)
      const path = await runDailyBackupIfDue(db, backupFolder)
      setDone(path ? `已开启每日自动备份，今天的备份已写入“${path}”` : '已开启每日自动备份')
      form.resetFields()
    } catch (error) {
      // validateFields already marked the fields it refused.
      if (!(typeof error === 'object' && error !== null && 'errorFields' in error)) form.setFields([{ name: 'password', errors: [messageOf(error)] }])
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title="备份本机数据">
      <Typography.Paragraph>
        把本机的全部办件、未发送记录、附件和注册信息写入一个加密的备份文件。本机损坏时，可在新设备的“设备注册”页面用该文件和备份密码恢复。备份密码不会保存在本机，忘记后无法恢复。
      </Typography.Paragraph>
      {done ? <Alert type="success" showIcon title={done} style={{ marginBottom: 16 }} data-testid="backup-done" /> : null}
      <Form<BackupFormValues>
        form={form}
        name="stationBackup"
        layout="vertical"
        onFinish={(values) => void onFinish(values)}
        requiredMark={false}
        style={{ maxWidth: 420 }}
      >
        <Form.Item
          label="备份密码"
          name="password"
          rules={[{ required: true, min: BACKUP_PASSWORD_MIN_LENGTH, message: `请设置至少 ${BACKUP_PASSWORD_MIN_LENGTH} 位的备份密码` }]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          label="再次输入备份密码"
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入备份密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue('password')) throw new Error('两次输入的备份密码不一致，请重新输入')
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            生成备份文件
          </Button>
          {backupFolder && folder ? (
            <Button loading={busy} onClick={() => void turnOnDaily()}>
              用此密码开启每日自动备份
            </Button>
          ) : null}
        </Space>
      </Form>
      {backupFolder ? (
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'folder',
              label: '每日备份文件夹',
              children: (
                <Space>
                  <span>{folder ?? '未选择'}</span>
                  <Button size="small" onClick={() => void backupFolder.choose().then(setFolder, (error: unknown) => setDone(messageOf(error)))}>
                    选择文件夹
                  </Button>
                </Space>
              ),
            },
            { key: 'daily', label: '每日自动备份', children: daily?.enabled ? `已开启${daily.lastDay ? `，最近一次 ${daily.lastDay}` : ''}` : '未开启' },
          ]}
        />
      ) : null}
    </Card>
  )
}
