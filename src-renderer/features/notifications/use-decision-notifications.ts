import { App } from 'antd'
import { useEffect } from 'react'
import type { SyncEngine } from '../../sync/sync-engine'
import { decisionNotices } from './decision-notices'

/** Shows the county's new decisions that need the clerk as notifications, after each pull that brings them. */
export function useDecisionNotifications(engine: SyncEngine): void {
  const { notification } = App.useApp()
  useEffect(
    () =>
      engine.onStatusChanges((changes) => {
        for (const notice of decisionNotices(changes)) {
          notification[notice.kind]({ key: notice.key, message: notice.title, description: notice.description, duration: 0, placement: 'topRight' })
        }
      }),
    [engine, notification],
  )
}
