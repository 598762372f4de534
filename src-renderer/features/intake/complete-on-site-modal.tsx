import { Alert, Form, Input, Modal, Radio, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { RESULT_LABELS } from '../../../shared/decision'
import type { IntakeCompleteOnSitePayload } from '../../../shared/intake-actions'
import { useStation } from '../../context/station-context'
import { useSignedInStaff } from '../staff/staff-context'
import { completeOnSite, loadOnSiteEligibility, onSiteEligibilityRefusal } from './complete-on-site'
import { useIntakeActionSave } from './use-intake-action-save'

type CompleteOnSiteValues = { result: IntakeCompleteOnSitePayload['result']; resultNote?: string }

const resultOptions = (['approved', 'denied'] as const).map((result) => ({ value: result, label: RESULT_LABELS[result] }))

/**
 * 当场办结 of a 即办件 by the station lead (首席事务代表): the signed-in account is the lead who
 * completes it; the permissions module decides (the modal is only offered to a lead).
 */
export function CompleteOnSiteModal({ intakeId, intakeNo, onClose }: { intakeId: string; intakeNo: string; onClose: () => void }) {
  const { db } = useStation()
  const staff = useSignedInStaff()
  const [form] = Form.useForm<CompleteOnSiteValues>()
  const { saving, formError, save } = useIntakeActionSave()
  // Said before the lead fills anything in: an item outside the 进驻事项 or an unauthorised account.
  const refusal = useLiveQuery(async () => {
    const intake = await db.intakes.get(intakeId)
    return intake ? onSiteEligibilityRefusal(await loadOnSiteEligibility(db, intake, staff.id)) : null
  }, [db, intakeId, staff.id])

  const onFinish = (values: CompleteOnSiteValues) =>
    save(() => completeOnSite(db, { intakeId, result: values.result, resultNote: values.resultNote, staff }), {
      success: `办件 ${intakeNo} 已当场办结`,
      onSaved: onClose,
    })

  return (
    <Modal
      open
      title={`当场办结：${intakeNo}`}
      okText="确认办结"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: refusal !== null && refusal !== undefined }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {refusal ? (
        <Alert type="error" showIcon title="不能当场办结" description={refusal} role="alert" data-testid="on-site-refusal" style={{ marginBottom: 16 }} />
      ) : null}
      {formError ? <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<CompleteOnSiteValues>
        form={form}
        name="completeOnSite"
        layout="vertical"
        initialValues={{ result: 'approved' }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item label="办理结果" name="result" rules={[{ required: true, message: '请选择办理结果' }]}>
          <Radio.Group options={resultOptions} />
        </Form.Item>
        <Form.Item label="结果说明" name="resultNote">
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
        <Typography.Paragraph>
          首席事务代表：<Typography.Text strong>{staff.displayName}</Typography.Text>（本人对当场办结的结果负责）
        </Typography.Paragraph>
      </Form>
    </Modal>
  )
}
