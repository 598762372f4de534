import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, Descriptions, Input, Space, Table, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { chinaDate } from '../../../shared/working-days'
import { useStation } from '../../context/station-context'
import { readMeta } from '../../db/meta'
import { downloadFile } from '../../lib/download-file'
import { messageOf } from '../../lib/user-error'
import { XLSX_MIME_TYPE } from '../../lib/xlsx-workbook'
import type { StationDocument } from '../documents/document-model'
import { DocumentPreviewModal } from '../documents/document-preview-modal'
import { useSignedInStaff } from '../staff/staff-context'
import { loadDailyReport, periodProblem, type DailyReport, type DailyReportPeriod } from './daily-report'
import { dailyReportDocument, periodLabel, serviceModeRows, summaryRows, type DailyReportSheetContext } from './daily-report-document'
import { dailyReportFileName, dailyReportWorkbook } from './daily-report-workbook'

/**
 * 日报表: the station's intakes of a day (or a few days) counted by item, status and service
 * mode, printed as a signed sheet or exported to Excel. Any signed-in staff member may make it;
 * it reads only what this PC holds (the other devices' intakes arrive with each pull).
 */
export function DailyReportPage() {
  const { db } = useStation()
  const { message } = App.useApp()
  const staff = useSignedInStaff()
  const today = chinaDate(new Date())
  const [period, setPeriod] = useState<DailyReportPeriod>({ from: today, to: today })
  const [preview, setPreview] = useState<StationDocument | null>(null)
  const problem = periodProblem(period)
  const station = useLiveQuery(async () => readMeta(db, 'station'), [db])
  const stationCode = station?.code
  // Live: a pull bringing another device's intake or a county decision updates the counts.
  const report = useLiveQuery(
    async () => (stationCode === undefined || problem !== null ? null : loadDailyReport(db, stationCode, period)),
    [db, stationCode, period.from, period.to, problem],
  )

  const sheetContext = (): DailyReportSheetContext | null => (station === undefined ? null : { station, preparedBy: staff.displayName, printedAt: new Date() })

  const openPreview = (current: DailyReport) => {
    const context = sheetContext()
    if (context) setPreview(dailyReportDocument(current, context))
  }

  const exportWorkbook = (current: DailyReport) => {
    const context = sheetContext()
    if (context === null) return
    try {
      const fileName = dailyReportFileName(context.station.code, current.period)
      downloadFile(fileName, dailyReportWorkbook(current, context), XLSX_MIME_TYPE)
      void message.success(`已导出 ${fileName}`)
    } catch (error) {
      void message.error(messageOf(error))
    }
  }

  const setDate = (end: keyof DailyReportPeriod, value: string) => setPeriod((current) => ({ ...current, [end]: value }))

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 1100 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        日报表
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        统计本站在所选日期（北京时间）新建的全部办件，含本站其他电脑已同步到本机的办件；办理状态为本机所存的最新状态。
      </Typography.Paragraph>
      <Space wrap>
        <label>
          {'统计日期 '}
          <Input type="date" aria-label="开始日期" style={{ width: 170 }} value={period.from} onChange={(event) => setDate('from', event.target.value)} />
        </label>
        <label>
          {'至 '}
          <Input type="date" aria-label="结束日期" style={{ width: 170 }} value={period.to} onChange={(event) => setDate('to', event.target.value)} />
        </label>
        <Button onClick={() => setPeriod({ from: today, to: today })}>今天</Button>
        <Button icon={<PrinterOutlined aria-hidden />} disabled={!report} onClick={() => report && openPreview(report)}>
          打印预览
        </Button>
        <Button type="primary" icon={<FileExcelOutlined aria-hidden />} disabled={!report} onClick={() => report && exportWorkbook(report)}>
          导出 Excel
        </Button>
      </Space>
      {problem ? <Alert type="warning" showIcon message={problem} /> : null}
      {report ? <DailyReportView report={report} /> : null}
      <DocumentPreviewModal document={preview} onClose={() => setPreview(null)} />
    </div>
  )
}

const itemColumns = [
  { title: '事项名称', dataIndex: 'itemName', key: 'itemName' },
  { title: '实施编码', dataIndex: 'implCode', key: 'implCode' },
  { title: '实施部门', dataIndex: 'department', key: 'department' },
  { title: '件数', dataIndex: 'count', key: 'count', width: 80 },
]
const statusColumns = [
  { title: '办理状态', dataIndex: 'label', key: 'label' },
  { title: '件数', dataIndex: 'count', key: 'count', width: 80 },
]
const modeColumns = [
  { title: '办理方式', dataIndex: 'mode', key: 'mode' },
  { title: '帮办代办原因', dataIndex: 'reason', key: 'reason' },
  { title: '件数', dataIndex: 'count', key: 'count', width: 80 },
]

function DailyReportView({ report }: { report: DailyReport }) {
  return (
    <div data-testid="daily-report" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {periodLabel(report.period)}
      </Typography.Title>
      <div data-testid="daily-report-summary">
        <Descriptions
          size="small"
          bordered
          column={3}
          items={summaryRows(report).map((row) => ({ key: row.label, label: row.label, children: String(row.count) }))}
        />
      </div>
      <section aria-label="按事项" data-testid="daily-report-items">
        <Typography.Title level={5}>按事项</Typography.Title>
        <Table size="small" pagination={false} rowKey="implCode" columns={itemColumns} dataSource={report.byItem} locale={{ emptyText: '本期无办件' }} />
      </section>
      <section aria-label="按办理状态" data-testid="daily-report-statuses">
        <Typography.Title level={5}>按办理状态</Typography.Title>
        <Table size="small" pagination={false} rowKey="label" columns={statusColumns} dataSource={report.byStatus} locale={{ emptyText: '本期无办件' }} />
      </section>
      <section aria-label="按办理方式" data-testid="daily-report-modes">
        <Typography.Title level={5}>按办理方式</Typography.Title>
        <Table size="small" pagination={false} rowKey={(row) => `${row.mode}-${row.reason}`} columns={modeColumns} dataSource={serviceModeRows(report)} />
      </section>
    </div>
  )
}
