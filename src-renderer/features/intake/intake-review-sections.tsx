import { Button, Card, Descriptions, Flex, List, Tag, Typography } from 'antd'
import type { ReviewSection } from './intake-review'

/** 核对并提交: the read-only summary (built by buildIntakeReview), each section with 修改 back to its step. */
export function IntakeReview({ sections, onEdit }: { sections: readonly ReviewSection[]; onEdit: (step: number) => void }) {
  return (
    <Flex vertical gap={16} data-testid="intake-review">
      {sections.map((section) => (
        <Card
          key={section.key}
          size="small"
          title={<span id={`review-${section.key}`}>{section.title}</span>}
          data-review-section={section.key}
          extra={
            section.step === null ? null : (
              <Button size="small" onClick={() => onEdit(section.step!)} aria-label={`修改${section.title}`}>
                修改
              </Button>
            )
          }
        >
          {section.rows.length > 0 ? (
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={section.rows.map((row) => ({ key: row.label, label: row.label, children: row.value }))}
            />
          ) : null}
          {section.materials && section.materials.length > 0 ? (
            <List
              size="small"
              dataSource={section.materials}
              renderItem={(material) => (
                <List.Item key={material.materialId} data-review-material={material.materialId}>
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Flex gap="small" wrap align="center">
                      <Typography.Text strong>{material.name}</Typography.Text>
                      <Tag>{material.status}</Tag>
                      {material.details.map((detail) => (
                        <Typography.Text key={detail.label}>
                          {detail.label}：{detail.value}
                        </Typography.Text>
                      ))}
                    </Flex>
                    <Typography.Text type="secondary">
                      {material.attachments.length === 0
                        ? '无附件'
                        : `附件 ${material.attachments.length} 个：${material.attachments.map((file) => `${file.filename}（${file.sizeText}）`).join('、')}`}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          ) : null}
        </Card>
      ))}
    </Flex>
  )
}
