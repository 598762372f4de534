import { SyncOutlined } from '@ant-design/icons'
import { Badge, Button, Flex, Typography } from 'antd'
import { formatDateTime } from '../lib/format-time'
import type { SyncEngine } from '../sync/sync-engine'
import { clockWarning } from '../sync/sync-log'
import { FileUploadStatus } from './file-upload-status'
import { useSyncStatus } from './use-sync-status'

/** Always visible: can we reach the county, when we last synced, how much is unsent, files waiting, the clock. */
export function SyncStatusBar({ engine, onOpenLog }: { engine: SyncEngine; onOpenLog?: () => void }) {
  const status = useSyncStatus(engine)
  const reachability = status.reachable === null ? '县级服务器：检查中' : status.reachable ? '县级服务器：可连接' : '县级服务器：无法连接'
  const badge = status.reachable === null ? 'processing' : status.reachable ? 'success' : 'error'
  const lastSync = status.lastSuccessAt ? formatDateTime(status.lastSuccessAt, true) : '尚未同步'
  const clock = clockWarning(status.clockOffsetMs)

  return (
    <Flex
      role="status"
      aria-label="同步状态"
      align="center"
      gap="middle"
      wrap
      style={{ padding: '8px 24px', background: '#fafafa', borderBottom: '1px solid #f0f0f0' }}
    >
      <Badge status={badge} text={<span data-testid="county-reachability">{reachability}</span>} />
      <Typography.Text data-testid="last-sync">{`上次同步：${lastSync}`}</Typography.Text>
      <Typography.Text data-testid="pending-count" type={status.pendingCount > 0 ? 'warning' : undefined}>
        {`未发送：${status.pendingCount}`}
      </Typography.Text>
      <FileUploadStatus files={status.files} />
      <Button size="small" icon={<SyncOutlined spin={status.running} aria-hidden />} onClick={() => void engine.syncNow()}>
        立即同步
      </Button>
      {onOpenLog ? (
        <Button size="small" type="link" onClick={onOpenLog}>
          同步日志
        </Button>
      ) : null}
      {clock ? (
        <Typography.Text type="danger" strong data-testid="clock-warning">
          {clock}
        </Typography.Text>
      ) : null}
      {status.paused ? (
        <Typography.Text type="warning" data-testid="sync-paused">
          {status.paused}
        </Typography.Text>
      ) : null}
      {/* Unreachability is already said above; show only other failures (rejected token, version…). */}
      {status.lastError && status.reachable !== false && !status.running ? (
        <Typography.Text type="danger" data-testid="sync-error">
          {status.lastError}
        </Typography.Text>
      ) : null}
    </Flex>
  )
}
