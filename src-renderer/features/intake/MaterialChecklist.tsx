import { Col, Form, Input, Row, Select, Typography } from 'antd'
import type { ServiceItem } from '../../../shared/catalog'
import { MaterialAttachments } from '../attachments/MaterialAttachments'
import type { IntakeAttachments } from '../attachments/use-intake-attachments'
import { materialSummary } from '../catalog/catalog-labels'
import { requiredRule } from './intake-form-rules'
import type { IntakeFormValues } from './intake-form'
import { materialStatusOptions } from './material-rules'

/** 材料清单: one status per material of the chosen item, with a due date for 容缺后补 and its attachments. */
export function MaterialChecklist({ item, attachments }: { item: ServiceItem; attachments?: IntakeAttachments }) {
  const form = Form.useFormInstance<IntakeFormValues>()
  const materials = Form.useWatch('materials', form)

  if (item.materials.length === 0) {
    return <Typography.Paragraph type="secondary">该事项无需提交申请材料。</Typography.Paragraph>
  }
  return (
    <>
      {item.materials.map((material) => (
        <Row key={material.id} gutter={16} data-material-id={material.id}>
          <Col xs={24} md={14}>
            <Form.Item
              label={material.name}
              name={['materials', material.id, 'status']}
              extra={materialSummary(material)}
              rules={[requiredRule(`请填写“${material.name}”的收取情况`)]}
            >
              <Select options={materialStatusOptions(material)} />
            </Form.Item>
          </Col>
          {materials?.[material.id]?.status === 'deferred' ? (
            <Col xs={24} md={10}>
              <Form.Item
                label="补交期限"
                name={['materials', material.id, 'dueDate']}
                rules={[requiredRule(`容缺后补的“${material.name}”须填写补交期限`)]}
                extra="申请人须在此日期前补交，不得晚于承诺办结时限"
              >
                <Input type="date" />
              </Form.Item>
            </Col>
          ) : null}
          {attachments ? (
            <Col xs={24}>
              <MaterialAttachments materialId={material.id} materialName={material.name} control={attachments} />
            </Col>
          ) : null}
        </Row>
      ))}
    </>
  )
}
