import { Alert, Col, Form, Input, InputNumber, Row, Select, Typography, type FormRule } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import type { ServiceItem } from '../../../shared/catalog'
import { chinaDate } from '../../../shared/working-days'
import { useStation } from '../../context/station-context'
import { MaterialAttachments } from '../attachments/material-attachments'
import type { IntakeAttachments } from '../attachments/use-intake-attachments'
import { loadCalendar } from '../../db/load-calendar'
import { materialSummary } from '../catalog/catalog-labels'
import { deferredDueDateHelp, deferredDueDateLimit, deferredDueDateRefusal, type DeferredDueDateLimit } from './deferred-due-date'
import { requiredRule } from './intake-form-rules'
import type { IntakeFormValues } from '../../db/intake-draft-record'
import {
  checklistMaterials,
  MATERIAL_STATUS_PLACEHOLDER,
  MAX_PROVIDED_COUNT,
  materialStatusOptions,
  MIN_PROVIDED_COUNT,
  providedCountRefusal,
  providedFormOptions,
} from './material-rules'

/**
 * 材料清单: one status per material of the chosen item, each unchosen until the clerk sets it
 * (下一步 refuses while one is); for 已收取 the form (原件/复印件/电子件)
 * and 份数, for 容缺后补 a due date within the promised limit; and each material's attachments.
 */
export function MaterialChecklist({ item, attachments }: { item: ServiceItem; attachments?: IntakeAttachments }) {
  const { db } = useStation()
  const form = Form.useFormInstance<IntakeFormValues>()
  const materials = Form.useWatch('materials', form)
  const checklist = checklistMaterials(item, Form.useWatch('serviceMode', form))
  const calendar = useLiveQuery(async () => loadCalendar(db), [db])
  // Until the calendar is read the limit is unknown; submitIntake checks it again in any case.
  const dueLimit = calendar === undefined ? undefined : deferredDueDateLimit(item, chinaDate(new Date()), calendar)

  if (checklist.length === 0) {
    return <Typography.Paragraph type="secondary">该事项无需提交申请材料。</Typography.Paragraph>
  }
  return (
    <>
      {attachments?.restoreError ? <Alert type="warning" showIcon role="alert" title={attachments.restoreError} style={{ marginBottom: 16 }} /> : null}
      {checklist.map((material) => {
        const status = materials?.[material.id]?.status
        return (
          <Row key={material.id} gutter={16} data-material-id={material.id} data-material-necessity={material.necessity}>
            <Col xs={24} md={12}>
              <Form.Item
                label={material.name}
                name={['materials', material.id, 'status']}
                extra={materialSummary(material)}
                rules={[requiredRule(`请填写“${material.name}”的收取情况`)]}
              >
                <Select options={materialStatusOptions(material)} placeholder={MATERIAL_STATUS_PLACEHOLDER} />
              </Form.Item>
            </Col>
            {status === 'provided' ? (
              <>
                <Col xs={12} md={6}>
                  <Form.Item
                    label="材料形式"
                    name={['materials', material.id, 'form']}
                    rules={[{ required: true, message: `请选择“${material.name}”的材料形式` }]}
                  >
                    <Select options={providedFormOptions} aria-label={`“${material.name}”的材料形式`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item label="份数" name={['materials', material.id, 'count']} rules={[countRule(material.name)]}>
                    <InputNumber
                      min={MIN_PROVIDED_COUNT}
                      max={MAX_PROVIDED_COUNT}
                      precision={0}
                      aria-label={`“${material.name}”的份数`}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              </>
            ) : null}
            {status === 'deferred' ? (
              <Col xs={24} md={12}>
                <Form.Item
                  label="补交期限"
                  name={['materials', material.id, 'dueDate']}
                  rules={[requiredRule(`容缺后补的“${material.name}”须填写补交期限`), dueDateRule(material.name, dueLimit)]}
                  extra={dueLimit ? deferredDueDateHelp(dueLimit) : '申请人须在此日期前补交，不得晚于承诺办结时限'}
                >
                  <Input type="date" aria-label={`“${material.name}”的补交期限`} />
                </Form.Item>
              </Col>
            ) : null}
            {attachments ? (
              <Col xs={24}>
                <MaterialAttachments materialId={material.id} materialName={material.name} control={attachments} />
              </Col>
            ) : null}
          </Row>
        )
      })}
    </>
  )
}

/** The same refusal submitIntake gives, shown on the field before the clerk submits. */
function dueDateRule(materialName: string, limit: DeferredDueDateLimit | undefined): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (limit === undefined || typeof value !== 'string' || value === '') return
      const refusal = deferredDueDateRefusal(materialName, value, limit)
      if (refusal !== null) throw new Error(refusal)
    },
  }
}

function countRule(materialName: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const refusal = providedCountRefusal(materialName, value)
      if (refusal !== null) throw new Error(refusal)
    },
  }
}
