import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, AutoComplete, Button, Form, Input, Modal, Radio, Space } from 'antd'
import { useState } from 'react'
import { DELIVERY_METHOD_LABELS, RESULT_LABELS, type DecisionRequest } from '../../shared/decision'
import type { IntakeMaterial } from '../../shared/intake'
import { DECISION_LABELS, type DecisionKind } from '../../shared/intake-status'
import { ConsoleApiError, decideIntake } from './api'

type DecisionValues = {
  note?: string
  items?: { name?: string; problem?: string }[]
  reason?: string
  result?: 'approved' | 'denied'
  resultNote?: string
  method?: 'pickup' | 'post' | 'electronic'
}

type Props = {
  intakeId: string
  intakeNo: string
  kind: DecisionKind
  materials: readonly IntakeMaterial[]
  onClose(): void
  onDecided(): void
}

function requestOf(kind: DecisionKind, values: DecisionValues, materials: readonly IntakeMaterial[]): DecisionRequest {
  const note = values.note?.trim() || undefined
  switch (kind) {
    case 'accept':
      return { decision: 'accept', note }
    case 'requestCorrection':
      return {
        decision: 'requestCorrection',
        note,
        items: (values.items ?? []).map((item) => {
          const name = item.name?.trim() ?? ''
          const materialId = materials.find((material) => material.name === name)?.materialId
          return { ...(materialId ? { materialId } : {}), name, problem: item.problem?.trim() ?? '' }
        }),
      }
    case 'refuse':
      return { decision: 'refuse', reason: values.reason?.trim() ?? '' }
    case 'complete':
      return { decision: 'complete', result: values.result ?? 'approved', resultNote: values.resultNote?.trim() || undefined }
    case 'deliver':
      return { decision: 'deliver', method: values.method ?? 'pickup', note }
  }
}

/** One decision on one intake: the form its kind needs, sent as it is, the server's refusal shown as it says it. */
export function DecisionModal({ intakeId, intakeNo, kind, materials, onClose, onDecided }: Props) {
  const [form] = Form.useForm<DecisionValues>()
  const [error, setError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)

  const submit = async () => {
    const values = await form.validateFields()
    setSubmitting(true)
    setError(undefined)
    try {
      await decideIntake(intakeId, requestOf(kind, values, materials))
      onDecided()
    } catch (failure) {
      // A 409 carries why the status machine refused, e.g. 办件当前状态为“已办结”，不能执行“受理”.
      setError(failure instanceof ConsoleApiError ? failure.message : '提交失败，请稍后重试')
    } finally {
      setSubmitting(false)
    }
  }

  const required = (message: string) => [{ required: true, whitespace: true, message }]

  return (
    <Modal
      open
      title={`${DECISION_LABELS[kind]}：${intakeNo}`}
      okText={`确认${DECISION_LABELS[kind]}`}
      cancelText="取消"
      confirmLoading={submitting}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={kind === 'requestCorrection' ? 720 : 520}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        name={`decision-${kind}`}
        initialValues={{ items: [{}], result: 'approved', method: 'pickup' }}
        disabled={submitting}
      >
        {kind === 'requestCorrection' && (
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'name']} label={index === 0 ? '需补正的材料' : undefined} rules={required('请填写需补正的材料')}>
                      <AutoComplete
                        aria-label={`第${index + 1}项 材料`}
                        style={{ width: 260 }}
                        placeholder="选择或填写材料名称"
                        options={materials.map((material) => ({ value: material.name }))}
                        filterOption={(input, option) => String(option?.value ?? '').includes(input)}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'problem']} label={index === 0 ? '问题及补正要求' : undefined} rules={required('请说明需要如何补正')}>
                      <Input aria-label={`第${index + 1}项 问题`} style={{ width: 320 }} placeholder="如：复印件不清晰，请重新复印" />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        aria-label={`删除第${index + 1}项`}
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                        style={{ marginTop: index === 0 ? 30 : 0 }}
                      />
                    )}
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                    再添加一项
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
        )}
        {kind === 'refuse' && (
          <Form.Item label="不予受理理由" name="reason" rules={required('不予受理须说明理由')}>
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        )}
        {kind === 'complete' && (
          <>
            <Form.Item label="办理结果" name="result" rules={[{ required: true, message: '请选择办理结果' }]}>
              <Radio.Group options={(['approved', 'denied'] as const).map((value) => ({ value, label: RESULT_LABELS[value] }))} />
            </Form.Item>
            <Form.Item label="结果说明" name="resultNote">
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {kind === 'deliver' && (
          <Form.Item label="送达方式" name="method" rules={[{ required: true, message: '请选择送达方式' }]}>
            <Radio.Group options={(['pickup', 'post', 'electronic'] as const).map((value) => ({ value, label: DELIVERY_METHOD_LABELS[value] }))} />
          </Form.Item>
        )}
        {kind !== 'refuse' && kind !== 'complete' && (
          <Form.Item label="备注" name="note">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
