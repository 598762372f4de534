import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Descriptions, Drawer, Table, Tag } from 'antd'
import { useCallback } from 'react'
import { SYNC_LOG_KIND_LABELS, type AdminDevice, type DeviceSyncLogResponse, type SyncLogEntry } from '../../shared/admin'
import { getDeviceSyncLog } from './api'
import { formatDateTime } from './intake-view'
import { describeSyncSummary } from './sync-log-view'
import { useRemote } from './use-remote'

/** 同步记录 of one device: its last sync, then each logged request, newest first. */
export function DeviceSyncLogDrawer({ device, onClose }: { device: AdminDevice | undefined; onClose: () => void }) {
  return (
    <Drawer open={device !== undefined} onClose={onClose} size={720} title={device ? `同步记录：${device.name}` : '同步记录'} destroyOnHidden>
      {device && <SyncLog deviceId={device.id} />}
    </Drawer>
  )
}

function SyncLog({ deviceId }: { deviceId: string }) {
  const load = useCallback(() => getDeviceSyncLog(deviceId), [deviceId])
  const { data, error, loading, reload } = useRemote<DeviceSyncLogResponse>(load, '读取同步记录失败，请稍后重试')
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'lastSync', label: '最近同步', children: formatDateTime(data?.lastSyncAt) },
          { key: 'lastSeen', label: '最近连接', children: formatDateTime(data?.lastSeenAt) },
        ]}
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        }
      />
      <Table<SyncLogEntry>
        rowKey={(entry) => `${entry.at}-${entry.kind}`}
        size="small"
        loading={loading}
        dataSource={data?.entries}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: '暂无同步记录' }}
        columns={[
          { title: '时间', key: 'at', render: (_, entry) => formatDateTime(entry.at) },
          { title: '类型', key: 'kind', render: (_, entry) => SYNC_LOG_KIND_LABELS[entry.kind] },
          {
            title: '状态',
            key: 'statusCode',
            render: (_, entry) => <Tag color={entry.statusCode < 300 ? 'green' : 'red'}>{entry.statusCode}</Tag>,
          },
          { title: '摘要', key: 'summary', render: (_, entry) => describeSyncSummary(entry.kind, entry.summary) },
        ]}
      />
    </>
  )
}
