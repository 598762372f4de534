import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd'
import { useState } from 'react'
import { EVALUATION_RATING_LABELS, isBadRating, type BadRatingReason, type EvaluationRating } from '../../../shared/evaluation'
import { useStation, useSyncEngine } from '../../context/station-context'
import { issuesToFields } from '../../lib/form-errors'
import { isUserError, messageOf } from '../../lib/user-error'
import { useSignedInStaff } from '../staff/staff-context'
import { BAD_REASON_OPTIONS } from './evaluation-rules'
import { recordEvaluation } from './record-evaluation'

type PaperEvaluationValues = { paperFormNo: string; rating?: EvaluationRating; badReason?: BadRatingReason; comment?: string }

const FIELDS = new Set(['paperFormNo', 'rating', 'badReason', 'comment'])
const ratingOptions = ([1, 2, 3, 4, 5] as const).map((level) => ({ value: level, label: EVALUATION_RATING_LABELS[level] }))

/**
 * 录入纸质评价表: a clerk copies what the resident ticked on a paper form, with the form's
 * number, so the county can find the original; the signed-in account is who typed it in.
 */
export function PaperEvaluationModal({ intakeId, onClose }: { intakeId: string; onClose: () => void }) {
  const { db } = useStation()
  const staff = useSignedInStaff()
  const sync = useSyncEngine()
  const { message } = App.useApp()
  const [form] = Form.useForm<PaperEvaluationValues>()
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const rating = Form.useWatch('rating', form)

  async function onFinish(values: PaperEvaluationValues) {
    setSaving(true)
    setFormError(null)
    try {
      await recordEvaluation(
        db,
        {
          intakeId,
          rating: values.rating ?? 0,
          comment: values.comment,
          badReason: values.rating !== undefined && isBadRating(values.rating) ? values.badReason : undefined,
          source: 'paperForm',
          enteredBy: staff.displayName,
          paperFormNo: values.paperFormNo,
        },
        { staff },
      )
      message.success('纸质评价表已录入')
      void sync?.syncNow()
      onClose()
    } catch (error) {
      if (isUserError(error) && error.issues.length > 0) {
        const { fields, unplaced } = issuesToFields(error.issues, (path) => (FIELDS.has(String(path[0])) ? String(path[0]) : null))
        form.setFields(fields as Parameters<typeof form.setFields>[0])
        setFormError(unplaced.length > 0 ? unplaced.join('；') : null)
      } else {
        setFormError(messageOf(error))
      }
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title="录入纸质评价表"
      okText="确认录入"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<PaperEvaluationValues> form={form} name="paperEvaluation" layout="vertical" onFinish={(values) => void onFinish(values)}>
        <Form.Item label="评价表编号" name="paperFormNo" rules={[{ required: true, whitespace: true, message: '请填写纸质评价表编号' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label="群众所选评价" name="rating" rules={[{ required: true, message: '请按评价表选择评价等级' }]}>
          <Radio.Group options={ratingOptions} />
        </Form.Item>
        {rating !== undefined && isBadRating(rating) ? (
          <Form.Item label="差评原因" name="badReason" rules={[{ required: true, message: '差评须选择原因（如服务态度差、多次跑动等）' }]}>
            <Select options={BAD_REASON_OPTIONS} placeholder="按评价表选择原因" />
          </Form.Item>
        ) : null}
        <Form.Item label="评价意见" name="comment">
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
        <Typography.Paragraph>
          录入人：<Typography.Text strong>{staff.displayName}</Typography.Text>
        </Typography.Paragraph>
      </Form>
    </Modal>
  )
}
