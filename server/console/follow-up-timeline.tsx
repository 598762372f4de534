import { Empty, Timeline, Typography } from 'antd'
import type { CallBack } from '../../shared/follow-up'
import { formatDateTime } from './intake-view'

export type TimelineStep = { at: string; by: string; title: string; note?: string; reply?: string; callBack?: CallBack }

/** Every step of a follow-up with who took it and when, oldest first. */
export function FollowUpTimeline({ steps }: { steps: TimelineStep[] }) {
  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无处理记录" />
  return (
    <Timeline
      items={steps.map((step, index) => ({
        key: index,
        content: (
          <div data-follow-up-step={index}>
            <Typography.Text strong>{step.title}</Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              {formatDateTime(step.at)} · {step.by}
            </Typography.Text>
            {step.note && <div>说明：{step.note}</div>}
            {step.callBack && (
              <div>
                回访：{formatDateTime(step.callBack.calledAt)}，{step.callBack.calledBy}；群众反馈：{step.callBack.residentResponse}（
                {step.callBack.satisfied ? '满意' : '不满意'}）
              </div>
            )}
            {step.reply && <div>答复群众：{step.reply}</div>}
          </div>
        ),
      }))}
    />
  )
}
