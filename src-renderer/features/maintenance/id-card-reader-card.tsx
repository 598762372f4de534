import { App, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd'
import { useState } from 'react'
import { ID_CARD_READER_KIND_LABELS, idCardReaderSettingsSchema, type IdCardFieldMapping, type IdCardReaderKind } from '../../../shared/id-card'
import { useStation } from '../../context/station-context'
import { loadIdCardSettings, saveIdCardSettings } from '../../platform/id-card-settings'
import { GENERIC_LOCAL_SERVICE_MAPPING } from '../../platform/local-service-id-card-reader'

type ReaderFormValues = { kind: IdCardReaderKind; address?: string; mapping?: IdCardFieldMapping }

const MAPPING_LABELS: Record<keyof IdCardFieldMapping, string> = {
  name: '姓名',
  sex: '性别',
  nation: '民族',
  birthDate: '出生日期',
  address: '住址',
  idNumber: '公民身份号码',
  issuedBy: '签发机关',
  validFrom: '有效期起',
  validTo: '有效期止',
}

/**
 * 身份证阅读器: which reader this machine uses for 读取身份证. The desktop's SDK only in the desktop
 * app; a vendor's local service takes its read address and the JSON field names of its answer.
 */
export function IdCardReaderCard() {
  const { platform } = useStation()
  const { message } = App.useApp()
  const [form] = Form.useForm<ReaderFormValues>()
  const [initial] = useState<ReaderFormValues>(() => {
    const saved = loadIdCardSettings(window.localStorage, platform)
    return saved.kind === 'localService' ? saved : { kind: saved.kind, address: 'http://127.0.0.1:1919/readcard', mapping: GENERIC_LOCAL_SERVICE_MAPPING }
  })
  const kind = Form.useWatch('kind', form) ?? initial.kind
  const kinds = (Object.keys(ID_CARD_READER_KIND_LABELS) as IdCardReaderKind[]).filter((candidate) => candidate !== 'desktopSdk' || platform.kind === 'desktop')

  function save(values: ReaderFormValues) {
    const parsed = idCardReaderSettingsSchema.safeParse(values.kind === 'localService' ? values : { kind: values.kind })
    if (!parsed.success) {
      // Paths come from the settings schema, whose fields are this form's field names.
      form.setFields(parsed.error.issues.map((issue) => ({ name: issue.path, errors: [issue.message] })) as Parameters<typeof form.setFields>[0])
      return
    }
    saveIdCardSettings(window.localStorage, parsed.data)
    void message.success(`身份证阅读器已设为“${ID_CARD_READER_KIND_LABELS[parsed.data.kind]}”`)
  }

  return (
    <Card title="身份证阅读器">
      <Form<ReaderFormValues> form={form} name="idCardReader" layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item label="阅读器" name="kind">
          <Select options={kinds.map((value) => ({ value, label: ID_CARD_READER_KIND_LABELS[value] }))} />
        </Form.Item>
        {kind === 'localService' ? (
          <>
            <Form.Item label="读卡服务地址" name="address" extra="厂家本地服务须允许本页面所在地址跨域访问（CORS），详见说明文档">
              <Input placeholder="http://127.0.0.1:1919/readcard" />
            </Form.Item>
            <Typography.Paragraph type="secondary">应答中各项的字段名（嵌套字段用“.”分隔，如 data.name）：</Typography.Paragraph>
            <Row gutter={12}>
              {(Object.keys(MAPPING_LABELS) as (keyof IdCardFieldMapping)[]).map((field) => (
                <Col key={field} xs={12} md={8}>
                  <Form.Item label={MAPPING_LABELS[field]} name={['mapping', field]}>
                    <Input aria-label={`${MAPPING_LABELS[field]}的字段名`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </>
        ) : null}
        <Button type="primary" htmlType="submit">
          保存阅读器设置
        </Button>
      </Form>
    </Card>
  )
}
