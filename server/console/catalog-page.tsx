import { DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Input, Popconfirm, Space, Statistic, Table, Tabs, Tag, Typography, Upload } from 'antd'
import { useMemo, useState } from 'react'
import {
  CATALOG_DIFF_KIND_LABELS,
  type CatalogDiffEntry,
  type CatalogDiffKind,
  type CatalogFileFormat,
  type CatalogImportError,
  type CatalogImportResponse,
  type CatalogItemSummary,
  type CatalogVersion,
} from '../../shared/catalog-admin'
import { ITEM_STATUS_LABELS, LEVEL_LABELS, type ItemStatus } from '../../shared/catalog'
import { limitDaysLabel } from '../../shared/working-days'
import { ConsoleApiError, currentSession } from './api'
import { exportCatalog, importCatalog, listCatalogItems, listCatalogVersions, publishCatalog } from './catalog-api'
import { filterCatalogItems, saveCatalogFile } from './catalog-view'
import { DepartmentContactsPanel } from './department-contacts-panel'
import { formatDateTime } from './intake-view'
import { useRemote } from './use-remote'

const STATUS_COLORS: Record<ItemStatus, string> = { active: 'green', suspended: 'orange', withdrawn: 'default' }
const KIND_COLORS: Record<CatalogDiffKind, string> = { added: 'blue', changed: 'cyan', suspended: 'orange', withdrawn: 'red' }
const NO_ITEMS: CatalogItemSummary[] = []

type Imported = { fileName: string; answer: CatalogImportResponse }

/** 事项目录: the published items, export, import as a draft with its errors or its diff, publishing, and the versions published. */
export function CatalogPage() {
  const { message } = App.useApp()
  const items = useRemote(listCatalogItems, '读取事项目录失败，请稍后重试')
  const versions = useRemote(listCatalogVersions, '读取发布记录失败，请稍后重试')
  const [query, setQuery] = useState('')
  const [busy, setBusy] = useState<'csv' | 'xlsx' | 'import' | 'publish'>()
  const [imported, setImported] = useState<Imported>()

  const shown = useMemo(() => filterCatalogItems(items.data ?? NO_ITEMS, query), [items.data, query])

  const failed = (failure: unknown, fallback: string) => void message.error(failure instanceof ConsoleApiError ? failure.message : fallback)

  const download = async (format: CatalogFileFormat) => {
    setBusy(format)
    try {
      saveCatalogFile(await exportCatalog(format))
    } catch (failure) {
      failed(failure, '导出失败，请稍后重试')
    } finally {
      setBusy(undefined)
    }
  }

  const upload = async (file: File) => {
    setBusy('import')
    setImported(undefined)
    try {
      setImported({ fileName: file.name, answer: await importCatalog(file) })
    } catch (failure) {
      failed(failure, '导入失败，请稍后重试')
    } finally {
      setBusy(undefined)
    }
  }

  const publish = async (draftId: string) => {
    setBusy('publish')
    try {
      const version = await publishCatalog(draftId)
      void message.success(`已发布为第 ${version.version} 版，各站点下次同步时更新`)
      setImported(undefined)
      items.reload()
      versions.reload()
    } catch (failure) {
      failed(failure, '发布失败，请稍后重试')
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>当前目录：第 {versions.data?.currentVersion ?? '…'} 版</Typography.Text>
        <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => void download('csv')}>
          导出 CSV
        </Button>
        <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')}>
          导出 XLSX
        </Button>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file)
            return false
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy === 'import'}>
            导入
          </Button>
        </Upload>
        <Typography.Text type="secondary">先导出一份作为模板，修改后导入；导入只生成草稿，确认差异后再发布。</Typography.Text>
      </Space>

      {imported && <ImportResult imported={imported} publishing={busy === 'publish'} onPublish={publish} onDiscard={() => setImported(undefined)} />}

      <Tabs
        items={[
          {
            key: 'items',
            label: '已发布事项',
            children: (
              <>
                <Space style={{ marginBottom: 16 }}>
                  <Input.Search
                    aria-label="查找事项"
                    placeholder="按编码、名称、部门或领域查找"
                    allowClear
                    style={{ width: 320 }}
                    onSearch={setQuery}
                    onChange={(event) => setQuery(event.target.value)}
                  />
                  <Button icon={<ReloadOutlined />} onClick={items.reload}>
                    刷新
                  </Button>
                </Space>
                {items.error && <Alert type="error" showIcon title={items.error} style={{ marginBottom: 16 }} />}
                <Table<CatalogItemSummary>
                  rowKey="id"
                  size="middle"
                  loading={items.loading}
                  dataSource={shown}
                  pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => `共 ${total} 项` }}
                  locale={{ emptyText: '没有符合条件的事项' }}
                  expandable={{ expandedRowRender: (item) => <GuideDetails item={item} /> }}
                  columns={[
                    { title: '事项编码', dataIndex: 'id' },
                    { title: '事项名称', dataIndex: 'name' },
                    { title: '实施主体', dataIndex: 'department' },
                    { title: '行使层级', key: 'levels', render: (_, item) => item.levels.map((level) => LEVEL_LABELS[level]).join('、') },
                    { title: '承诺时限', key: 'promised', render: (_, item) => limitDaysLabel(item.promisedLimitDays, item.limitUnit) },
                    { title: '状态', key: 'status', render: (_, item) => <Tag color={STATUS_COLORS[item.status]}>{ITEM_STATUS_LABELS[item.status]}</Tag> },
                    { title: '版本', dataIndex: 'version', render: (version: number) => `第 ${version} 版` },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'versions',
            label: '发布记录',
            children: (
              <>
                {versions.error && <Alert type="error" showIcon title={versions.error} style={{ marginBottom: 16 }} />}
                <Table<CatalogVersion>
                  rowKey="version"
                  size="middle"
                  loading={versions.loading}
                  dataSource={versions.data?.versions}
                  pagination={false}
                  locale={{ emptyText: '尚未从后台发布过目录（当前为初始目录）' }}
                  columns={[
                    { title: '版本', dataIndex: 'version', render: (version: number) => `第 ${version} 版` },
                    { title: '发布人', dataIndex: 'publishedBy' },
                    { title: '发布时间', key: 'publishedAt', render: (_, version) => formatDateTime(version.publishedAt) },
                    { title: '导入文件', dataIndex: 'fileName' },
                    { title: '新增', key: 'added', render: (_, version) => version.counts.added },
                    { title: '变更', key: 'changed', render: (_, version) => version.counts.changed },
                    { title: '暂停', key: 'suspended', render: (_, version) => version.counts.suspended },
                    { title: '取消', key: 'withdrawn', render: (_, version) => version.counts.withdrawn },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'contacts',
            label: '部门联系电话',
            children: (
              <DepartmentContactsPanel
                canEdit={currentSession()?.operator.role === 'countyAdmin'}
                onPublished={() => {
                  items.reload()
                  versions.reload()
                }}
              />
            ),
          },
        ]}
      />
    </Space>
  )
}

/** The 办事指南 fields of an item as a resident would be told them (issue 11 §6). */
function GuideDetails({ item }: { item: CatalogItemSummary }) {
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'phone', label: '咨询电话', children: item.consultPhone || '请咨询窗口（未填写，见“部门联系电话”）' },
        { key: 'complaint', label: '监督投诉电话', children: item.complaintPhone ?? '—' },
        { key: 'result', label: '办理结果', children: item.resultDescription ?? '—' },
        { key: 'online', label: '网上办理地址', children: item.onlineUrl ?? '不提供网上办理' },
        {
          key: 'process',
          label: '办理流程',
          children: item.processSteps?.length ? (
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {item.processSteps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          ) : (
            '—'
          ),
        },
      ]}
    />
  )
}

function ImportResult({
  imported,
  publishing,
  onPublish,
  onDiscard,
}: {
  imported: Imported
  publishing: boolean
  onPublish: (draftId: string) => Promise<void>
  onDiscard: () => void
}) {
  const { answer, fileName } = imported
  if (!answer.ok) {
    const more = answer.errorCount > answer.errors.length ? `（仅列出前 ${answer.errors.length} 处）` : ''
    return (
      <Card title={`导入结果：${fileName}`} extra={<Button onClick={onDiscard}>关闭</Button>} data-testid="catalog-import-errors">
        <Alert
          type="error"
          showIcon
          title={`文件中有 ${answer.errorCount} 处错误${more}，目录未作任何改动。请按下表修改文件后重新导入。`}
          style={{ marginBottom: 16 }}
        />
        <Table<CatalogImportError>
          rowKey={(error) => `${error.row}|${error.column}|${error.message}`}
          size="small"
          dataSource={answer.errors}
          pagination={answer.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          columns={[
            { title: '行号', dataIndex: 'row', width: 80, render: (row: number) => (row > 0 ? `第 ${row} 行` : '整个文件') },
            { title: '列', dataIndex: 'column', width: 200, render: (column: string) => column || '—' },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      </Card>
    )
  }
  const { counts, entries } = answer.diff
  const nothing = entries.length === 0
  return (
    <Card
      title={`导入预览（草稿）：${fileName}`}
      data-testid="catalog-import-diff"
      extra={
        <Space>
          <Button onClick={onDiscard}>放弃</Button>
          <Popconfirm
            title={`发布为第 ${answer.baseVersion + 1} 版？`}
            description="发布后各站点下次同步即收到变化；已受理的办件仍按原版本办理。"
            okText="发布"
            cancelText="取消"
            disabled={nothing}
            onConfirm={() => onPublish(answer.draftId)}
          >
            <Button type="primary" loading={publishing} disabled={nothing}>
              发布
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic title="新增" value={counts.added} />
        <Statistic title="变更" value={counts.changed} />
        <Statistic title="暂停" value={counts.suspended} />
        <Statistic title="取消" value={counts.withdrawn} />
        <Statistic title="未变" value={counts.unchanged} />
        <Statistic title="文件未列出（保持不变）" value={counts.notInFile} />
      </Space>
      {nothing ? (
        <Alert type="info" showIcon title="文件与已发布的目录相同，无需发布。" />
      ) : (
        <Table<CatalogDiffEntry>
          rowKey="id"
          size="small"
          dataSource={entries}
          pagination={entries.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          columns={[
            {
              title: '类型',
              dataIndex: 'kind',
              width: 90,
              render: (kind: CatalogDiffKind) => <Tag color={KIND_COLORS[kind]}>{CATALOG_DIFF_KIND_LABELS[kind]}</Tag>,
            },
            { title: '事项编码', dataIndex: 'id', width: 160 },
            { title: '事项名称', dataIndex: 'name' },
            { title: '变化的列', dataIndex: 'fields', render: (fields: string[]) => (fields.length > 0 ? fields.join('、') : '—') },
          ]}
        />
      )}
    </Card>
  )
}
