import { Card, List, Tag, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import type { IntakeRecord } from '../../../shared/station-records'
import { useStation } from '../../context/station-context'
import { intakeStatusLabel } from '../intake/intake-labels'
import { loadBundleIntakes } from './bundle-siblings'

/** On an intake's detail page: the 一件事一次办 it was taken in, with links to the sitting's other intakes. */
export function LifeEventBundleCard({ intake, onOpen }: { intake: IntakeRecord; onOpen?: (intakeId: string) => void }) {
  const { db } = useStation()
  const siblings = useLiveQuery(async () => loadBundleIntakes(db, intake), [db, intake.id, intake.createdAt])
  const lifeEvent = intake.lifeEvent
  if (lifeEvent === undefined) return null
  return (
    <Card size="small" title={`一件事一次办：${lifeEvent.name}（同批 ${lifeEvent.itemCount} 件）`} data-testid="intake-bundle">
      <List
        size="small"
        loading={siblings === undefined}
        dataSource={siblings ?? []}
        renderItem={(sibling) => (
          <List.Item>
            {sibling.id === intake.id ? (
              <Typography.Text>
                {sibling.intakeNo} <Tag>本件</Tag>
              </Typography.Text>
            ) : onOpen ? (
              <Typography.Link onClick={() => onOpen(sibling.id)} data-bundle-intake-no={sibling.intakeNo}>
                {sibling.intakeNo}
              </Typography.Link>
            ) : (
              <Typography.Text>{sibling.intakeNo}</Typography.Text>
            )}
            <span>{sibling.item.name}</span>
            <Tag color="blue">{intakeStatusLabel(sibling)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  )
}
