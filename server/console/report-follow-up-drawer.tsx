import { Descriptions, Drawer, Form, Input, Tag } from 'antd'
import { REPORT_FOLLOW_UP_ACTION_LABELS, reportFollowUpActions } from '../../shared/follow-up'
import type { AdminReport } from '../../shared/follow-up-admin'
import { REPORT_STATUS_LABELS } from '../../shared/report'
import { followUpReport } from './follow-up-api'
import { FollowUpRecord, FollowUpStepForm } from './follow-up-drawer'
import { REPORT_STATUS_COLORS, toReportFollowUpRequest, type ReportStepForm } from './follow-up-view'
import { formatDateTime } from './intake-view'

/** One 办不成事 report: what the resident could not get done, every step so far, and the next step's form. */
export function ReportFollowUpDrawer({
  report,
  stationName,
  onClose,
  onChanged,
}: {
  report: AdminReport | undefined
  stationName: string | undefined
  onClose: () => void
  onChanged: () => void
}) {
  return (
    <Drawer open={report !== undefined} onClose={onClose} size={720} title={report ? `办不成事反映：${report.residentName}` : '办不成事反映'} destroyOnHidden>
      {report && (
        <FollowUpRecord
          details={
            <>
              <Descriptions.Item label="站点">{stationName ?? report.stationCode}</Descriptions.Item>
              <Descriptions.Item label="经办人">{report.staffName}</Descriptions.Item>
              <Descriptions.Item label="反映人">{report.residentName}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{report.residentPhone}</Descriptions.Item>
              <Descriptions.Item label="情况" span={2}>
                <span style={{ whiteSpace: 'pre-line' }}>{report.description}</span>
              </Descriptions.Item>
              <Descriptions.Item label="收到时间">{formatDateTime(report.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="办理状态">
                <Tag color={REPORT_STATUS_COLORS[report.status]} data-report-status={report.status}>
                  {REPORT_STATUS_LABELS[report.status]}
                </Tag>
              </Descriptions.Item>
              {report.reply && (
                <Descriptions.Item label="答复群众" span={2}>
                  {report.reply}
                </Descriptions.Item>
              )}
            </>
          }
          historyTitle="办理记录"
          history={report.history.map((step) => ({
            ...step,
            title: `${REPORT_FOLLOW_UP_ACTION_LABELS[step.action]} → ${REPORT_STATUS_LABELS[step.statusAfter]}`,
          }))}
          next={reportFollowUpActions(report.status).length > 0 && <ReportStep key={report.history.length} report={report} onChanged={onChanged} />}
        />
      )}
    </Drawer>
  )
}

function ReportStep({ report, onChanged }: { report: AdminReport; onChanged: () => void }) {
  const [form] = Form.useForm<ReportStepForm>()
  const actions = reportFollowUpActions(report.status)
  const action = Form.useWatch('action', form)
  const ends = action === 'resolve' || action === 'markUnresolvable'

  async function save(values: ReportStepForm): Promise<string> {
    await followUpReport(report.id, toReportFollowUpRequest(values))
    return `已${REPORT_FOLLOW_UP_ACTION_LABELS[values.action]}，结果将下发给上报站点`
  }

  return (
    <FollowUpStepForm
      form={form}
      actions={actions}
      actionLabels={REPORT_FOLLOW_UP_ACTION_LABELS}
      initialValues={{ action: actions[0] }}
      save={save}
      onChanged={onChanged}
    >
      <Form.Item name="note" label="说明" rules={[{ required: true, whitespace: true, message: '请填写本步说明' }]}>
        <Input.TextArea maxLength={1000} rows={3} />
      </Form.Item>
      {ends && (
        <Form.Item
          name="reply"
          label="答复群众"
          rules={[{ required: true, whitespace: true, message: '请填写给群众的答复' }]}
          extra="答复随办理结果下发给上报站点，由站点转告群众"
        >
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
      )}
    </FollowUpStepForm>
  )
}
