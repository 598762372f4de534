import { Alert, App, Checkbox, Form, Input, Modal, Radio } from 'antd'
import { useState } from 'react'
import { RESULT_LABELS } from '../../../shared/decision'
import type { IntakeCompleteOnSitePayload } from '../../../shared/intake-followup'
import { useStation, useSyncEngine } from '../../app/station-context'
import { messageOf } from '../../lib/user-error'
import { completeOnSite } from './complete-on-site'

type CompleteOnSiteValues = { result: IntakeCompleteOnSitePayload['result']; resultNote?: string; leadName: string; declaredLead: boolean }

const resultOptions = (['approved', 'denied'] as const).map((result) => ({ value: result, label: RESULT_LABELS[result] }))

/**
 * 当场办结 of a 即办件 by the station lead (首席事务代表). Until staff accounts exist (issue 4
 * item 9) the lead names themself and declares the role here; canCompleteOnSite decides.
 */
export function CompleteOnSiteModal({ intakeId, intakeNo, staffName, onClose }: { intakeId: string; intakeNo: string; staffName: string; onClose: () => void }) {
  const { db } = useStation()
  const sync = useSyncEngine()
  const { message } = App.useApp()
  const [form] = Form.useForm<CompleteOnSiteValues>()
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)

  async function onFinish(values: CompleteOnSiteValues) {
    setSaving(true)
    setFormError(null)
    try {
      await completeOnSite(db, {
        intakeId,
        result: values.result,
        resultNote: values.resultNote,
        staff: { name: values.leadName, role: values.declaredLead ? 'lead' : undefined },
      })
      message.success(`办件 ${intakeNo} 已当场办结`)
      void sync?.syncNow()
      onClose()
    } catch (error) {
      setFormError(messageOf(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal open title={`当场办结：${intakeNo}`} okText="确认办结" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {formError ? <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<CompleteOnSiteValues>
        form={form}
        name="completeOnSite"
        layout="vertical"
        initialValues={{ result: 'approved', leadName: staffName, declaredLead: false }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item label="办理结果" name="result" rules={[{ required: true, message: '请选择办理结果' }]}>
          <Radio.Group options={resultOptions} />
        </Form.Item>
        <Form.Item label="结果说明" name="resultNote">
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
        <Form.Item label="首席事务代表姓名" name="leadName" rules={[{ required: true, whitespace: true, message: '请填写首席事务代表姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="declaredLead"
          valuePropName="checked"
          rules={[{ validator: async (_rule, checked: boolean) => (checked ? undefined : Promise.reject(new Error('只有本站首席事务代表可以当场办结'))) }]}
        >
          <Checkbox>本人是本站首席事务代表，对当场办结的结果负责</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  )
}
