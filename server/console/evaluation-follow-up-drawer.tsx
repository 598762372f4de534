import { Descriptions, Drawer, Form, Input, Radio, Tag, Typography } from 'antd'
import {
  BAD_RATING_REASON_LABELS,
  EVALUATION_FOLLOW_UP_LABELS,
  EVALUATION_RATING_LABELS,
  EVALUATION_SOURCE_LABELS,
  type EvaluationRating,
} from '../../shared/evaluation'
import { EVALUATION_FOLLOW_UP_ACTION_LABELS, evaluationFollowUpActions } from '../../shared/follow-up'
import type { AdminEvaluation } from '../../shared/follow-up-admin'
import { followUpEvaluation } from './follow-up-api'
import { FollowUpRecord, FollowUpStepForm } from './follow-up-drawer'
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
        <FollowUpRecord
          details={
            <>
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
            </>
          }
          historyTitle="整改记录"
          history={evaluation.followUpHistory.map((step) => ({
            ...step,
            title: `${EVALUATION_FOLLOW_UP_ACTION_LABELS[step.action]} → ${EVALUATION_FOLLOW_UP_LABELS[step.statusAfter]}`,
          }))}
          next={
            evaluation.followUpStatus &&
            evaluationFollowUpActions(evaluation.followUpStatus).length > 0 && (
              <EvaluationStep key={evaluation.followUpHistory.length} evaluation={evaluation} onChanged={onChanged} />
            )
          }
        />
      )}
    </Drawer>
  )
}

function EvaluationStep({ evaluation, onChanged }: { evaluation: AdminEvaluation; onChanged: () => void }) {
  const [form] = Form.useForm<EvaluationStepForm>()
  const actions = evaluation.followUpStatus ? evaluationFollowUpActions(evaluation.followUpStatus) : []
  const action = Form.useWatch('action', form)

  async function save(values: EvaluationStepForm): Promise<string> {
    await followUpEvaluation(evaluation.id, toEvaluationFollowUpRequest(values))
    return `已${EVALUATION_FOLLOW_UP_ACTION_LABELS[values.action]}`
  }

  return (
    <FollowUpStepForm
      form={form}
      actions={actions}
      actionLabels={EVALUATION_FOLLOW_UP_ACTION_LABELS}
      initialValues={{ action: actions[0], calledAtLocal: chinaLocalNow() }}
      save={save}
      onChanged={onChanged}
    >
      {action === 'completeRectification' && <Typography.Paragraph type="secondary">标记已整改前须已登记回访，且最近一次回访群众满意。</Typography.Paragraph>}
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
    </FollowUpStepForm>
  )
}
