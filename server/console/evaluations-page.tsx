import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useCallback, useState } from 'react'
import {
  BAD_RATING_REASON_LABELS,
  EVALUATION_FOLLOW_UP_LABELS,
  EVALUATION_RATING_LABELS,
  evaluationFollowUpStatusSchema,
  type EvaluationFollowUpStatus,
  type EvaluationRating,
} from '../../shared/evaluation'
import type { AdminEvaluation } from '../../shared/follow-up-admin'
import { EvaluationFollowUpDrawer } from './evaluation-follow-up-drawer'
import { listEvaluations } from './follow-up-api'
import { FOLLOW_UP_COLORS, RATING_COLORS } from './follow-up-view'
import { formatDateTime } from './intake-view'
import { StationFilterSelect, useStationDirectory } from './station-filter'
import { useRemote } from './use-remote'

const NO_EVALUATIONS: AdminEvaluation[] = []

/** 好差评: every rating the stations sent up, newest first; a 差评 opens its 整改 follow-up. */
export function EvaluationsPage() {
  const { stations, names: stationNames, nameOf: stationName } = useStationDirectory()
  const [stationCode, setStationCode] = useState<string>()
  const [rating, setRating] = useState<number>()
  const [followUpStatus, setFollowUpStatus] = useState<EvaluationFollowUpStatus>()
  const [overdue, setOverdue] = useState<boolean>()
  const [openId, setOpenId] = useState<string>()

  const load = useCallback(() => listEvaluations({ stationCode, rating, followUpStatus, overdue }), [stationCode, rating, followUpStatus, overdue])
  const { data: evaluations = NO_EVALUATIONS, error, loading, reload } = useRemote(load, '读取评价失败，请稍后重试')

  const open = evaluations.find((evaluation) => evaluation.id === openId)

  const columns: ColumnsType<AdminEvaluation> = [
    { title: '办件编号', dataIndex: 'intakeNo' },
    { title: '站点', key: 'station', render: (_, row) => stationName(row.stationCode) },
    {
      title: '评价',
      key: 'rating',
      render: (_, row) => <Tag color={RATING_COLORS[row.rating]}>{EVALUATION_RATING_LABELS[row.rating as EvaluationRating]}</Tag>,
    },
    {
      title: '评价意见',
      key: 'comment',
      render: (_, row) => [row.badReason ? BAD_RATING_REASON_LABELS[row.badReason] : undefined, row.comment].filter(Boolean).join('：') || '—',
    },
    { title: '收到时间', key: 'receivedAt', render: (_, row) => formatDateTime(row.receivedAt) },
    {
      title: '整改',
      key: 'followUp',
      render: (_, row) =>
        row.followUpStatus ? (
          <Space size={4} wrap>
            <Tag color={FOLLOW_UP_COLORS[row.followUpStatus]}>{EVALUATION_FOLLOW_UP_LABELS[row.followUpStatus]}</Tag>
            {row.followUpOverdue && <Tag color="red">已逾期</Tag>}
            <Typography.Text type="secondary">期限 {row.followUpDue ?? '—'}</Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'open',
      render: (_, row) =>
        row.followUpStatus ? (
          <Typography.Link onClick={() => setOpenId(row.id)} data-evaluation-intake-no={row.intakeNo}>
            整改跟踪
          </Typography.Link>
        ) : null,
    },
  ]

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <StationFilterSelect stations={stations} value={stationCode} onChange={setStationCode} />
        <Select
          aria-label="评价等级"
          placeholder="全部评价"
          allowClear
          style={{ width: 140 }}
          value={rating}
          onChange={setRating}
          options={([1, 2, 3, 4, 5] as const).map((value) => ({ value, label: EVALUATION_RATING_LABELS[value] }))}
        />
        <Select
          aria-label="整改状态"
          placeholder="整改状态不限"
          allowClear
          style={{ width: 160 }}
          value={followUpStatus}
          onChange={setFollowUpStatus}
          options={evaluationFollowUpStatusSchema.options.map((value) => ({ value, label: EVALUATION_FOLLOW_UP_LABELS[value] }))}
        />
        <Select
          aria-label="是否逾期"
          placeholder="逾期不限"
          allowClear
          style={{ width: 140 }}
          value={overdue === undefined ? undefined : overdue ? 'overdue' : 'onTime'}
          onChange={(value?: 'overdue' | 'onTime') => setOverdue(value === undefined ? undefined : value === 'overdue')}
          options={[
            { value: 'overdue', label: '整改已逾期' },
            { value: 'onTime', label: '未逾期' },
          ]}
        />
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<AdminEvaluation>
        rowKey="id"
        columns={columns}
        dataSource={evaluations}
        loading={loading}
        size="middle"
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => `共 ${total} 条` }}
        locale={{ emptyText: '暂无评价' }}
      />
      <EvaluationFollowUpDrawer
        evaluation={open}
        stationName={open ? stationNames.get(open.stationCode) : undefined}
        onClose={() => setOpenId(undefined)}
        onChanged={reload}
      />
    </>
  )
}
