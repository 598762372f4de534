import { Alert, Button, Typography } from 'antd'
import { formatDateTime } from '../../lib/format-time'
import { draftStatusText, type DraftStatus } from './draft-status'

/** Where the draft stands, read out politely as it changes. */
export function DraftStatusLine({ status }: { status: DraftStatus }) {
  return (
    <Typography.Text type={status.kind === 'failed' ? 'danger' : 'secondary'} role="status" aria-live="polite">
      {draftStatusText(status, (iso) => formatDateTime(iso, true))}
    </Typography.Text>
  )
}

/** The form opened with a draft: what was restored, and 放弃草稿 to start over. */
export function RestoredDraftAlert({ description, onDiscard }: { description: string; onDiscard: () => void }) {
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      title="已恢复未完成的办件草稿"
      description={description}
      action={
        <Button size="small" danger onClick={onDiscard}>
          放弃草稿
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  )
}
