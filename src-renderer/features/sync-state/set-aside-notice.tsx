import { Alert, App, Button } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { useStation, useSyncEngine } from '../../context/station-context'
import { formatDateTime } from '../../lib/format-time'
import { useSignedInStaff } from '../staff/staff-context'
import { retrySetAside, setAsideEntriesOf } from './retry-set-aside'

/**
 * On a record's page: what of it the sync set aside after repeated county faults, in the
 * county's words, with 重新发送. Nothing when none of its entries is set aside.
 */
export function SetAsideNotice({ entityId }: { entityId: string }) {
  const { db } = useStation()
  const sync = useSyncEngine()
  const staff = useSignedInStaff()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const entries = useLiveQuery(async () => setAsideEntriesOf(db, entityId), [db, entityId])
  if (entries === undefined || entries.length === 0) return null
  const retry = async () => {
    setBusy(true)
    try {
      const count = await retrySetAside(db, entityId, { staff })
      message.success(`已重新排队 ${count} 条，正在发送`)
      void sync?.syncNow()
    } finally {
      setBusy(false)
    }
  }
  const latest = entries[entries.length - 1]!
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="set-aside"
      message={`暂缓发送（${formatDateTime(latest.at)}起）`}
      description={latest.reason.message}
      action={
        <Button size="small" loading={busy} onClick={() => void retry()}>
          重新发送
        </Button>
      }
    />
  )
}
