import { Col, Form, Input, Radio, Row, Select } from 'antd'
import { ASSIST_REASON_LABELS, SERVICE_MODE_LABELS, type AssistReason, type ServiceMode } from '../../../shared/intake'
import { agentRules, organisationRules, personRules, requiredRule } from './intake-form-rules'
import type { ApplicantKind } from '../../db/intake-draft-record'
import { ReadIdCardButton } from './read-id-card-button'
import { ReturningResidentHint } from './returning-resident-hint'

const serviceModeOptions = (Object.keys(SERVICE_MODE_LABELS) as ServiceMode[]).map((mode) => ({ value: mode, label: SERVICE_MODE_LABELS[mode] }))
const assistReasonOptions = (Object.keys(ASSIST_REASON_LABELS) as AssistReason[]).map((reason) => ({ value: reason, label: ASSIST_REASON_LABELS[reason] }))
const applicantKindOptions = [
  { value: 'person', label: '个人' },
  { value: 'organisation', label: '单位' },
]

/**
 * 申请人与办理方式: step 2 of the 新建办件 wizard, and typed once for a whole 一件事一次办.
 * One component for both, so the clerk meets one form and the shared rules give the same messages.
 */
export function ApplicantFields() {
  const form = Form.useFormInstance()
  const applicantKind = (Form.useWatch('applicantKind', form) as ApplicantKind | undefined) ?? 'person'
  const serviceMode = (Form.useWatch('serviceMode', form) as ServiceMode | undefined) ?? 'self'
  const field = (label: string, name: string[], rules: typeof personRules.name, input: { md?: number; maxLength?: number; tel?: boolean } = {}) => (
    <Col xs={24} md={input.md ?? 12}>
      <Form.Item label={label} name={name} rules={rules} required>
        <Input autoComplete="off" maxLength={input.maxLength} inputMode={input.tel ? 'tel' : undefined} />
      </Form.Item>
    </Col>
  )
  return (
    <>
      <Form.Item label="申请人类型" name="applicantKind">
        <Radio.Group options={applicantKindOptions} />
      </Form.Item>
      {applicantKind === 'person' ? <ReadIdCardButton /> : null}
      {applicantKind === 'person' ? (
        <Row gutter={16}>
          {field('申请人姓名', ['person', 'name'], personRules.name)}
          {field('公民身份号码', ['person', 'idNumber'], personRules.idNumber, { maxLength: 18 })}
          {field('联系电话', ['person', 'phone'], personRules.phone, { tel: true })}
          {field('住址', ['person', 'address'], personRules.address)}
          <Col xs={24}>
            <ReturningResidentHint />
          </Col>
        </Row>
      ) : (
        <Row gutter={16}>
          {field('单位名称', ['organisation', 'name'], organisationRules.name)}
          {field('统一社会信用代码', ['organisation', 'creditCode'], organisationRules.creditCode, { maxLength: 18 })}
          {field('法定代表人', ['organisation', 'legalRepresentative'], organisationRules.legalRepresentative)}
          {field('联系电话', ['organisation', 'phone'], organisationRules.phone, { tel: true })}
          {field('单位地址', ['organisation', 'address'], organisationRules.address, { md: 24 })}
        </Row>
      )}
      <Form.Item label="办理方式" name="serviceMode">
        <Radio.Group options={serviceModeOptions} />
      </Form.Item>
      {serviceMode !== 'self' ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="帮办代办原因" name="assistReason" rules={[requiredRule('帮办或代办须选择原因（年老、残疾、患病、居住偏远或其他）')]}>
              <Select options={assistReasonOptions} placeholder="请选择原因" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="原因补充说明" name="assistNote">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      {serviceMode === 'proxy' ? (
        <Form.Item label="授权说明" name="proxyAuthorization" rules={[requiredRule('代办须记录申请人的授权（如授权委托书）')]}>
          <Input.TextArea rows={2} maxLength={200} placeholder="如：申请人签署的授权委托书，委托日期及事项" />
        </Form.Item>
      ) : null}
      {serviceMode === 'proxy' ? (
        // 代办人: recorded in fields; the agent's ID card then joins the material checklist (material-rules.ts).
        <Row gutter={16} data-testid="agent-fields">
          {field('代办人姓名', ['agent', 'name'], agentRules.name)}
          {field('代办人身份证号', ['agent', 'idNumber'], agentRules.idNumber, { maxLength: 18 })}
          {field('代办人电话', ['agent', 'phone'], agentRules.phone, { tel: true })}
          {field('与申请人关系', ['agent', 'relationship'], agentRules.relationship)}
        </Row>
      ) : null}
    </>
  )
}
