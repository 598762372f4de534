import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Empty, Flex, Spin, Table, Tag, Timeline, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useState, type ReactNode } from 'react'
import { useStation } from '../../context/station-context'
import { formatDateTime } from '../../lib/format-time'
import { IntakeAttachmentsCard } from '../attachments/intake-attachments-card'
import type { DocumentKind } from '../documents/document-model'
import { DocumentPreviewModal } from '../documents/document-preview-modal'
import { intakeDocuments } from '../documents/intake-documents'
import { LifeEventBundleCard } from '../life-event/life-event-bundle-card'
import { IntakeActions } from './intake-actions'
import { SetAsideNotice } from '../sync-state/set-aside-notice'
import { loadIntakeDetail, type IntakeDetail } from './intake-detail-query'
import { applicantIdText, itemText, materialRows, serviceModeText, type MaterialRow } from './intake-detail-view'
import { intakeDueDate } from '../../db/intake-due-date'
import { deliveryHint, intakeStatusLabel, syncStateLabel } from './intake-labels'
import { intakeTimeline, type TimelineTone } from './intake-timeline'

const TONE_COLORS: Record<TimelineTone, string> = { done: 'green', waiting: 'gray', attention: 'orange', error: 'red' }
const MATERIAL_COLORS: Partial<Record<MaterialRow['status'], string>> = {
  provided: 'green',
  eLicence: 'blue',
  commitment: 'purple',
  deferred: 'orange',
  missing: 'red',
}

/** 办件详情: live from the database, so a decision pulled while it is open shows at once. */
export function IntakeDetailPage({ intakeId, onBack, onOpenIntake }: { intakeId: string; onBack: () => void; onOpenIntake?: (intakeId: string) => void }) {
  const { db } = useStation()
  const detail = useLiveQuery(async () => loadIntakeDetail(db, intakeId), [db, intakeId])
  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={onBack}>
      返回办件列表
    </Button>
  )
  if (detail === undefined) return <Spin />
  if (detail === null) {
    return (
      <Flex vertical gap="middle" align="start">
        {back}
        <Empty description="未找到该办件" />
      </Flex>
    )
  }
  return <IntakeDetailView detail={detail} back={back} onOpenIntake={onOpenIntake} />
}

function IntakeDetailView({ detail, back, onOpenIntake }: { detail: IntakeDetail; back: ReactNode; onOpenIntake?: (intakeId: string) => void }) {
  const { intake } = detail
  // The kind, not the document: a decision pulled while the preview is open updates what it shows.
  const [previewKind, setPreviewKind] = useState<DocumentKind | null>(null)
  const due = useMemo(() => intakeDueDate(intake, detail.calendar), [intake, detail.calendar])
  const timeline = useMemo(() => intakeTimeline(intake), [intake])
  const documents = useMemo(() => intakeDocuments(detail), [detail])
  const preview = documents.find((document) => document.kind === previewKind) ?? null
  const statusLabel = intakeStatusLabel(intake)

  return (
    <Flex vertical gap="large" data-intake-detail={intake.intakeNo}>
      <Flex align="center" gap="middle" wrap>
        {back}
        <Typography.Title level={3} style={{ margin: 0 }}>
          {`办件详情 ${intake.intakeNo}`}
        </Typography.Title>
        <Tag color="blue">{statusLabel}</Tag>
      </Flex>

      {intake.decision?.status === 'correctionRequested' && intake.decision.correction?.length ? (
        <Alert
          type="warning"
          showIcon
          message="县级要求补正"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} aria-label="补正清单">
              {intake.decision.correction.map((item, index) => (
                <li key={index}>{`${item.name}：${item.problem}`}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {intake.decision?.status === 'terminated' ? (
        <Alert
          type="error"
          showIcon
          message="县级已终止办理"
          description={`${intake.decision.terminationReason ?? '容缺材料逾期未补齐'}。请打印“终止办理通知书”交申请人。`}
        />
      ) : null}
      {intake.decision?.status === 'refused' ? (
        <Alert type="error" showIcon message="县级不予受理" description={`${intake.decision.refusalReason ?? ''}。请打印“不予受理决定书”交申请人。`} />
      ) : null}
      {intake.syncState === 'rejected' ? (
        <Alert type="error" showIcon message="县级未接收此办件" description={intake.lastError?.message ?? '未说明原因'} />
      ) : null}
      <SetAsideNotice entityId={intake.id} />
      {intake.decision?.status === 'completed' && !intake.handOver ? (
        <Alert type="info" showIcon message="办结待送达" description={deliveryHint(intake)} />
      ) : null}

      <LifeEventBundleCard intake={intake} onOpen={onOpenIntake} />

      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="办件编号">{intake.intakeNo}</Descriptions.Item>
        <Descriptions.Item label="办理状态">{statusLabel}</Descriptions.Item>
        <Descriptions.Item label="申请人">{intake.applicant.name}</Descriptions.Item>
        <Descriptions.Item label="证件">{applicantIdText(intake)}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{intake.applicant.phone}</Descriptions.Item>
        <Descriptions.Item label="地址">{intake.applicant.address}</Descriptions.Item>
        <Descriptions.Item label="办理事项" span={2}>
          {itemText(intake)}
        </Descriptions.Item>
        <Descriptions.Item label="实施部门">{intake.item.department}</Descriptions.Item>
        <Descriptions.Item label="办理方式">{serviceModeText(intake)}</Descriptions.Item>
        <Descriptions.Item label="经办人">{intake.staffName}</Descriptions.Item>
        <Descriptions.Item label="登记时间">{`${formatDateTime(intake.createdAt)}（本机时间）`}</Descriptions.Item>
        <Descriptions.Item label="办结期限" span={2}>
          <span data-testid="due-date">{due.kind === 'due' ? `${due.date}（${due.basis}）` : due.basis}</span>
        </Descriptions.Item>
        <Descriptions.Item label="同步状态" span={2}>
          <span data-testid="sync-state">{syncStateLabel(intake)}</span>
          {intake.lastError && intake.syncState !== 'rejected' ? (
            <Typography.Text type="danger">{`（上次错误：${intake.lastError.message}）`}</Typography.Text>
          ) : null}
        </Descriptions.Item>
        {intake.note ? (
          <Descriptions.Item label="备注" span={2}>
            {intake.note}
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      <Card title="申请材料" size="small">
        <Table<MaterialRow>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={materialRows(intake)}
          locale={{ emptyText: '该事项无需提交申请材料' }}
          columns={[
            { title: '材料名称', dataIndex: 'name' },
            { title: '收取情况', dataIndex: 'statusLabel', width: 160, render: (label, row) => <Tag color={MATERIAL_COLORS[row.status]}>{label}</Tag> },
            { title: '说明', dataIndex: 'detail' },
          ]}
        />
      </Card>

      <IntakeAttachmentsCard intake={intake} />

      <Card title="办理进程" size="small">
        <div aria-label="办理进程">
          <Timeline
            items={timeline.map((event) => ({
              key: event.key,
              color: TONE_COLORS[event.tone],
              children: (
                <div data-timeline-event={event.key}>
                  <Typography.Text strong>{event.label}</Typography.Text>
                  {event.at ? (
                    <Typography.Text type="secondary">{` ${formatDateTime(event.at)}${event.clock === 'device' ? '（本机时间）' : '（县级时间）'}`}</Typography.Text>
                  ) : null}
                  {event.by ? <Typography.Text type="secondary">{` · ${event.by}`}</Typography.Text> : null}
                  {event.note ? <div>{event.note}</div> : null}
                </div>
              ),
            }))}
          />
        </div>
      </Card>

      <Card title="办理操作" size="small">
        <IntakeActions intake={intake} onPrint={setPreviewKind} />
      </Card>

      <Card title="打印文书" size="small">
        <Flex gap="small" wrap>
          {documents.map((document) => (
            <Button key={document.kind} icon={<PrinterOutlined aria-hidden />} onClick={() => setPreviewKind(document.kind)}>
              {document.title}
            </Button>
          ))}
        </Flex>
      </Card>

      <DocumentPreviewModal document={preview} onClose={() => setPreviewKind(null)} />
    </Flex>
  )
}
