import { Alert, Form, Input, Modal, Radio, Typography } from 'antd'
import type { IntakeRecord } from '../../../shared/station-records'
import { useStation } from '../../context/station-context'
import { isUserError } from '../../lib/user-error'
import { useSignedInStaff } from '../staff/staff-context'
import { handOverIntake } from './hand-over-intake'
import { useIntakeActionSave } from './use-intake-action-save'

type HandOverValues = {
  who: 'applicant' | 'other'
  recipientName?: string
  recipientIdNumber?: string
  relationship?: string
  note?: string
}

const FIELD_OF: Record<string, keyof HandOverValues> = {
  recipientName: 'recipientName',
  recipientIdNumber: 'recipientIdNumber',
  relationship: 'relationship',
  note: 'note',
}

/**
 * 出件登记: who received the result (the applicant, or someone for them with ID number and
 * relationship), at the moment it is recorded; saved through the write path, then the 送达回证 is printed for signing.
 */
export function HandOverModal({ intake, onClose, onSaved }: { intake: IntakeRecord; onClose: () => void; onSaved: () => void }) {
  const { db } = useStation()
  const staff = useSignedInStaff()
  const [form] = Form.useForm<HandOverValues>()
  const who = Form.useWatch('who', form)
  const { saving, formError, save } = useIntakeActionSave()
  const byApplicant = intake.applicant.kind === 'person'

  const onFinish = (values: HandOverValues) =>
    save(
      () =>
        handOverIntake(
          db,
          {
            intakeId: intake.id,
            recipientIsApplicant: values.who === 'applicant',
            recipientName: values.recipientName,
            recipientIdNumber: values.recipientIdNumber,
            relationship: values.relationship,
            note: values.note,
          },
          { staff },
        ),
      {
        success: `办件 ${intake.intakeNo} 已登记出件`,
        onSaved,
        onRefused: (error) => {
          if (!isUserError(error)) return
          form.setFields(
            error.issues.flatMap((issue) => (FIELD_OF[String(issue.path[0])] ? [{ name: FIELD_OF[String(issue.path[0])]!, errors: [issue.message] }] : [])),
          )
        },
      },
    )

  return (
    <Modal
      open
      title={`出件登记：${intake.intakeNo}`}
      okText="登记并打印送达回证"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<HandOverValues>
        form={form}
        name="handOver"
        layout="vertical"
        initialValues={{ who: byApplicant ? 'applicant' : 'other' }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item label="领取人" name="who">
          <Radio.Group
            options={[
              { value: 'applicant', label: `申请人本人（${intake.applicant.name}）`, disabled: !byApplicant },
              { value: 'other', label: '他人代领' },
            ]}
          />
        </Form.Item>
        {who === 'other' ? (
          <>
            <Form.Item label="领取人姓名" name="recipientName" rules={[{ required: true, whitespace: true, message: '请填写领取人姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label="领取人身份证号" name="recipientIdNumber" rules={[{ required: true, whitespace: true, message: '请填写领取人身份证号' }]}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item label="与申请人关系" name="relationship" rules={[{ required: true, whitespace: true, message: '请填写领取人与申请人的关系' }]}>
              <Input maxLength={50} placeholder="如：配偶、子女、单位经办人" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item label="备注" name="note">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Typography.Paragraph type="secondary">送达人：{staff.displayName}。领取时间按登记时刻记录；请核对领取人身份证件原件。</Typography.Paragraph>
      </Form>
    </Modal>
  )
}
