import { Alert, Form, Input, Modal, Typography } from 'antd'
import type { IntakeRecord } from '../../../shared/station-records'
import { useStation } from '../../context/station-context'
import { useSignedInStaff } from '../staff/staff-context'
import { useIntakeActionSave } from './use-intake-action-save'
import { withdrawIntake } from './withdraw-intake'

type WithdrawValues = { reason: string }

/** 撤回: the applicant's reason; saved through the write path, then the 撤回申请 is printed for signing. */
export function WithdrawModal({ intake, onClose, onSaved }: { intake: IntakeRecord; onClose: () => void; onSaved: () => void }) {
  const { db } = useStation()
  const staff = useSignedInStaff()
  const [form] = Form.useForm<WithdrawValues>()
  const { saving, formError, save } = useIntakeActionSave()

  const onFinish = (values: WithdrawValues) =>
    save(() => withdrawIntake(db, { intakeId: intake.id, reason: values.reason }, { staff }), { success: `办件 ${intake.intakeNo} 已登记撤回`, onSaved })

  return (
    <Modal
      open
      title={`撤回申请：${intake.intakeNo}`}
      okText="确认撤回并打印"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph>撤回后本次申请终止办理，如需再次办理须重新申请。请申请人在打印的撤回申请上签字。</Typography.Paragraph>
      <Form<WithdrawValues> form={form} name="withdraw" layout="vertical" onFinish={(values) => void onFinish(values)}>
        <Form.Item label="撤回原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }]}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
