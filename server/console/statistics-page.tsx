import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Empty, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { ASSIST_REASON_LABELS } from '../../shared/intake'
import {
  STATISTICS_ASSIST_REASONS,
  STATISTICS_BREAKDOWNS,
  STATISTICS_COLUMNS,
  type Statistics,
  type StatisticsBreakdown,
  type StatisticsRow,
} from '../../shared/statistics'
import { chinaDate } from '../../shared/working-days'
import { ConsoleApiError } from './api'
import { BarChart } from './bar-chart'
import { downloadStatisticsWorkbook, getStatistics } from './statistics-api'
import { currentQuarter, formatRate, PERIOD_KIND_LABELS, periodOf, recentYears, type PeriodChoice, type PeriodKind } from './statistics-view'
import { useRemote } from './use-remote'

// Darker shades than antd's defaults: each keeps 3:1 against white, as WCAG asks of graphics.
const COMPLETED_COLOR = '#237804'
const REFUSED_COLOR = '#cf1322'
const OPEN_COLOR = '#0958d9'
const ASSIST_COLOR = '#531dab'
const CROSS_REGION_COLOR = '#08979c'
const LIFE_EVENT_COLOR = '#ad4e00'

/** 统计分析: the 州/省 report figures of a year, quarter or month, charted per breakdown and exported as XLSX. */
export function StatisticsPage() {
  const today = chinaDate(new Date())
  const [choice, setChoice] = useState<PeriodChoice>(() => currentQuarter(today))
  const [breakdown, setBreakdown] = useState<StatisticsBreakdown>('byStation')
  const [exporting, setExporting] = useState(false)
  const { message } = App.useApp()
  const period = periodOf(choice)
  const load = useCallback(() => getStatistics(period), [period])
  const { data: statistics, error, loading, reload } = useRemote(load, '读取统计失败，请稍后重试')

  const exportWorkbook = async () => {
    setExporting(true)
    try {
      await downloadStatisticsWorkbook(period)
    } catch (failure) {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '导出统计表失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          统计分析
        </Typography.Title>
        <Segmented<PeriodKind>
          aria-label="统计周期"
          value={choice.kind}
          options={(['year', 'quarter', 'month'] as const).map((kind) => ({ value: kind, label: PERIOD_KIND_LABELS[kind] }))}
          onChange={(kind) => setChoice({ ...choice, kind })}
        />
        <Select
          aria-label="年份"
          value={choice.year}
          style={{ width: 110 }}
          options={recentYears(today).map((year) => ({ value: year, label: `${year}年` }))}
          onChange={(year) => setChoice({ ...choice, year })}
        />
        {choice.kind === 'quarter' && (
          <Select
            aria-label="季度"
            value={choice.quarter}
            style={{ width: 110 }}
            options={[1, 2, 3, 4].map((quarter) => ({ value: quarter, label: `第${quarter}季度` }))}
            onChange={(quarter) => setChoice({ ...choice, quarter })}
          />
        )}
        {choice.kind === 'month' && (
          <Select
            aria-label="月份"
            value={choice.month}
            style={{ width: 100 }}
            options={Array.from({ length: 12 }, (_, index) => ({ value: index + 1, label: `${index + 1}月` }))}
            onChange={(month) => setChoice({ ...choice, month })}
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          刷新
        </Button>
        <Button type="primary" icon={<DownloadOutlined />} onClick={() => void exportWorkbook()} loading={exporting}>
          导出 XLSX
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {statistics && <StatisticsBody statistics={statistics} breakdown={breakdown} onBreakdown={setBreakdown} />}
    </Space>
  )
}

function StatisticsBody({
  statistics,
  breakdown,
  onBreakdown,
}: {
  statistics: Statistics
  breakdown: StatisticsBreakdown
  onBreakdown(next: StatisticsBreakdown): void
}) {
  const { total } = statistics
  const rows = statistics[breakdown]
  const categories = rows.map((row) => row.label)
  // Months are short labels; names of stations, items and departments need wider bars.
  const barWidth = breakdown === 'byMonth' ? 40 : 64
  return (
    <>
      <Typography.Text>
        {statistics.from} 至 {statistics.to}，{statistics.department ?? '全县'}；按收件日期归入统计期间，超期按 {statistics.today} 判定。
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <SummaryCard title="收件" value={total.received} suffix="件" />
        <SummaryCard title="受理" value={total.accepted} suffix="件" />
        <SummaryCard title="办结" value={total.completed} suffix="件" />
        <SummaryCard title="不予受理" value={total.refused} suffix="件" />
        <SummaryCard title="超期" value={total.overdue} suffix="件" />
        <SummaryCard title="即办件占比" value={formatRate(total.onTheSpotShare)} />
        <SummaryCard title="按时办结率" value={formatRate(total.onTimeRate)} />
        <SummaryCard title="好评率" value={formatRate(total.goodRate)} />
        <SummaryCard title="差评整改率" value={formatRate(total.badRectifiedRate)} />
        <SummaryCard title="帮办代办" value={total.assistedTotal} suffix="件" />
        <SummaryCard title="通办" value={total.crossRegion} suffix="件" />
        <SummaryCard title="一件事" value={total.lifeEventBundles} suffix="次" />
      </Row>
      <Segmented<StatisticsBreakdown>
        aria-label="分组方式"
        value={breakdown}
        options={STATISTICS_BREAKDOWNS.map((one) => ({ value: one.key, label: one.title }))}
        onChange={onBreakdown}
      />
      {rows.length === 0 ? (
        <Empty description="该期间没有收件" />
      ) : (
        <>
          <Row gutter={16}>
            <Col span={12}>
              <Card size="small" title="收件与办理结果">
                <BarChart
                  title="收件与办理结果"
                  barWidth={barWidth}
                  categories={categories}
                  series={[
                    { name: '办结', color: COMPLETED_COLOR, values: rows.map((row) => row.completed) },
                    { name: '不予受理', color: REFUSED_COLOR, values: rows.map((row) => row.refused) },
                    { name: '其他在办', color: OPEN_COLOR, values: rows.map((row) => row.received - row.completed - row.refused) },
                  ]}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title="通办与一件事">
                <BarChart
                  title="通办与一件事"
                  barWidth={barWidth}
                  categories={categories}
                  series={[
                    { name: '通办', color: CROSS_REGION_COLOR, values: rows.map((row) => row.crossRegion) },
                    { name: '一件事办件', color: LIFE_EVENT_COLOR, values: rows.map((row) => row.lifeEventIntakes) },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="帮办代办（按原因）">
            <BarChart
              title="帮办代办（按原因）"
              barWidth={56}
              categories={STATISTICS_ASSIST_REASONS.map((reason) => ASSIST_REASON_LABELS[reason])}
              series={[{ name: '帮办代办', color: ASSIST_COLOR, values: STATISTICS_ASSIST_REASONS.map((reason) => total.assisted[reason]) }]}
            />
          </Card>
          <BreakdownTable rows={rows} total={total} keyTitle={STATISTICS_BREAKDOWNS.find((one) => one.key === breakdown)?.keyTitle ?? ''} />
        </>
      )}
    </>
  )
}

function SummaryCard({ title, value, suffix }: { title: string; value: number | string; suffix?: string }) {
  return (
    <Col span={4}>
      <Card size="small" data-stat={title}>
        <Statistic title={title} value={value} suffix={suffix} />
      </Card>
    </Col>
  )
}

const LABEL_WIDTH = 220
const FIGURE_WIDTH = 96

/** Every figure of the breakdown, the columns of the workbook, with the 合计 row last. */
function BreakdownTable({ rows, total, keyTitle }: { rows: StatisticsRow[]; total: StatisticsRow; keyTitle: string }) {
  return (
    // The region scrolls sideways and takes focus, so a keyboard can scroll it too (WCAG 2.1.1).
    <div role="region" aria-label="分组统计表" tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table<StatisticsRow>
        rowKey="key"
        size="small"
        pagination={false}
        tableLayout="fixed"
        style={{ minWidth: LABEL_WIDTH + STATISTICS_COLUMNS.length * FIGURE_WIDTH }}
        dataSource={[...rows, { ...total, key: '__total__' }]}
        columns={[
          { title: keyTitle, dataIndex: 'label', width: LABEL_WIDTH },
          ...STATISTICS_COLUMNS.map((column) => ({
            title: column.title,
            key: column.title,
            width: FIGURE_WIDTH,
            align: 'right' as const,
            render: (_: unknown, row: StatisticsRow) => (column.percent ? formatRate(column.value(row)) : column.value(row)),
          })),
        ]}
      />
    </div>
  )
}
