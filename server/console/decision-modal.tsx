import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, AutoComplete, Button, Form, Input, Modal, Radio, Space } from 'antd'
import { useState } from 'react'
import { DELIVERY_METHOD_LABELS, RESULT_LABELS, type CountyDeliveryMethod, type DecisionRequest, type DeliveryMethod } from '../../shared/decision'
import type { IntakeMaterial } from '../../shared/intake'
import { DECISION_LABELS, type DecisionKind } from '../../shared/intake-status'
import { ConsoleApiError, decideIntake } from './api'

type DecisionValues = {
  note?: string
  items?: { name?: string; problem?: string }[]
  reason?: string
  result?: 'approved' | 'denied'
  resultNote?: string
  /** 办结: how the result reaches the resident. */
  deliveryMethod?: DeliveryMethod
  /** 送达: how the county delivered it itself. */
  method?: CountyDeliveryMethod
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
      return {
        decision: 'complete',
        result: values.result ?? 'approved',
        resultNote: values.resultNote?.trim() || undefined,
        deliveryMethod: values.deliveryMethod ?? 'station',
      }
    case 'deliver':
      return { decision: 'deliver', method: values.method ?? 'pickup', note }
    case 'terminate':
      return { decision: 'terminate', reason: values.reason?.trim() ?? '' }
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
        initialValues={{ items: [{}], result: 'approved', deliveryMethod: 'station', method: 'pickup' }}
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
        {kind === 'terminate' && (
          <>
            <Alert
              type="warning"
              showIcon
              title="仅限容缺材料超过补交期限仍未补交的办件；终止后办件结束，站点将打印终止办理告知书。"
              style={{ marginBottom: 16 }}
            />
            <Form.Item label="终止办理理由" name="reason" rules={required('终止办理须说明理由')}>
              <Input.TextArea rows={4} maxLength={1000} showCount placeholder="如：容缺材料“营业执照”未在补交期限内补交" />
            </Form.Item>
          </>
        )}
        {kind === 'complete' && (
          <>
            <Form.Item label="办理结果" name="result" rules={[{ required: true, message: '请选择办理结果' }]}>
              <Radio.Group options={(['approved', 'denied'] as const).map((value) => ({ value, label: RESULT_LABELS[value] }))} />
            </Form.Item>
            <Form.Item label="结果说明" name="resultNote">
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item
              label="送达方式"
              name="deliveryMethod"
              rules={[{ required: true, message: '请选择结果如何送达申请人' }]}
              extra="站点领取：结果送至受理站点，由站点登记出件后即为已送达"
            >
              <Radio.Group options={(['station', 'pickup', 'post', 'electronic'] as const).map((value) => ({ value, label: DELIVERY_METHOD_LABELS[value] }))} />
            </Form.Item>
          </>
        )}
        {kind === 'deliver' && (
          <Form.Item label="送达方式" name="method" rules={[{ required: true, message: '请选择送达方式' }]}>
            <Radio.Group options={(['pickup', 'post', 'electronic'] as const).map((value) => ({ value, label: DELIVERY_METHOD_LABELS[value] }))} />
          </Form.Item>
        )}
        {kind !== 'refuse' && kind !== 'complete' && kind !== 'terminate' && (
          <Form.Item label="备注" name="note">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
