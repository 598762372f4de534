import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { ConsoleApiError, login } from './api'

type LoginValues = { username: string; password: string }

export function LoginPage() {
  const [error, setError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true)
    setError(undefined)
    try {
      await login(values.username.trim(), values.password)
    } catch (failure) {
      // 401 carries the server's one message for a wrong name or password: 用户名或密码错误.
      setError(failure instanceof ConsoleApiError ? failure.message : '登录失败，请稍后重试')
      setSubmitting(false)
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          便民服务管理后台
        </Typography.Title>
        <Typography.Paragraph type="secondary">县政务服务管理局工作人员登录</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<LoginValues> layout="vertical" name="login" onFinish={(values) => void onFinish(values)} disabled={submitting}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  )
}
