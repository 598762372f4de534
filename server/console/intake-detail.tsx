import { Alert, App, Button, Descriptions, Drawer, Empty, Space, Spin, Table, Tag, Timeline, Typography } from 'antd'
import { useCallback, useState } from 'react'
import type { AdminIntake } from '../../shared/admin'
import { HANDLING_LABELS } from '../../shared/catalog'
import { DELIVERY_METHOD_LABELS, RESULT_LABELS } from '../../shared/decision'
import {
  ASSIST_REASON_LABELS,
  MATERIAL_STATUS_LABELS,
  PROVIDED_FORM_LABELS,
  SERVICE_MODE_LABELS,
  type IntakeMaterial,
  type IntakeSubmitPayload,
} from '../../shared/intake'
import type { IntakeHandOverPayload } from '../../shared/intake-actions'
import { DECISION_LABELS, INTAKE_STATUS_LABELS, type DecisionKind } from '../../shared/intake-status'
import { limitDaysLabel } from '../../shared/working-days'
import { getIntakeDetail } from './api'
import { AttachmentPreview } from './attachment-preview'
import { DecisionModal } from './decision-modal'
import { IntakeBundlePanel } from './intake-bundle-panel'
import { formatDateTime, offeredDecisions, STATUS_COLORS, submittedPayload } from './intake-view'
import { useRemote } from './use-remote'

type Props = {
  intakeId: string | undefined
  stationNames: ReadonlyMap<string, string>
  onClose(): void
  onDecided(): void
  /** Opens another intake in this drawer (a 一件事一次办 sibling). */
  onOpenIntake?(id: string): void
}

/** 办件详情: what the station submitted, what the county decided so far, and the decisions open now. */
export function IntakeDetail({ intakeId, stationNames, onClose, onDecided, onOpenIntake }: Props) {
  const { message } = App.useApp()
  const [deciding, setDeciding] = useState<DecisionKind>()
  const [previewing, setPreviewing] = useState<string>()
  const loadIntake = useCallback(async () => (intakeId ? getIntakeDetail(intakeId) : undefined), [intakeId])
  const remote = useRemote(loadIntake, '读取办件失败，请稍后重试')
  const { error } = remote
  // While a reload after a decision runs, the same intake stays on screen.
  const detail = remote.data?.intake.id === intakeId ? remote.data : undefined
  const intake = detail?.intake

  const payload = intake ? submittedPayload(intake) : undefined
  const openDecisions = intake ? offeredDecisions(intake, payload) : []

  return (
    <Drawer open={intakeId !== undefined} onClose={onClose} size={820} title={intake ? `办件详情：${intake.intakeNo}` : '办件详情'} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {!intake && !error && <Spin />}
      {intake && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>办理状态</Typography.Text>
            <Tag color={STATUS_COLORS[intake.status]} data-testid="intake-status">
              {INTAKE_STATUS_LABELS[intake.status]}
            </Tag>
            {openDecisions.map((kind) => (
              <Button
                key={kind}
                type={kind === 'refuse' || kind === 'terminate' ? 'default' : 'primary'}
                danger={kind === 'refuse' || kind === 'terminate'}
                onClick={() => setDeciding(kind)}
              >
                {DECISION_LABELS[kind]}
              </Button>
            ))}
          </Space>
          {intake.missingFiles.length > 0 && (
            <Alert type="warning" showIcon data-testid="missing-files" title={`站点尚有 ${intake.missingFiles.length} 个附件未上传，收到后即可查看`} />
          )}
          {/* Near the top: an operator should know at once that the resident came for several items. */}
          {detail?.bundle && <IntakeBundlePanel bundle={detail.bundle} currentId={intake.id} onOpen={(id) => onOpenIntake?.(id)} />}
          {payload ? (
            <Submitted intake={intake} payload={payload} stationName={stationNames.get(intake.stationCode)} onPreview={setPreviewing} />
          ) : (
            <RawPayload intake={intake} />
          )}
          <Decided intake={intake} />
          <div>
            <Typography.Title level={5}>办理过程</Typography.Title>
            <Timeline
              items={intake.decision.history.map((event, index) => ({
                key: index,
                color: STATUS_COLORS[event.status] === 'default' ? 'gray' : STATUS_COLORS[event.status],
                title: formatDateTime(event.at),
                content: (
                  <>
                    <Typography.Text strong>{INTAKE_STATUS_LABELS[event.status]}</Typography.Text>（{event.by}）{event.note && <div>{event.note}</div>}
                  </>
                ),
              }))}
            />
          </div>
        </Space>
      )}
      {intake && deciding && (
        <DecisionModal
          intakeId={intake.id}
          intakeNo={intake.intakeNo}
          kind={deciding}
          materials={payload?.materials ?? []}
          onClose={() => setDeciding(undefined)}
          onDecided={() => {
            void message.success(`已${DECISION_LABELS[deciding]}，站点下次同步时收到`)
            setDeciding(undefined)
            remote.reload()
            onDecided()
          }}
        />
      )}
      <AttachmentPreview sha256={previewing} onClose={() => setPreviewing(undefined)} />
    </Drawer>
  )
}

type SubmittedProps = { intake: AdminIntake; payload: IntakeSubmitPayload; stationName: string | undefined; onPreview(sha256: string): void }

function Submitted({ intake, payload, stationName, onPreview }: SubmittedProps) {
  const missing = new Set(intake.missingFiles)
  const { applicant, item } = payload
  const serviceMode = [
    SERVICE_MODE_LABELS[payload.serviceMode],
    payload.assistReason ? `原因：${ASSIST_REASON_LABELS[payload.assistReason]}` : undefined,
    payload.assistNote,
    payload.proxyAuthorization ? `授权：${payload.proxyAuthorization}` : undefined,
    payload.agent ? `代办人：${payload.agent.name}（${payload.agent.relationship}，身份证 ${payload.agent.idNumber}，电话 ${payload.agent.phone}）` : undefined,
  ]
    .filter(Boolean)
    .join('；')
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions
        title="办件信息"
        bordered
        size="small"
        column={2}
        items={[
          { key: 'intakeNo', label: '办件编号', children: intake.intakeNo },
          { key: 'station', label: '站点', children: stationName ? `${stationName}（${intake.stationCode}）` : intake.stationCode },
          { key: 'item', label: '事项', children: item.name, span: 2 },
          { key: 'department', label: '实施机构', children: item.department },
          {
            key: 'handling',
            label: '办件类型',
            children:
              item.handling === '1'
                ? `${HANDLING_LABELS[item.handling]}，受理当日办结`
                : `${HANDLING_LABELS[item.handling]}，承诺${limitDaysLabel(item.promisedLimitDays, intake.limitUnit)}`,
          },
          { key: 'serviceMode', label: '办理方式', children: serviceMode, span: 2 },
          { key: 'staff', label: '经办人', children: payload.staffName },
          { key: 'receivedAt', label: '县级收件时间', children: formatDateTime(intake.receivedAt) },
          ...(intake.decision.stationReceivedAt
            ? [{ key: 'stationReceivedAt', label: '站点收件时间', children: formatDateTime(intake.decision.stationReceivedAt) }]
            : []),
          { key: 'acceptedAt', label: '受理时间', children: formatDateTime(intake.decision.acceptedAt) },
          { key: 'dueDate', label: '承诺办结日期', children: intake.decision.dueDate ?? '—' },
          ...(payload.note ? [{ key: 'note', label: '备注', children: payload.note, span: 2 }] : []),
        ]}
      />
      <Descriptions
        title="申请人"
        bordered
        size="small"
        column={2}
        items={
          applicant.kind === 'person'
            ? [
                { key: 'name', label: '姓名', children: applicant.name },
                { key: 'idNumber', label: '公民身份号码', children: applicant.idNumber },
                { key: 'phone', label: '联系电话', children: applicant.phone },
                { key: 'address', label: '住址', children: applicant.address },
              ]
            : [
                { key: 'name', label: '单位名称', children: applicant.name },
                { key: 'creditCode', label: '统一社会信用代码', children: applicant.creditCode },
                { key: 'legal', label: '法定代表人', children: applicant.legalRepresentative },
                { key: 'phone', label: '联系电话', children: applicant.phone },
                { key: 'address', label: '单位地址', children: applicant.address, span: 2 },
              ]
        }
      />
      <div>
        <Typography.Title level={5}>申请材料</Typography.Title>
        <Table<IntakeMaterial>
          rowKey="materialId"
          size="small"
          pagination={false}
          dataSource={payload.materials}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本办件未登记材料" /> }}
          columns={[
            { title: '材料名称', dataIndex: 'name' },
            { title: '收取情况', key: 'status', render: (_, material) => MATERIAL_STATUS_LABELS[material.status] },
            {
              title: '形式与份数',
              key: 'form',
              render: (_, material) =>
                [material.form ? PROVIDED_FORM_LABELS[material.form] : undefined, material.count ? `${material.count}份` : undefined]
                  .filter(Boolean)
                  .join(' ') || '—',
            },
            { title: '补交期限', key: 'dueDate', render: (_, material) => material.dueDate ?? '—' },
            {
              title: '附件',
              key: 'attachments',
              render: (_, material) =>
                material.attachments.length === 0 ? (
                  '—'
                ) : (
                  <Space wrap size="small">
                    {material.attachments.map((sha256, index) =>
                      missing.has(sha256) ? (
                        <Tag key={sha256} color="orange">
                          附件{index + 1}未上传
                        </Tag>
                      ) : (
                        <Typography.Link key={sha256} onClick={() => onPreview(sha256)}>
                          附件{index + 1}
                        </Typography.Link>
                      ),
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </div>
    </Space>
  )
}

/** A payload the current schema no longer reads (an older or newer station): shown as received. */
function RawPayload({ intake }: { intake: AdminIntake }) {
  return (
    <div>
      <Alert type="warning" showIcon title="该办件的内容格式与本后台版本不一致，以下按原样显示" style={{ marginBottom: 8 }} />
      <pre style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12 }}>{JSON.stringify(intake.payload, null, 2)}</pre>
    </div>
  )
}

function Decided({ intake }: { intake: AdminIntake }) {
  const { decision } = intake
  const items = [
    ...(decision.correction?.length
      ? [
          {
            key: 'correction',
            label: '补正要求',
            children: (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {decision.correction.map((item, index) => (
                  <li key={index}>
                    {item.name}：{item.problem}
                  </li>
                ))}
              </ol>
            ),
          },
        ]
      : []),
    ...(decision.refusalReason ? [{ key: 'refusal', label: '不予受理理由', children: decision.refusalReason }] : []),
    ...(decision.result
      ? [{ key: 'result', label: '办理结果', children: [RESULT_LABELS[decision.result], decision.resultNote].filter(Boolean).join('：') }]
      : []),
    ...(decision.deliveryMethod ? [{ key: 'delivery', label: '送达方式', children: DELIVERY_METHOD_LABELS[decision.deliveryMethod] }] : []),
    ...(decision.terminationReason ? [{ key: 'termination', label: '终止办理理由', children: decision.terminationReason }] : []),
    ...(decision.handOver ? [{ key: 'handOver', label: '站点出件（送达回证）', children: handOverText(decision.handOver) }] : []),
    ...(decision.deliveredAt ? [{ key: 'deliveredAt', label: '送达时间', children: formatDateTime(decision.deliveredAt) }] : []),
  ]
  if (items.length === 0) return null
  return <Descriptions title="县级决定" bordered size="small" column={1} items={items} />
}

/** Who took the result and when, as the station recorded it (its device time). */
function handOverText(handOver: IntakeHandOverPayload): string {
  const who = handOver.recipientIsApplicant ? '申请人本人' : `${handOver.relationship ?? '代领人'}`
  return `${handOver.recipientName}（${who}，身份证 ${handOver.recipientIdNumber}）于 ${formatDateTime(handOver.handedOverAt)} 领取，经办人 ${handOver.staffName}`
}
