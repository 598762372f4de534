import { Alert, App, Button, Descriptions, Empty, Form, Radio, Space, Timeline, Typography, type FormInstance } from 'antd'
import { useState, type ReactNode } from 'react'
import type { CallBack } from '../../shared/follow-up'
import { ConsoleApiError } from './api'
import { formatDateTime } from './intake-view'

/**
 * What the 差评 and the 办不成事 drawers share: the record's details, its steps so far and
 * the next step's form. Each drawer says only what is its own (fields, labels, messages).
 */

type TimelineStep = { at: string; by: string; title: string; note?: string; reply?: string; callBack?: CallBack }

/** The drawer's body: the details (Descriptions items), the steps under `historyTitle`, then `next` (the step form, when a step is left). */
export function FollowUpRecord({
  details,
  historyTitle,
  history,
  next,
}: {
  details: ReactNode
  historyTitle: string
  history: TimelineStep[]
  next: ReactNode
}) {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions size="small" column={2} bordered>
        {details}
      </Descriptions>
      <div>
        <Typography.Title level={5}>{historyTitle}</Typography.Title>
        <FollowUpTimeline steps={history} />
      </div>
      {next}
    </Space>
  )
}

/**
 * The next step's form: the action to take (the machine's allowed ones), the drawer's own
 * fields as `children`, and 保存. `save` sends the step and answers the success message; a
 * refusal stays above the form in the server's words.
 */
export function FollowUpStepForm<Values extends { action: Action }, Action extends string>({
  form,
  actions,
  actionLabels,
  initialValues,
  save,
  onChanged,
  children,
}: {
  form: FormInstance<Values>
  actions: readonly Action[]
  actionLabels: Record<Action, string>
  initialValues: Partial<Values>
  save: (values: Values) => Promise<string>
  onChanged: () => void
  children: ReactNode
}) {
  const { message } = App.useApp()
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string>()

  async function submit(values: Values) {
    setSaving(true)
    setFailure(undefined)
    try {
      void message.success(await save(values))
      onChanged()
    } catch (error) {
      setFailure(error instanceof ConsoleApiError ? error.message : '保存失败，请稍后重试')
    } finally {
      setSaving(false)
    }
  }

  return (
    <div>
      <Typography.Title level={5}>下一步</Typography.Title>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} role="alert" />}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => void submit(values)}>
        <Form.Item name="action" label="处理" rules={[{ required: true, message: '请选择处理' }]}>
          <Radio.Group optionType="button" options={actions.map((value) => ({ value, label: actionLabels[value] }))} />
        </Form.Item>
        {children}
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
    </div>
  )
}

/** Every step of a follow-up with who took it and when, oldest first. */
function FollowUpTimeline({ steps }: { steps: TimelineStep[] }) {
  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无处理记录" />
  return (
    <Timeline
      items={steps.map((step, index) => ({
        key: index,
        content: (
          <div data-follow-up-step={index}>
            <Typography.Text strong>{step.title}</Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              {formatDateTime(step.at)} · {step.by}
            </Typography.Text>
            {step.note && <div>说明：{step.note}</div>}
            {step.callBack && (
              <div>
                回访：{formatDateTime(step.callBack.calledAt)}，{step.callBack.calledBy}；群众反馈：{step.callBack.residentResponse}（
                {step.callBack.satisfied ? '满意' : '不满意'}）
              </div>
            )}
            {step.reply && <div>答复群众：{step.reply}</div>}
          </div>
        ),
      }))}
    />
  )
}
