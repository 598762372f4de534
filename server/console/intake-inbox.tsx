import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useCallback, useMemo, useState } from 'react'
import type { AdminIntake } from '../../shared/admin'
import { isIntakeOverdue } from '../../shared/intake-overdue'
import { INTAKE_STATUS_LABELS, intakeStatusSchema, type IntakeStatus } from '../../shared/intake-status'
import { chinaDate } from '../../shared/working-days'
import { listIntakes } from './api'
import { IntakeDetail } from './intake-detail'
import { formatDateTime, STATUS_COLORS, submittedPayload } from './intake-view'
import { StationFilterSelect, useStationDirectory } from './station-filter'
import { useRemote } from './use-remote'

const NO_INTAKES: AdminIntake[] = []

type Row = { intake: AdminIntake; applicantName: string; itemName: string; overdue: boolean }

/**
 * 办件收件箱: every intake the stations sent up, newest first, filtered by station, status, item
 * name, missing attachments and 超期, and searched by intake number, applicant name, phone or ID
 * number (all on the server, within a reviewer's department).
 */
export function IntakeInbox() {
  const { stations, names: stationNames, nameOf: stationName } = useStationDirectory()
  const [stationCode, setStationCode] = useState<string>()
  const [status, setStatus] = useState<IntakeStatus>()
  const [itemSearch, setItemSearch] = useState('')
  const [search, setSearch] = useState('')
  const [missingFiles, setMissingFiles] = useState<boolean>()
  const [overdue, setOverdue] = useState(false)
  const [openId, setOpenId] = useState<string>()

  const loadIntakes = useCallback(
    () => listIntakes({ stationCode, status, itemName: itemSearch.trim(), search: search.trim(), missingFiles, overdue }),
    [stationCode, status, itemSearch, search, missingFiles, overdue],
  )
  const { data: intakes = NO_INTAKES, error, loading, reload } = useRemote(loadIntakes, '读取办件失败，请稍后重试')

  const rows = useMemo<Row[]>(() => {
    const today = chinaDate(new Date())
    return intakes.map((intake) => {
      const payload = submittedPayload(intake)
      const isOverdue = isIntakeOverdue({ status: intake.status, dueDate: intake.decision.dueDate }, today)
      return { intake, applicantName: payload?.applicant.name ?? '—', itemName: payload?.item.name ?? '—', overdue: isOverdue }
    })
  }, [intakes])

  const columns: ColumnsType<Row> = [
    {
      title: '办件编号',
      key: 'intakeNo',
      render: (_, row) => (
        <Typography.Link onClick={() => setOpenId(row.intake.id)} data-intake-no={row.intake.intakeNo}>
          {row.intake.intakeNo}
        </Typography.Link>
      ),
    },
    { title: '站点', key: 'station', render: (_, row) => stationName(row.intake.stationCode) },
    { title: '申请人', dataIndex: 'applicantName' },
    { title: '事项', dataIndex: 'itemName' },
    {
      title: '状态',
      key: 'status',
      render: (_, row) => (
        <>
          <Tag color={STATUS_COLORS[row.intake.status]}>{INTAKE_STATUS_LABELS[row.intake.status]}</Tag>
          {row.intake.missingFiles.length > 0 && <Tag color="orange">缺少附件 {row.intake.missingFiles.length}</Tag>}
          {row.overdue && <Tag color="red">超期</Tag>}
        </>
      ),
    },
    { title: '收件时间', key: 'receivedAt', render: (_, row) => formatDateTime(row.intake.receivedAt) },
    { title: '承诺办结日期', key: 'dueDate', render: (_, row) => row.intake.decision.dueDate ?? '—' },
  ]

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索办件"
          placeholder="办件编号、申请人姓名、手机号或身份证号"
          allowClear
          enterButton="搜索"
          style={{ width: 360 }}
          onSearch={setSearch}
        />
        <StationFilterSelect stations={stations} value={stationCode} onChange={setStationCode} />
        <Select
          aria-label="办理状态"
          placeholder="全部状态"
          allowClear
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={intakeStatusSchema.options.map((value) => ({ value, label: INTAKE_STATUS_LABELS[value] }))}
        />
        <Select
          aria-label="附件"
          placeholder="附件不限"
          allowClear
          style={{ width: 140 }}
          value={missingFiles === undefined ? undefined : missingFiles ? 'missing' : 'complete'}
          onChange={(value?: 'missing' | 'complete') => setMissingFiles(value === undefined ? undefined : value === 'missing')}
          options={[
            { value: 'missing', label: '缺少附件' },
            { value: 'complete', label: '附件齐全' },
          ]}
        />
        <Checkbox checked={overdue} onChange={(event) => setOverdue(event.target.checked)}>
          只看超期
        </Checkbox>
        <Input.Search aria-label="事项名称" placeholder="按事项名称查找，回车搜索" allowClear style={{ width: 260 }} onSearch={setItemSearch} />
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey={(row) => row.intake.id}
        columns={columns}
        dataSource={rows}
        loading={loading}
        size="middle"
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => `共 ${total} 件` }}
        locale={{ emptyText: '暂无办件' }}
      />
      <IntakeDetail intakeId={openId} stationNames={stationNames} onClose={() => setOpenId(undefined)} onOpenIntake={setOpenId} onDecided={reload} />
    </>
  )
}
