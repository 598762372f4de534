import { Button, Empty, Input, Table, Tag } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { HANDLING_LABELS, type ServiceItem } from '../../../shared/catalog'
import { useStation } from '../../app/station-context'
import { promisedLimitLabel } from './catalog-labels'
import { searchCatalogItems } from './catalog-queries'
import { ITEM_STATUS_COLORS, itemStatusLabel } from './catalog-status'
import { ItemGuide } from './ItemGuide'

/** 事项目录: the county's catalog as last pulled, searchable by name or code; a click opens the guide. */
export function CatalogPage() {
  const { db } = useStation()
  const [query, setQuery] = useState('')
  const [openItem, setOpenItem] = useState<ServiceItem | null>(null)
  const items = useLiveQuery(() => searchCatalogItems(db, query), [db, query])

  return (
    <>
      <Input
        allowClear
        placeholder="搜索事项"
        aria-label="搜索事项"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      <Table<ServiceItem>
        rowKey="id"
        size="middle"
        loading={items === undefined}
        dataSource={items ?? []}
        // A county publishes a few hundred items at most: one list, narrowed by the search box, beats paging.
        pagination={false}
        locale={{ emptyText: <Empty description={query ? '没有符合条件的事项' : '尚未收到事项目录，请等待与县级服务器同步'} /> }}
        onRow={(item) => ({ 'data-item-id': item.id, onClick: () => setOpenItem(item), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '事项名称',
            dataIndex: 'name',
            render: (_, item) => (
              <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}>
                {item.name}
              </Button>
            ),
          },
          { title: '实施编码', dataIndex: 'implCode', width: 140 },
          { title: '主题领域', dataIndex: 'domain', width: 110 },
          { title: '实施主体', dataIndex: 'department' },
          {
            title: '办件类型',
            dataIndex: 'handling',
            width: 90,
            render: (_, item) => <Tag color={item.handling === '1' ? 'blue' : undefined}>{HANDLING_LABELS[item.handling]}</Tag>,
          },
          { title: '承诺时限', key: 'promised', width: 100, render: (_, item) => promisedLimitLabel(item) },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (_, item) => <Tag color={ITEM_STATUS_COLORS[item.status]}>{itemStatusLabel(item.status)}</Tag>,
          },
        ]}
      />
      <ItemGuide item={openItem} onClose={() => setOpenItem(null)} />
    </>
  )
}
