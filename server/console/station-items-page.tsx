import { ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Checkbox, Radio, Select, Space, Table, Tag, Typography } from 'antd'
import { useCallback, useMemo, useState } from 'react'
import type { AdminStation } from '../../shared/admin'
import { LEVEL_LABELS, type Level } from '../../shared/catalog'
import type { CatalogItemSummary } from '../../shared/catalog-admin'
import { STATION_KIND_LABELS } from '../../shared/station'
import type { StationItemsTemplate } from '../../shared/station-admin'
import { ConsoleApiError, listStations } from './api'
import { listCatalogItems } from './catalog-api'
import { assignStationItems, getStationItems } from './station-admin-api'
import { useRemote } from './use-remote'

type TemplateKind = StationItemsTemplate['kind']
const LEVELS: Level[] = ['4', '5', '6']

/**
 * 进驻事项: each station's list, and assigning lists in bulk: choose stations (or a whole 乡镇),
 * a template (行使层级, the standard list for the station's kind, or another station's list),
 * and whether it replaces or adds to what they have. Stations receive their list at the next pull.
 */
export function StationItemsPage() {
  const { message } = App.useApp()
  const { data: stations, error, loading, reload } = useRemote(listStations, '读取站点失败，请稍后重试')
  const { data: items } = useRemote(listCatalogItems, '读取事项目录失败，请稍后重试')
  const [selected, setSelected] = useState<string[]>([])
  const [township, setTownship] = useState<string>()
  const [templateKind, setTemplateKind] = useState<TemplateKind>('levels')
  const [levels, setLevels] = useState<Level[]>(['6'])
  const [fromStation, setFromStation] = useState<string>()
  const [mode, setMode] = useState<'replace' | 'add'>('replace')
  const [saving, setSaving] = useState(false)
  const [version, setVersion] = useState(0)

  const townships = useMemo(() => [...new Set((stations ?? []).map((station) => station.township))], [stations])
  const shown = useMemo(() => (stations ?? []).filter((station) => !township || station.township === township), [stations, township])
  const itemsById = useMemo(() => new Map((items ?? []).map((item) => [item.id, item])), [items])

  const template = (): StationItemsTemplate | undefined => {
    if (templateKind === 'levels') return levels.length > 0 ? { kind: 'levels', levels } : undefined
    if (templateKind === 'copy') return fromStation ? { kind: 'copy', fromStation } : undefined
    return { kind: 'standard' }
  }

  const apply = async () => {
    const chosen = template()
    if (!chosen) {
      void message.error(templateKind === 'levels' ? '请至少选择一个行使层级' : '请选择要复制的站点')
      return
    }
    setSaving(true)
    try {
      const answer = await assignStationItems({ stationCodes: selected, template: chosen, mode })
      void message.success(`已为 ${answer.stations.length} 个站点设置进驻事项，站点下次同步时生效`)
      setVersion((current) => current + 1)
      reload()
    } catch (failure) {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '设置失败，请稍后重试')
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <Card title="批量设置进驻事项" size="small" style={{ marginBottom: 16 }} data-testid="station-items-bulk">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>模板：</Typography.Text>
            <Radio.Group
              value={templateKind}
              onChange={(event) => setTemplateKind(event.target.value as TemplateKind)}
              options={[
                { value: 'levels', label: '按行使层级' },
                { value: 'standard', label: '按站点类型的标准清单' },
                { value: 'copy', label: '复制另一站点' },
              ]}
            />
          </Space>
          {templateKind === 'levels' ? (
            <Checkbox.Group
              aria-label="行使层级"
              value={levels}
              onChange={(value) => setLevels(value)}
              options={LEVELS.map((level) => ({ value: level, label: `${LEVEL_LABELS[level]}事项` }))}
            />
          ) : null}
          {templateKind === 'copy' ? (
            <Select
              aria-label="复制哪个站点的进驻事项"
              style={{ width: 320 }}
              placeholder="选择站点"
              value={fromStation}
              onChange={setFromStation}
              options={(stations ?? []).map((station) => ({ value: station.code, label: `${station.name}（${station.itemCount} 项）` }))}
            />
          ) : null}
          <Space wrap>
            <Radio.Group
              value={mode}
              onChange={(event) => setMode(event.target.value as 'replace' | 'add')}
              options={[
                { value: 'replace', label: '替换原有清单' },
                { value: 'add', label: '追加到原有清单' },
              ]}
            />
            <Button type="primary" disabled={selected.length === 0} loading={saving} onClick={() => void apply()}>
              应用到所选站点（{selected.length}）
            </Button>
          </Space>
        </Space>
      </Card>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          aria-label="按乡镇筛选"
          allowClear
          placeholder="全部乡镇"
          style={{ width: 220 }}
          value={township}
          onChange={setTownship}
          options={townships.map((name) => ({ value: name, label: name }))}
        />
        <Button disabled={shown.length === 0} onClick={() => setSelected(shown.map((station) => station.code))}>
          选中{township ?? '列表中'}的全部站点
        </Button>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<AdminStation>
        rowKey="code"
        loading={loading}
        dataSource={shown}
        pagination={false}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        onRow={(station) => ({ 'data-station-code': station.code }) as React.HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (station) => <StationItemList key={`${station.code}-${version}`} stationCode={station.code} itemsById={itemsById} /> }}
        columns={[
          { title: '站点编码', dataIndex: 'code' },
          { title: '站点名称', dataIndex: 'name' },
          { title: '类型', key: 'kind', render: (_, station) => STATION_KIND_LABELS[station.kind] },
          { title: '所属乡镇', dataIndex: 'township' },
          {
            title: '进驻事项',
            key: 'itemCount',
            render: (_, station) => (station.itemCount > 0 ? `${station.itemCount} 项` : <Tag color="orange">未设置</Tag>),
          },
          { title: '状态', key: 'status', render: (_, station) => (station.deactivatedAt ? <Tag>已停用</Tag> : <Tag color="green">使用中</Tag>) },
        ]}
      />
    </>
  )
}

/** One station's 进驻事项 by name, with each item's 行使层级 and 实施主体. */
function StationItemList({ stationCode, itemsById }: { stationCode: string; itemsById: ReadonlyMap<string, CatalogItemSummary> }) {
  const load = useCallback(() => getStationItems(stationCode), [stationCode])
  const { data, error, loading } = useRemote(load, '读取进驻事项失败，请稍后重试')
  if (error) return <Alert type="error" showIcon title={error} />
  const rows = (data?.itemIds ?? []).map((id) => itemsById.get(id) ?? { id, name: id, department: '', levels: [] as Level[] })
  return (
    <Table
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: '尚未设置进驻事项' }}
      columns={[
        { title: '事项名称', dataIndex: 'name' },
        { title: '实施主体', dataIndex: 'department' },
        { title: '行使层级', key: 'levels', render: (_, item) => item.levels.map((level) => LEVEL_LABELS[level]).join('、') },
      ]}
    />
  )
}
