import { CloudSyncOutlined, PrinterOutlined, RedoOutlined } from '@ant-design/icons'
import { Alert, App, Button, Descriptions, Select, Space, Spin, Table, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import { useStation, useSyncEngine } from '../../context/station-context'
import { formatDateTime } from '../../lib/format-time'
import { messageOf } from '../../lib/user-error'
import { refusalOf } from '../../db/staff-permissions'
import { useSignedInStaff } from '../staff/staff-context'
import type { EndOfDayLine, EndOfDayReport } from './end-of-day-report'
import { endOfDaySummary, endOfDayVerdict, lineRows, recentStationDays } from './end-of-day-view'
import { resendLacking } from './resend-lacking'
import { runEndOfDay, type EndOfDayResult } from './run-end-of-day'
import { stationReconcileCall } from './station-reconcile'
import './end-of-day.css'

/**
 * 日终同步: one button runs a full sync round (push, files, pull) and then reconciles the day
 * with the county; the report can be printed, and what the county lacks is sent again from
 * this device's own records.
 */
export function EndOfDayPage() {
  const { db, platform } = useStation()
  const engine = useSyncEngine()
  const { message } = App.useApp()
  // 日终同步 is the station lead's job (DOMAIN.md): others see why and cannot start it.
  const staff = useSignedInStaff()
  const refusal = refusalOf(staff, 'sync.endOfDay')
  const [result, setResult] = useState<EndOfDayResult | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [printing, setPrinting] = useState(false)
  const [days] = useState(() => recentStationDays(new Date()))
  const [day, setDay] = useState(days[0]!.value)

  useEffect(() => {
    if (!printing) return
    window.document.body.classList.add('printing-end-of-day')
    return () => window.document.body.classList.remove('printing-end-of-day')
  }, [printing])

  const run = async () => {
    if (engine === null) return
    setBusy('正在同步并与县级对账…')
    try {
      setResult(await runEndOfDay(db, { engine, reconcile: stationReconcileCall(db), day }))
    } catch (error) {
      void message.error(messageOf(error))
    } finally {
      setBusy(null)
    }
  }

  const resend = async (report: EndOfDayReport) => {
    setBusy('正在重新发送县级缺少的记录…')
    try {
      const outcome = await resendLacking(
        db,
        report.lacking.map((line) => line.id),
        staff,
      )
      if (outcome.notResendable.length > 0) void message.warning(`${outcome.notResendable.length} 条无法重发：${outcome.notResendable[0]!.reason}`)
      if (outcome.requeued.length > 0) void message.success(`已重新发送 ${outcome.requeued.length} 条，正在重新对账`)
    } catch (error) {
      void message.error(messageOf(error))
    } finally {
      setBusy(null)
    }
    await run()
  }

  const print = async () => {
    setPrinting(true)
    try {
      // Let React draw the printable copy before the dialog opens.
      await new Promise((resolve) => requestAnimationFrame(resolve))
      const outcome = await platform.printPage()
      if (!outcome.printed) void message.warning(outcome.error ?? '未能打印，请重试')
    } finally {
      setPrinting(false)
    }
  }

  const report = result?.report ?? null
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 1100 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        日终同步
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        下班前点击下面的按钮：本机先把未发送的办件和附件全部发送到县级，接收县级的最新决定，再与县级逐条核对所选日期（默认今天）本机办理的记录。
      </Typography.Paragraph>
      {refusal ? <Alert type="warning" showIcon message={refusal} /> : null}
      <Space>
        <Select aria-label="对账日期" size="large" style={{ width: 200 }} options={days} value={day} onChange={setDay} disabled={busy !== null} />
        <Button
          type="primary"
          size="large"
          icon={<CloudSyncOutlined aria-hidden />}
          disabled={busy !== null || engine === null || refusal !== null}
          onClick={() => void run()}
        >
          开始日终同步
        </Button>
        {report ? (
          <Button size="large" icon={<PrinterOutlined aria-hidden />} disabled={busy !== null} onClick={() => void print()}>
            打印对账报告
          </Button>
        ) : null}
      </Space>
      {busy ? <Spin description={busy} /> : null}
      {result?.roundError ? <Alert type="warning" showIcon message={`本轮同步未完成：${result.roundError}`} /> : null}
      {report ? (
        <>
          <EndOfDayReportView report={report} />
          {report.lacking.length > 0 ? (
            <Button danger icon={<RedoOutlined aria-hidden />} disabled={busy !== null || refusal !== null} onClick={() => void resend(report)}>
              {`重新发送县级缺少的 ${report.lacking.length} 条`}
            </Button>
          ) : null}
        </>
      ) : null}
      {report && printing
        ? createPortal(
            <div className="end-of-day-print-root" aria-hidden>
              <EndOfDayReportView report={report} />
            </div>,
            window.document.body,
          )
        : null}
    </div>
  )
}

const lineColumns = [
  { title: '类型', dataIndex: 'what', key: 'what' },
  { title: '办件编号', dataIndex: 'intakeNo', key: 'intakeNo' },
  { title: '办理时间', dataIndex: 'createdAt', key: 'createdAt' },
  { title: '说明', dataIndex: 'note', key: 'note' },
]

function LineTable({ title, lines, testId }: { title: string; lines: readonly EndOfDayLine[]; testId: string }) {
  if (lines.length === 0) return null
  return (
    <section data-testid={testId}>
      <Typography.Title level={5}>{`${title}（${lines.length}）`}</Typography.Title>
      <Table size="small" pagination={false} columns={lineColumns} dataSource={lineRows(lines, (iso) => formatDateTime(iso, true))} />
    </section>
  )
}

/** The report itself, on screen and on paper alike. */
function EndOfDayReportView({ report }: { report: EndOfDayReport }) {
  const verdict = endOfDayVerdict(report)
  return (
    <div className="end-of-day-report" data-testid="end-of-day-report">
      <Typography.Title level={4}>{`日终对账报告 ${report.day}`}</Typography.Title>
      <Alert type={verdict.ok ? 'success' : 'error'} showIcon message={<span data-testid="end-of-day-verdict">{verdict.text}</span>} />
      <Descriptions
        size="small"
        bordered
        column={2}
        style={{ marginTop: 12 }}
        items={[
          ...endOfDaySummary(report).map((row) => ({
            key: row.label,
            label: row.label,
            children: <Typography.Text type={row.attention ? 'danger' : undefined}>{row.value}</Typography.Text>,
          })),
          { key: 'generatedAt', label: '报告时间', children: formatDateTime(report.generatedAt, true) },
        ]}
      />
      <LineTable title="县级缺少（本机已发送、县级查无此记录）" lines={report.lacking} testId="end-of-day-lacking" />
      <LineTable title="内容不一致（以县级为准）" lines={report.differing} testId="end-of-day-differing" />
      <LineTable title="尚未发送" lines={report.unsent} testId="end-of-day-unsent" />
      <LineTable title="县级已确认" lines={report.confirmed} testId="end-of-day-confirmed" />
    </div>
  )
}
