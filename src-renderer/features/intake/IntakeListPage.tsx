import { Button, Empty, Table, Tag, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState, type HTMLAttributes } from 'react'
import { useStation } from '../../app/station-context'
import { IntakeDetailPage } from './IntakeDetailPage'
import { IntakeFollowUpActions } from './IntakeFollowUpActions'
import { toIntakeRow, type IntakeRow } from './intake-labels'
import { listIntakes } from './intake-queries'

const SYNC_COLORS = { pending: 'gold', synced: 'green' } as const

/** 办件列表, and the 办件详情 of the row the clerk opens (a click on the row, or Enter on its number). */
export function IntakeListPage() {
  const [openId, setOpenId] = useState<string | null>(null)
  if (openId !== null) return <IntakeDetailPage intakeId={openId} onBack={() => setOpenId(null)} />
  return <IntakeTable onOpen={setOpenId} />
}

/** Live from the database, so decisions the sync engine applies show up without a click. */
function IntakeTable({ onOpen }: { onOpen: (intakeId: string) => void }) {
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
      onRow={(row) => ({ 'data-intake-no': row.intakeNo, onClick: () => onOpen(row.id), style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: '办件编号',
          dataIndex: 'intakeNo',
          width: 240,
          // A real button, so the keyboard reaches each record; the row's click does the same for the mouse.
          render: (intakeNo: string, row) => (
            <Button
              type="link"
              style={{ padding: 0 }}
              aria-label={`查看办件 ${intakeNo}`}
              onClick={(event) => {
                event.stopPropagation()
                onOpen(row.id)
              }}
            >
              {intakeNo}
            </Button>
          ),
        },
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
        { title: '操作', key: 'actions', render: (_, row) => <IntakeFollowUpActions intakeId={row.id} /> },
      ]}
    />
  )
}
