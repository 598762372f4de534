import { IdcardOutlined } from '@ant-design/icons'
import { Alert, Button, Flex, Form, Typography } from 'antd'
import { useState } from 'react'
import { useStation } from '../../context/station-context'
import { createIdCardReader, loadIdCardSettings } from '../../platform/id-card-settings'
import type { IdCardFormRecord } from '../../db/intake-draft-record'
import { idCardFill, idCardSummary } from './id-card-fill'

type Outcome = { type: 'success' | 'warning' | 'error'; message: string }

/**
 * 读取身份证: reads the card on this machine's reader (本机维护 chooses which) into the person
 * fields, checks the number with the typed-input validator, and flags an expired card. The
 * form's `idCard` keeps what the card adds (sex, nation, birth date, validity), never the photo.
 */
export function ReadIdCardButton() {
  const { platform } = useStation()
  const form = Form.useFormInstance()
  const [reading, setReading] = useState(false)
  const [outcomes, setOutcomes] = useState<Outcome[]>([])

  async function read() {
    setReading(true)
    setOutcomes([])
    try {
      const reader = createIdCardReader(loadIdCardSettings(window.localStorage, platform), platform)
      const result = await reader.read()
      if (!result.ok) {
        setOutcomes([{ type: 'error', message: result.message }])
        return
      }
      const fill = idCardFill(result.card, new Date())
      form.setFieldsValue({ applicantKind: 'person', person: { ...(form.getFieldValue('person') as object | undefined), ...fill.person }, idCard: fill.record })
      // The same check (and message) as a typed number, shown on the field itself.
      await form
        .validateFields([
          ['person', 'name'],
          ['person', 'idNumber'],
          ['person', 'address'],
        ])
        .catch(() => undefined)
      const next: Outcome[] = [{ type: 'success', message: `已读取${fill.person.name}的身份证，请核对并填写联系电话` }]
      if (fill.idNumberProblem) next.push({ type: 'error', message: `卡内公民身份号码未通过校验：${fill.idNumberProblem}` })
      if (fill.expiredNotice) next.push({ type: 'warning', message: fill.expiredNotice })
      setOutcomes(next)
    } finally {
      setReading(false)
    }
  }

  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Flex align="center" gap={12} wrap>
        <Button icon={<IdcardOutlined aria-hidden />} loading={reading} onClick={() => void read()}>
          读取身份证
        </Button>
        <Form.Item name="idCard" noStyle>
          <IdCardReadSummary />
        </Form.Item>
      </Flex>
      {outcomes.map((outcome) => (
        <Alert
          key={outcome.message}
          type={outcome.type}
          showIcon
          role={outcome.type === 'success' ? 'status' : 'alert'}
          title={outcome.message}
          data-testid="id-card-outcome"
        />
      ))}
    </Flex>
  )
}

/** The card's own fields once read (the form item's value), so the clerk can read them back. */
function IdCardReadSummary({ value }: { value?: IdCardFormRecord }) {
  if (value === undefined) return null
  return (
    <Typography.Text type="secondary" data-testid="id-card-summary">
      {`身份证：${idCardSummary(value)}`}
    </Typography.Text>
  )
}
