import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Checkbox, Descriptions, Input, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import { useCallback, useState } from 'react'
import type { CalendarDetailResponse, CalendarVersion } from '../../shared/calendar'
import { ConsoleApiError, currentSession } from './api'
import { discardCalendarDraft, getCalendar, listCalendarYears, publishCalendar, saveCalendarDraft } from './calendar-api'
import { EMPTY_FORM, editOf, formOf, summaryOf, type CalendarForm } from './calendar-view'
import { formatDateTime } from './intake-view'
import { useRemote } from './use-remote'

const failureText = (failure: unknown, fallback: string) => (failure instanceof ConsoleApiError ? failure.message : fallback)

/**
 * 工作日历: each year's published version, its draft and its history. An administrator edits the
 * draft (法定节假日, 调休上班日, 地方节日 such as 傣历新年节) and publishes it as the year's next
 * version, which the stations take at their next sync. Reviewers read only.
 */
export function CalendarPage() {
  const { data, error, loading, reload } = useRemote(listCalendarYears, '读取工作日历失败，请稍后重试')
  const [year, setYear] = useState<number>()
  const [newYear, setNewYear] = useState<number | null>(null)
  const isAdmin = currentSession()?.operator.role === 'countyAdmin'

  if (year !== undefined) return <CalendarYear year={year} isAdmin={isAdmin} onBack={() => (setYear(undefined), reload())} />
  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
        {isAdmin && (
          <Space.Compact>
            <InputNumber aria-label="新增年度" placeholder="年度" min={2000} max={2100} value={newYear} onChange={setNewYear} />
            <Button icon={<PlusOutlined />} disabled={newYear === null} onClick={() => newYear !== null && setYear(newYear)}>
              编辑该年度
            </Button>
          </Space.Compact>
        )}
        <Typography.Text type="secondary">周末以外的放假日和周末的调休上班日按年度发布；发布新版本即替换该年度，各站点下次同步时采用。</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="year"
        loading={loading}
        dataSource={data?.years}
        pagination={false}
        columns={[
          { title: '年度', dataIndex: 'year' },
          { title: '现行版本', key: 'version', render: (_, row) => (row.version === null ? '未发布' : `第${row.version}版`) },
          { title: '发布时间', key: 'publishedAt', render: (_, row) => (row.publishedAt ? formatDateTime(row.publishedAt) : '—') },
          { title: '地方节日', key: 'local', render: (_, row) => row.localHolidayNames.join('、') || '—' },
          {
            title: '状态',
            key: 'status',
            render: (_, row) => (
              <Space>
                {row.provisional && <Tag color="orange">待核对通知</Tag>}
                {row.hasDraft && <Tag color="blue">有草稿</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, row) => (
              <Button size="small" onClick={() => setYear(row.year)}>
                {isAdmin ? '查看与编辑' : '查看'}
              </Button>
            ),
          },
        ]}
      />
    </>
  )
}

function CalendarYear({ year, isAdmin, onBack }: { year: number; isAdmin: boolean; onBack: () => void }) {
  const load = useCallback(() => getCalendar(year), [year])
  const { data, error, loading, reload } = useRemote(load, '读取工作日历失败，请稍后重试')
  const publishedVersion = data?.published?.version ?? null

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button onClick={onBack}>返回年度列表</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {year}年工作日历
        </Typography.Title>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="现行版本">
          {data?.published
            ? `第${data.published.version}版（${formatDateTime(data.published.publishedAt)}发布）：${summaryOf(data.published.edit)}`
            : '尚未发布'}
        </Descriptions.Item>
        <Descriptions.Item label="草稿">{data?.draft ? `${data.draft.updatedBy} 于 ${formatDateTime(data.draft.updatedAt)} 保存` : '无'}</Descriptions.Item>
      </Descriptions>
      {isAdmin && data && (
        // Keyed by what the editor starts from, so a saved draft or a new version starts it afresh.
        <CalendarEditor key={`${data.draft?.updatedAt ?? ''}/${publishedVersion ?? 0}`} year={year} detail={data} onChanged={reload} />
      )}
      {isAdmin && loading && !data && <Card title="编辑草稿" loading />}
      <Card title="发布记录">
        <Table<CalendarVersion>
          rowKey="version"
          size="small"
          dataSource={data?.history}
          pagination={false}
          columns={[
            { title: '版本', key: 'version', render: (_, version) => `第${version.version}版${version.version === publishedVersion ? '（现行）' : ''}` },
            { title: '发布时间', key: 'publishedAt', render: (_, version) => formatDateTime(version.publishedAt) },
            { title: '发布人', key: 'publishedBy', render: (_, version) => version.publishedBy ?? '随系统导入' },
            { title: '内容', key: 'summary', render: (_, version) => summaryOf(version.edit) },
          ]}
          expandable={{
            expandedRowRender: (version) => (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="法定节假日">{version.edit.holidays.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label="调休上班日">{version.edit.workdays.join('、') || '—'}</Descriptions.Item>
                {version.edit.localHolidays.map((holiday) => (
                  <Descriptions.Item key={holiday.name} label={holiday.name}>
                    {holiday.dates.join('、')}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            ),
          }}
        />
      </Card>
    </>
  )
}

/** The draft editor: starts from the draft, else from the published version, else empty. */
function CalendarEditor({ year, detail, onChanged }: { year: number; detail: CalendarDetailResponse; onChanged: () => void }) {
  const { message } = App.useApp()
  const [form, setForm] = useState<CalendarForm>(() => {
    const start = detail.draft?.edit ?? detail.published?.edit
    return start ? formOf(start) : EMPTY_FORM
  })
  const [busy, setBusy] = useState(false)
  const publishedVersion = detail.published?.version ?? null
  const nextVersion = (publishedVersion ?? 0) + 1

  const run = async (action: () => Promise<CalendarDetailResponse>, success: string, fallback: string) => {
    setBusy(true)
    try {
      await action()
      void message.success(success)
      onChanged()
    } catch (failure) {
      void message.error(failureText(failure, fallback))
    } finally {
      setBusy(false)
    }
  }

  const setLocal = (index: number, patch: Partial<CalendarForm['localHolidays'][number]>) =>
    setForm({ ...form, localHolidays: form.localHolidays.map((holiday, at) => (at === index ? { ...holiday, ...patch } : holiday)) })

  return (
    <Card title="编辑草稿" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        每行一个日期（yyyy-mm-dd），也可用逗号、顿号分隔。法定节假日含放假期间的周末；调休上班日只列周末。地方节日的日期不要再列入法定节假日。
      </Typography.Paragraph>
      <Space align="start" wrap size="large">
        <label>
          <div>法定节假日</div>
          <Input.TextArea
            aria-label="法定节假日"
            rows={12}
            style={{ width: 180 }}
            value={form.holidays}
            onChange={(event) => setForm({ ...form, holidays: event.target.value })}
          />
        </label>
        <label>
          <div>调休上班日</div>
          <Input.TextArea
            aria-label="调休上班日"
            rows={12}
            style={{ width: 180 }}
            value={form.workdays}
            onChange={(event) => setForm({ ...form, workdays: event.target.value })}
          />
        </label>
        <div>
          <div>地方节日</div>
          {form.localHolidays.map((holiday, index) => (
            <Space key={index} align="start" style={{ marginBottom: 8 }}>
              <Input
                aria-label={`地方节日${index + 1}名称`}
                placeholder="名称，如 傣历新年节"
                value={holiday.name}
                onChange={(event) => setLocal(index, { name: event.target.value })}
              />
              <Input.TextArea
                aria-label={`地方节日${index + 1}日期`}
                rows={3}
                style={{ width: 160 }}
                value={holiday.dates}
                onChange={(event) => setLocal(index, { dates: event.target.value })}
              />
              <Button onClick={() => setForm({ ...form, localHolidays: form.localHolidays.filter((_, at) => at !== index) })}>删除</Button>
            </Space>
          ))}
          <div>
            <Button icon={<PlusOutlined />} onClick={() => setForm({ ...form, localHolidays: [...form.localHolidays, { name: '', dates: '' }] })}>
              添加地方节日
            </Button>
          </div>
        </div>
      </Space>
      <div style={{ marginTop: 12 }}>
        <Checkbox checked={form.provisional} onChange={(event) => setForm({ ...form, provisional: event.target.checked })}>
          国务院放假通知尚未发布（待核对）
        </Checkbox>
      </div>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={busy} onClick={() => void run(() => saveCalendarDraft(year, editOf(form)), '草稿已保存', '保存失败，请稍后重试')}>
          保存草稿
        </Button>
        <Popconfirm
          title={publishedVersion === null ? `发布${year}年工作日历第1版？` : `发布第${nextVersion}版，替换现行的第${publishedVersion}版？`}
          description="各站点下次同步时采用；已出具的办结期限不变。"
          okText="发布"
          cancelText="取消"
          disabled={!detail.draft}
          onConfirm={() => void run(() => publishCalendar(year, publishedVersion), `已发布${year}年工作日历第${nextVersion}版`, '发布失败，请稍后重试')}
        >
          <Button disabled={!detail.draft || busy}>发布草稿</Button>
        </Popconfirm>
        <Button disabled={!detail.draft || busy} onClick={() => void run(() => discardCalendarDraft(year), '草稿已放弃', '操作失败，请稍后重试')}>
          放弃草稿
        </Button>
        {!detail.draft && <Typography.Text type="secondary">先保存草稿，核对后再发布。</Typography.Text>}
      </Space>
    </Card>
  )
}
