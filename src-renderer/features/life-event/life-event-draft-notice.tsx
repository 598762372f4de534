import { Alert, Button, Flex, Popconfirm } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useStation } from '../../context/station-context'
import { formatDateTime } from '../../lib/format-time'
import { discardLifeEventDraft, lifeEventDraftNotice, loadLifeEventDraft } from './life-event-draft'

/**
 * 事项目录 (where the app opens after a reload) says when a 一件事一次办 sitting was left
 * unfinished on this device, and leads back to it: otherwise the draft would wait unseen
 * until the clerk happened to pick the same 一件事 again.
 */
export function LifeEventDraftNotice({ onContinue }: { onContinue: (lifeEventId: string) => void }) {
  const { db } = useStation()
  const waiting = useLiveQuery(async () => {
    const draft = await loadLifeEventDraft(db)
    if (draft === null) return null
    return { draft, ...lifeEventDraftNotice(draft, await db.lifeEvents.toArray()) }
  }, [db])
  if (!waiting) return null
  const { draft, name, available } = waiting
  return (
    <Alert
      type={available ? 'info' : 'warning'}
      showIcon
      role="status"
      data-testid="life-event-draft-notice"
      style={{ marginBottom: 16 }}
      title={`有未完成的一件事一次办草稿：${name}`}
      description={
        available
          ? `草稿保存于 ${formatDateTime(draft.savedAt, true)}。`
          : `草稿保存于 ${formatDateTime(draft.savedAt, true)}；该“一件事”已不在本机事项目录中，无法继续办理。`
      }
      action={
        <Flex gap={8}>
          {available ? (
            <Button size="small" type="primary" onClick={() => onContinue(draft.lifeEventId)}>
              继续填写
            </Button>
          ) : null}
          <Popconfirm title="放弃后草稿内容不能恢复，确定放弃？" okText="放弃草稿" cancelText="保留" onConfirm={() => discardLifeEventDraft(db)}>
            <Button size="small" danger>
              放弃草稿
            </Button>
          </Popconfirm>
        </Flex>
      }
    />
  )
}
