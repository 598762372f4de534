import { Alert, App, Button, Card, Empty, Form, Input, Select, Spin, Table, Tag, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useState, type HTMLAttributes } from 'react'
import { reportRecordPayloadSchema } from '../../../shared/report'
import { useStation, useSyncEngine } from '../../context/station-context'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { issuesToFields } from '../../lib/form-errors'
import { isUserError, messageOf } from '../../lib/user-error'
import { matchesCatalogQuery } from '../catalog/catalog-queries'
import { schemaRule } from '../intake/intake-form-rules'
import { useSignedInStaff } from '../staff/staff-context'
import { recordReport, type ReportEntry } from './record-report'
import { listReportRows, loadReportFormContext, type ReportRow } from './report-queries'

const FIELDS = new Set<string>(['residentName', 'residentPhone', 'itemId', 'attempted', 'happened', 'staffName'])
const SYNC_COLORS = { pending: 'gold', synced: 'green', rejected: 'red' } as const

/** 办不成事反映: the form that records a report, and the station's reports with where they stand. */
export function ReportPage() {
  const { db } = useStation()
  const context = useLiveQuery(async () => loadReportFormContext(db), [db])
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 24, maxWidth: 1100 }}>
      {context === undefined ? <Spin /> : <ReportForm items={context.items} staffName={context.staffName} />}
      <ReportList />
    </div>
  )
}

function ReportForm({ items, staffName }: { items: CatalogItemRecord[]; staffName: string }) {
  const staff = useSignedInStaff()
  const { db } = useStation()
  const sync = useSyncEngine()
  const { message } = App.useApp()
  const [form] = Form.useForm<ReportEntry>()
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const itemsById = useMemo(() => new Map(items.map((item) => [item.id, item])), [items])
  const itemOptions = useMemo(() => items.map((item) => ({ value: item.id, label: item.name })), [items])

  async function onFinish(values: ReportEntry) {
    setSaving(true)
    setFormError(null)
    try {
      await recordReport(db, { ...values, staffName: staff.displayName }, { staff })
      message.success('办不成事反映已保存，将上报县政务服务管理局')
      form.resetFields(['residentName', 'residentPhone', 'itemId', 'attempted', 'happened'])
      void sync?.syncNow()
    } catch (error) {
      if (isUserError(error) && error.issues.length > 0) {
        const { fields, unplaced } = issuesToFields(error.issues, (path) => (FIELDS.has(String(path[0])) ? String(path[0]) : null))
        form.setFields(fields as Parameters<typeof form.setFields>[0])
        setFormError(unplaced.length > 0 ? unplaced.join('；') : null)
        message.error('反映未保存，请按提示修改标红的项目')
      } else {
        setFormError(messageOf(error))
      }
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card title="办不成事反映" size="small">
      <Typography.Paragraph type="secondary">群众来办事却没有办成的，请如实记录，上报县政务服务管理局跟踪解决。</Typography.Paragraph>
      {formError ? <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<ReportEntry>
        form={form}
        name="report"
        layout="vertical"
        initialValues={{ staffName, residentName: '', residentPhone: '', attempted: '', happened: '' }}
        onFinish={(values) => void onFinish(values)}
        scrollToFirstError
      >
        <Form.Item label="反映人姓名" name="residentName" required rules={[schemaRule(reportRecordPayloadSchema.shape.residentName)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          label="联系电话"
          name="residentPhone"
          required
          rules={[schemaRule(reportRecordPayloadSchema.shape.residentPhone)]}
          extra="手机号码或固定电话（如 0691-5123456）"
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label="涉及事项（可不选）" name="itemId">
          <Select
            allowClear
            showSearch={{
              filterOption: (input, option) => {
                const candidate = option ? itemsById.get(String(option.value)) : undefined
                return candidate !== undefined && matchesCatalogQuery(candidate, input)
              },
            }}
            placeholder="输入事项名称、拼音首字母或编码搜索"
            options={itemOptions}
          />
        </Form.Item>
        <Form.Item label="想办的事" name="attempted" rules={[{ required: true, whitespace: true, message: '请填写群众想办的事' }]}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Form.Item label="遇到的问题" name="happened" rules={[{ required: true, whitespace: true, message: '请说明办不成的情况和原因' }]}>
          <Input.TextArea maxLength={1400} rows={4} />
        </Form.Item>
        <Form.Item label="经办人">
          <Typography.Text strong>{staff.displayName}</Typography.Text>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存并上报
        </Button>
      </Form>
    </Card>
  )
}

/** Live from the database: a report turns from 待上报 to 已上报 when the push confirms it. */
function ReportList() {
  const { db } = useStation()
  // An async querier: Dexie's liveQuery then keeps tracking reads past the native awaits inside
  // listReportRows (a plain arrow returning its promise loses them, and the push goes unseen).
  const rows = useLiveQuery(async () => listReportRows(db), [db])
  return (
    <Card title="本站反映记录" size="small">
      <Table<ReportRow>
        rowKey="id"
        size="middle"
        loading={rows === undefined}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="还没有办不成事反映" /> }}
        onRow={(row) => ({ 'data-report-id': row.id }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '反映人', dataIndex: 'residentName', width: 100 },
          { title: '涉及事项', dataIndex: 'itemName', width: 200 },
          { title: '情况', dataIndex: 'description', render: (text: string) => <span style={{ whiteSpace: 'pre-line' }}>{text}</span> },
          { title: '经办人', dataIndex: 'staffName', width: 90 },
          { title: '反映时间', dataIndex: 'createdAtLabel', width: 150 },
          {
            title: '上报及办理情况',
            dataIndex: 'followUpLabel',
            width: 220,
            render: (label: string, row) => (
              <>
                <Tag color={SYNC_COLORS[row.sync.state]}>{label}</Tag>
                {row.countyUpdatedAtLabel ? <Typography.Text type="secondary">{row.countyUpdatedAtLabel}</Typography.Text> : null}
                {row.countyReply ? (
                  <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-line' }}>县级答复：{row.countyReply}</Typography.Paragraph>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </Card>
  )
}
