import { Table, Tag, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useStation } from '../../context/station-context'
import { formatDateTime } from '../../lib/format-time'
import { readSyncLog } from '../../sync/sync-log'
import { syncLogRows } from './sync-log-rows'

const OUTCOME_COLORS = { ok: 'green', unreachable: 'gold', failed: 'red' } as const

/** 同步日志: the latest sync rounds of this device, newest first. */
export function SyncLogPage() {
  const { db } = useStation()
  const rows = useLiveQuery(async () => syncLogRows(await readSyncLog(db, 500), (iso) => formatDateTime(iso, true)), [db])
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 1200 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        同步日志
      </Typography.Title>
      <Table
        data-testid="sync-log"
        size="small"
        loading={rows === undefined}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: '开始', dataIndex: 'startedAt', key: 'startedAt' },
          { title: '结束', dataIndex: 'endedAt', key: 'endedAt' },
          {
            title: '结果',
            dataIndex: 'outcomeLabel',
            key: 'outcome',
            render: (label: string, row) => <Tag color={OUTCOME_COLORS[row.outcome]}>{label}</Tag>,
          },
          { title: '县级确认', dataIndex: 'confirmed', key: 'confirmed' },
          { title: '被退回', dataIndex: 'rejected', key: 'rejected' },
          { title: '接收', dataIndex: 'pulled', key: 'pulled' },
          { title: '时钟偏差', dataIndex: 'clockOffset', key: 'clockOffset' },
          { title: '错误', dataIndex: 'error', key: 'error' },
        ]}
      />
    </div>
  )
}
