import { Empty, Table, Tag, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import type { HTMLAttributes } from 'react'
import { useStation } from '../../app/station-context'
import { toIntakeRow, type IntakeRow } from './intake-labels'
import { listIntakes } from './intake-queries'

const SYNC_COLORS = { pending: 'gold', synced: 'green' } as const

/** 办件列表: live from the database, so decisions the sync engine applies show up without a click. */
export function IntakeListPage() {
  const { db } = useStation()
  const rows = useLiveQuery(async () => (await listIntakes(db)).map(toIntakeRow), [db])

  return (
    <Table<IntakeRow>
      rowKey="id"
      size="middle"
      loading={rows === undefined}
      dataSource={rows ?? []}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description="还没有办件" /> }}
      onRow={(row) => ({ 'data-intake-no': row.intakeNo }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '办件编号', dataIndex: 'intakeNo', width: 220 },
        { title: '申请人', dataIndex: 'applicantName' },
        { title: '事项', dataIndex: 'itemName' },
        { title: '办理状态', dataIndex: 'statusLabel', width: 110 },
        {
          title: '同步状态',
          dataIndex: 'syncLabel',
          render: (_, row) =>
            row.syncState === 'rejected' ? (
              <Typography.Text type="danger">{row.syncLabel}</Typography.Text>
            ) : (
              <Tag color={SYNC_COLORS[row.syncState]}>{row.syncLabel}</Tag>
            ),
        },
        { title: '创建时间', dataIndex: 'createdAtLabel', width: 160 },
      ]}
    />
  )
}
