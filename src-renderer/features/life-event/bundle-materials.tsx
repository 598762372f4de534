import { Card, Col, Form, Input, Row, Select, Typography } from 'antd'
import type { ServiceMaterial } from '../../../shared/catalog'
import { materialSummary } from '../catalog/catalog-labels'
import { MATERIAL_STATUS_PLACEHOLDER, materialStatusOptions, type MaterialStatusOption } from '../intake/material-rules'
import type { BundleChecklist } from './bundle-checklist'
import { sharedStatusOptions } from './bundle-checklist'
import type { LifeEventFormValues } from './life-event-form'

/**
 * 材料清单 of a 一件事: the shared materials once (each says which items it serves), then,
 * per chosen item, only what that item still needs.
 */
export function BundleMaterials({ checklist }: { checklist: BundleChecklist }) {
  const form = Form.useFormInstance<LifeEventFormValues>()
  const shared = Form.useWatch('shared', form)
  const own = Form.useWatch('own', form)
  const chosen = checklist.items.filter((entry) => entry.included)
  return (
    <>
      <Card size="small" title="共用材料（只收一次）" data-testid="bundle-shared-materials" style={{ marginBottom: 16 }}>
        {checklist.shared.length === 0 ? <Typography.Text type="secondary">所选事项没有共用材料。</Typography.Text> : null}
        {checklist.shared.map((entry) => (
          <StatusRow
            key={entry.key}
            name={['shared', entry.key]}
            label={entry.name}
            extra={`用于：${entry.covers.map((covered) => covered.itemName).join('、')}${entry.description ? `。${entry.description}` : ''}`}
            options={sharedStatusOptions(entry)}
            deferred={shared?.[entry.key]?.status === 'deferred'}
            testId={`shared-${entry.name}`}
            optional={entry.covers.every(({ material }) => material.necessity === 'optional')}
          />
        ))}
      </Card>
      {chosen.map((entry) => (
        <Card key={entry.item.id} size="small" title={`${entry.item.name}：本事项另需的材料`} data-bundle-item={entry.item.name} style={{ marginBottom: 16 }}>
          {entry.own.length === 0 ? <Typography.Text type="secondary">无，所需材料均已在共用材料中收取。</Typography.Text> : null}
          {entry.own.map((material: ServiceMaterial) => (
            <StatusRow
              key={material.id}
              name={['own', entry.item.id, material.id]}
              label={material.name}
              extra={materialSummary(material)}
              options={materialStatusOptions(material)}
              deferred={own?.[entry.item.id]?.[material.id]?.status === 'deferred'}
              testId={`own-${entry.item.name}-${material.name}`}
              optional={material.necessity === 'optional'}
            />
          ))}
        </Card>
      ))}
    </>
  )
}

type StatusRowProps = { name: string[]; label: string; extra: string; options: MaterialStatusOption[]; deferred: boolean; testId: string; optional: boolean }

/** `data-bundle-material` marks a status row; `data-material-optional` says no covered item requires the material. */
function StatusRow({ name, label, extra, options, deferred, testId, optional }: StatusRowProps) {
  return (
    <Row gutter={16} data-testid={testId} data-bundle-material={label} data-material-optional={optional}>
      <Col xs={24} md={14}>
        <Form.Item label={label} name={[...name, 'status']} extra={extra} rules={[{ required: true, message: `请填写“${label}”的收取情况` }]}>
          <Select options={options} placeholder={MATERIAL_STATUS_PLACEHOLDER} aria-label={`“${label}”的收取情况`} />
        </Form.Item>
      </Col>
      {deferred ? (
        <Col xs={24} md={10}>
          <Form.Item
            label="补交期限"
            name={[...name, 'dueDate']}
            rules={[{ required: true, message: `容缺后补的“${label}”须填写补交期限` }]}
            extra="不得晚于各事项的承诺办结时限"
          >
            <Input type="date" aria-label={`“${label}”的补交期限`} />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  )
}
