import { Alert, Table, Tag, Typography } from 'antd'
import type { AdminBundleIntake, AdminIntakeBundle } from '../../shared/admin'
import { INTAKE_STATUS_LABELS } from '../../shared/intake-status'
import { STATUS_COLORS } from './intake-view'

type Props = { bundle: AdminIntakeBundle; currentId: string; onOpen(id: string): void }

/** 一件事一次办: the sitting this intake was taken in, and its other intakes (each department decides its own). */
export function IntakeBundlePanel({ bundle, currentId, onOpen }: Props) {
  const arrived = bundle.intakes.length
  return (
    <div data-testid="intake-bundle">
      <Typography.Title level={5}>
        一件事一次办：{bundle.name}（同批 {bundle.itemCount} 件）
      </Typography.Title>
      {arrived < bundle.itemCount && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`同批办件已收到 ${arrived} 件，其余的在站点下次同步后显示`} />
      )}
      <Table<AdminBundleIntake>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={bundle.intakes}
        columns={[
          {
            title: '办件编号',
            key: 'intakeNo',
            render: (_, sibling) =>
              sibling.id === currentId ? (
                <span>
                  {sibling.intakeNo} <Tag>本件</Tag>
                </span>
              ) : sibling.accessible ? (
                <Typography.Link onClick={() => onOpen(sibling.id)} data-bundle-intake-no={sibling.intakeNo}>
                  {sibling.intakeNo}
                </Typography.Link>
              ) : (
                <Typography.Text title="其他部门的办件，无权查看" data-bundle-intake-no={sibling.intakeNo}>
                  {sibling.intakeNo}
                </Typography.Text>
              ),
          },
          { title: '事项', dataIndex: 'itemName' },
          { title: '状态', key: 'status', render: (_, sibling) => <Tag color={STATUS_COLORS[sibling.status]}>{INTAKE_STATUS_LABELS[sibling.status]}</Tag> },
        ]}
      />
    </div>
  )
}
