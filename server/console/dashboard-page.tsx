import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd'
import { useCallback } from 'react'
import { DEVICE_SILENT_HOURS, type Dashboard } from '../../shared/dashboard'
import { EVALUATION_RATING_LABELS, type EvaluationRating } from '../../shared/evaluation'
import { BarChart } from './bar-chart'
import { getDashboard } from './follow-up-api'
import { formatDateTime } from './intake-view'
import { useRemote } from './use-remote'

const STATION_COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#a0d911', '#2f54eb']
const RATING_BAR_COLORS = ['#52c41a', '#95de64', '#1677ff', '#fa8c16', '#f5222d']

type DeviceRow = Dashboard['devices'][number]

/** 首页统计: intakes per station per day, overdue intakes, ratings and open 差评, and each device's last contact. */
export function DashboardPage() {
  const load = useCallback(() => getDashboard(), [])
  const { data: dashboard, error, loading, reload } = useRemote(load, '读取统计失败，请稍后重试')

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          首页统计
        </Typography.Title>
        {dashboard && <Typography.Text type="secondary">统计日 {dashboard.today}</Typography.Text>}
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {dashboard && <DashboardBody dashboard={dashboard} />}
    </Space>
  )
}

function DashboardBody({ dashboard }: { dashboard: Dashboard }) {
  const silent = dashboard.devices.filter((device) => device.silent).length
  const activeStations = dashboard.intakesByStation.filter((station) => station.total > 0)
  return (
    <>
      <Row gutter={16}>
        <Col span={4}>
          <Card size="small" data-stat="intakes14">
            <Statistic title="近14天收件" value={dashboard.intakesByStation.reduce((sum, station) => sum + station.total, 0)} suffix="件" />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small" data-stat="overdueIntakes">
            <Statistic
              title="逾期未办结"
              value={dashboard.overdueIntakes.total}
              suffix="件"
              styles={{ content: { color: dashboard.overdueIntakes.total > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small" data-stat="ratings">
            <Statistic title="评价总数" value={dashboard.ratings.total} suffix="条" />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small" data-stat="badOpen">
            <Statistic
              title="差评待整改"
              value={dashboard.ratings.badOpen}
              suffix="条"
              styles={{ content: { color: dashboard.ratings.badOpen > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small" data-stat="reportsOpen">
            <Statistic title="办不成事未办结" value={dashboard.reportsOpen} suffix="条" />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small" data-stat="silentDevices">
            <Statistic
              title={`超过${DEVICE_SILENT_HOURS / 24}天未同步设备`}
              value={silent}
              suffix="台"
              styles={{ content: { color: silent > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="近14天各站点收件量（按县级收件日）">
        {activeStations.length === 0 ? (
          <Empty description="近14天没有收件" />
        ) : (
          <BarChart
            title="近14天各站点收件量"
            categories={dashboard.days.map((day) => day.slice(5))}
            series={activeStations.map((station, index) => ({
              name: station.stationName,
              color: STATION_COLORS[index % STATION_COLORS.length] ?? '#1677ff',
              values: station.counts,
            }))}
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="评价分布">
            <BarChart
              title="评价分布"
              barWidth={56}
              categories={dashboard.ratings.byRating.map((row) => EVALUATION_RATING_LABELS[row.rating as EvaluationRating])}
              series={dashboard.ratings.byRating.map((row, index) => ({
                name: EVALUATION_RATING_LABELS[row.rating as EvaluationRating],
                color: RATING_BAR_COLORS[index] ?? '#1677ff',
                values: dashboard.ratings.byRating.map((other) => (other.rating === row.rating ? row.count : 0)),
              }))}
            />
            <Typography.Paragraph style={{ marginTop: 8 }}>
              差评待整改 {dashboard.ratings.badOpen} 条，其中已逾期{' '}
              <Typography.Text type={dashboard.ratings.badOverdue > 0 ? 'danger' : undefined}>{dashboard.ratings.badOverdue}</Typography.Text> 条
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="逾期未办结办件（按站点）">
            {dashboard.overdueIntakes.byStation.length === 0 ? (
              <Empty description="没有逾期办件" />
            ) : (
              <BarChart
                title="逾期未办结办件"
                barWidth={56}
                categories={dashboard.overdueIntakes.byStation.map((row) => row.stationName)}
                series={[{ name: '逾期', color: '#f5222d', values: dashboard.overdueIntakes.byStation.map((row) => row.count) }]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title="设备同步情况">
        <Table<DeviceRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={dashboard.devices}
          locale={{ emptyText: '尚无注册设备' }}
          onRow={(row) => ({ 'data-device-id': row.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '站点', dataIndex: 'stationName' },
            { title: '设备', dataIndex: 'name' },
            { title: '最近连接', key: 'lastSeenAt', render: (_, row) => (row.lastSeenAt ? formatDateTime(row.lastSeenAt) : '从未连接') },
            {
              title: '状态',
              key: 'health',
              render: (_, row) =>
                row.revoked ? <Tag>已停用</Tag> : row.silent ? <Tag color="red">超过{DEVICE_SILENT_HOURS / 24}天未同步</Tag> : <Tag color="green">正常</Tag>,
            },
          ]}
        />
      </Card>
    </>
  )
}
