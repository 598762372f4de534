import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useCallback, useState } from 'react'
import type { AdminReport } from '../../shared/follow-up-admin'
import { REPORT_STATUS_LABELS, reportStatusSchema, type ReportStatus } from '../../shared/report'
import { listReports } from './follow-up-api'
import { REPORT_STATUS_COLORS } from './follow-up-view'
import { formatDateTime } from './intake-view'
import { ReportFollowUpDrawer } from './report-follow-up-drawer'
import { StationFilterSelect, useStationDirectory } from './station-filter'
import { useRemote } from './use-remote'

const NO_REPORTS: AdminReport[] = []

/** 办不成事反映: what residents could not get done at the stations, and the county's resolution of each. */
export function ReportsPage() {
  const { stations, names: stationNames, nameOf: stationName } = useStationDirectory()
  const [stationCode, setStationCode] = useState<string>()
  const [status, setStatus] = useState<ReportStatus>()
  const [openId, setOpenId] = useState<string>()

  const load = useCallback(() => listReports({ stationCode, status }), [stationCode, status])
  const { data: reports = NO_REPORTS, error, loading, reload } = useRemote(load, '读取反映失败，请稍后重试')

  const open = reports.find((report) => report.id === openId)

  const columns: ColumnsType<AdminReport> = [
    { title: '站点', key: 'station', render: (_, row) => stationName(row.stationCode) },
    { title: '反映人', dataIndex: 'residentName' },
    { title: '联系电话', dataIndex: 'residentPhone' },
    { title: '情况', dataIndex: 'description', render: (text: string) => <span style={{ whiteSpace: 'pre-line' }}>{text}</span> },
    { title: '收到时间', key: 'receivedAt', render: (_, row) => formatDateTime(row.receivedAt) },
    { title: '办理状态', key: 'status', render: (_, row) => <Tag color={REPORT_STATUS_COLORS[row.status]}>{REPORT_STATUS_LABELS[row.status]}</Tag> },
    {
      title: '操作',
      key: 'open',
      render: (_, row) => (
        <Typography.Link onClick={() => setOpenId(row.id)} data-report-resident={row.residentName}>
          办理
        </Typography.Link>
      ),
    },
  ]

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <StationFilterSelect stations={stations} value={stationCode} onChange={setStationCode} />
        <Select
          aria-label="办理状态"
          placeholder="全部状态"
          allowClear
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={reportStatusSchema.options.map((value) => ({ value, label: REPORT_STATUS_LABELS[value] }))}
        />
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<AdminReport>
        rowKey="id"
        columns={columns}
        dataSource={reports}
        loading={loading}
        size="middle"
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => `共 ${total} 条` }}
        locale={{ emptyText: '暂无办不成事反映' }}
      />
      <ReportFollowUpDrawer
        report={open}
        stationName={open ? stationNames.get(open.stationCode) : undefined}
        onClose={() => setOpenId(undefined)}
        onChanged={reload}
      />
    </>
  )
}
