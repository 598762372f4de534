import { Alert, App, Button, Descriptions, Drawer, Form, Input, Radio, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { BAD_RATING_REASON_LABELS, EVALUATION_FOLLOW_UP_LABELS, EVALUATION_RATING_LABELS, EVALUATION_SOURCE_LABELS, type EvaluationRating } from '../../shared/evaluation'
import { EVALUATION_FOLLOW_UP_ACTION_LABELS, evaluationFollowUpActions } from '../../shared/follow-up'
import type { AdminEvaluation } from '../../shared/follow-up-admin'
import { ConsoleApiError } from './api'
import { followUpEvaluation } from './follow-up-api'
import { FollowUpTimeline } from './follow-up-timeline'
import { chinaLocalNow, FOLLOW_UP_COLORS, toEvaluationFollowUpRequest, type EvaluationStepForm } from './follow-up-view'
import { formatDateTime } from './intake-view'

/** One 差评's 整改 follow-up: what the resident said, every step so far, and the next step's form. */
export function EvaluationFollowUpDrawer({
  evaluation,
  stationName,
  onClose,
  onChanged,
}: {
  evaluation: AdminEvaluation | undefined
  stationName: string | undefined
  onClose: () => void
  onChanged: () => void
}) {
  return (
    <Drawer open={evaluation !== undefined} onClose={onClose} size={720} title={evaluation ? `差评整改：${evaluation.intakeNo}` : '差评整改'} destroyOnHidden>
      {evaluation && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="站点">{stationName ?? evaluation.stationCode}</Descriptions.Item>
            <Descriptions.Item label="评价">{EVALUATION_RATING_LABELS[evaluation.rating as EvaluationRating]}</Descriptions.Item>
            <Descriptions.Item label="差评原因" span={2}>
              {evaluation.badReason ? BAD_RATING_REASON_LABELS[evaluation.badReason] : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="评价意见" span={2}>
              {evaluation.comment ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="来源">
              {EVALUATION_SOURCE_LABELS[evaluation.source]}
              {evaluation.paperFormNo ? `（评价表 ${evaluation.paperFormNo}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="收到时间">{formatDateTime(evaluation.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label="整改状态">
              {evaluation.followUpStatus && (
                <Tag color={FOLLOW_UP_COLORS[evaluation.followUpStatus]} data-follow-up-status={evaluation.followUpStatus}>
                  {EVALUATION_FOLLOW_UP_LABELS[evaluation.followUpStatus]}
                </Tag>
              )}
              {evaluation.followUpOverdue && <Tag color="red">已逾期</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="整改期限">{evaluation.followUpDue ?? '—'}（15个工作日）</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>整改记录</Typography.Title>
            <FollowUpTimeline
              steps={evaluation.followUpHistory.map((step) => ({
                ...step,
                title: `${EVALUATION_FOLLOW_UP_ACTION_LABELS[step.action]} → ${EVALUATION_FOLLOW_UP_LABELS[step.statusAfter]}`,
              }))}
            />
          </div>
          {evaluation.followUpStatus && evaluationFollowUpActions(evaluation.followUpStatus).length > 0 && (
            <EvaluationStep key={evaluation.followUpHistory.length} evaluation={evaluation} onChanged={onChanged} />
          )}
        </Space>
      )}
    </Drawer>
  )
}

function EvaluationStep({ evaluation, onChanged }: { evaluation: AdminEvaluation; onChanged: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<EvaluationStepForm>()
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string>()
  const actions = evaluation.followUpStatus ? evaluationFollowUpActions(evaluation.followUpStatus) : []
  const action = Form.useWatch('action', form)

  async function submit(values: EvaluationStepForm) {
    setSaving(true)
    setFailure(undefined)
    try {
      await followUpEvaluation(evaluation.id, toEvaluationFollowUpRequest(values))
      void message.success(`已${EVALUATION_FOLLOW_UP_ACTION_LABELS[values.action]}`)
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
      <Form<EvaluationStepForm>
        form={form}
        layout="vertical"
        initialValues={{ action: actions[0], calledAtLocal: chinaLocalNow() }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="action" label="处理" rules={[{ required: true, message: '请选择处理' }]}>
          <Radio.Group optionType="button" options={actions.map((value) => ({ value, label: EVALUATION_FOLLOW_UP_ACTION_LABELS[value] }))} />
        </Form.Item>
        {action === 'completeRectification' && (
          <Typography.Paragraph type="secondary">标记已整改前须已登记回访，且最近一次回访群众满意。</Typography.Paragraph>
        )}
        {action === 'recordCallBack' && (
          <>
            <Form.Item name="calledAtLocal" label="回访时间" rules={[{ required: true, message: '请填写回访时间' }]}>
              <Input type="datetime-local" style={{ maxWidth: 240 }} />
            </Form.Item>
            <Form.Item name="calledBy" label="回访人" rules={[{ required: true, whitespace: true, message: '请填写回访人' }]}>
              <Input maxLength={50} style={{ maxWidth: 240 }} />
            </Form.Item>
            <Form.Item name="residentResponse" label="群众反馈" rules={[{ required: true, whitespace: true, message: '请记录群众的反馈' }]}>
              <Input.TextArea maxLength={1000} rows={2} />
            </Form.Item>
            <Form.Item name="satisfied" label="群众是否满意" rules={[{ required: true, message: '请选择群众是否满意' }]}>
              <Radio.Group
                options={[
                  { value: true, label: '满意' },
                  { value: false, label: '不满意' },
                ]}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={action === 'recordCallBack' ? '说明（可不填）' : action === 'markUnrectifiable' ? '无法整改的原因' : '说明'}
          rules={action === 'recordCallBack' ? [] : [{ required: true, whitespace: true, message: '请填写本步说明' }]}
        >
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
    </div>
  )
}
