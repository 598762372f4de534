import { Button, Card, Flex, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useStation } from '../../context/station-context'
import { useDocumentTitle } from '../../lib/use-document-title'
import { issuesToFields } from '../../lib/form-errors'
import { isUserError, messageOf } from '../../lib/user-error'
import { countyUrlFromPage } from './county-url-from-page'
import { enrollDevice } from './enroll-device'
import { RestoreBackupCard } from './restore-backup-card'

type EnrollFormValues = { countyUrl: string; code: string }

/** First run: register this device with the county server using a one-time code. */
export function EnrollPage() {
  const { db, platform } = useStation()
  useDocumentTitle('设备注册')
  const [form] = Form.useForm<EnrollFormValues>()
  const [submitting, setSubmitting] = useState(false)
  const [initialValues] = useState<EnrollFormValues>(() => ({ countyUrl: countyUrlFromPage(), code: '' }))

  async function onFinish(values: EnrollFormValues) {
    setSubmitting(true)
    try {
      const deviceName = platform.kind === 'desktop' ? '便民服务站桌面端' : '便民服务站网页端'
      // On success the enrollment appears in the database and the app switches to the station view by itself.
      await enrollDevice(db, { countyUrl: values.countyUrl, code: values.code, deviceName })
    } catch (error) {
      const issues = isUserError(error) && error.issues.length > 0 ? error.issues : [{ path: ['countyUrl'], message: messageOf(error) }]
      const { fields } = issuesToFields(issues, (path) => (path[0] === 'code' ? 'code' : 'countyUrl'))
      form.setFields(fields)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Flex vertical justify="center" align="center" gap={24} style={{ minHeight: '100vh', background: '#f5f5f5', padding: 24 }}>
      <Card style={{ width: 480, maxWidth: '100%' }}>
        <Typography.Title level={3}>设备注册</Typography.Title>
        <Typography.Paragraph type="secondary">首次使用本设备，请填写县级服务器地址和县政务服务管理局发放的注册码。注册码只能使用一次。</Typography.Paragraph>
        <Form form={form} layout="vertical" name="enroll" initialValues={initialValues} onFinish={onFinish} disabled={submitting}>
          <Form.Item
            label="县级服务器地址"
            name="countyUrl"
            rules={[{ required: true, whitespace: true, message: '请填写县级服务器地址' }]}
            extra="例如 http://10.53.1.2:8080"
          >
            <Input autoComplete="url" inputMode="url" />
          </Form.Item>
          <Form.Item label="注册码" name="code" rules={[{ required: true, whitespace: true, message: '请填写注册码' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting} block>
            注册本设备
          </Button>
        </Form>
      </Card>
      <RestoreBackupCard />
    </Flex>
  )
}
