import { Button, Checkbox, Empty, Input, Select, Table, Tag, theme } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useLiveQuery } from 'dexie-react-hooks'
import { memo, useCallback, useMemo, useState } from 'react'
import { AUDIENCE_LABELS, HANDLING_LABELS, type Audience } from '../../../shared/catalog'
import { useStation } from '../../context/station-context'
import { readMeta } from '../../db/meta'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { promisedLimitLabel } from './catalog-labels'
import { catalogFacets, isCatalogFilterEmpty, listCatalogItems, matchesCatalogBrowse, type CatalogFilter } from './catalog-queries'
import { createCatalogQueryIndex } from './catalog-query-index'
import { applyElsewhereNotice, lifeEventOptions, listLifeEvents, matchesStationOffer, readStationItemIds } from './catalog-reference'
import { ITEM_STATUS_COLORS, itemStatusLabel } from './catalog-status'
import { CatalogVirtualTable } from './catalog-virtual-table'
import './catalog-page.css'
import { ItemGuide } from './item-guide'
import { LifeEventDraftNotice } from '../life-event/life-event-draft-notice'

const NO_FILTER: CatalogFilter = { query: '' }
const NO_STATION_ITEMS: ReadonlySet<string> = new Set()

/**
 * From this many items the list draws only the rows in view (catalog-virtual-table.tsx). A county
 * catalog of a couple of hundred items stays antd's plain table (every row in the page, so the
 * browser's find and a screen reader see them all); more rows of antd cells cost tens of
 * milliseconds of rendering per keystroke.
 */
const CATALOG_VIRTUAL_FROM = 300

const textOptions = (values: string[]) => values.map((value) => ({ value, label: value }))

// Memoised here: their props do not change while the clerk types, so a keystroke skips them.
const DraftNotice = memo(LifeEventDraftNotice)
const Guide = memo(ItemGuide)

/**
 * 事项目录: the county's catalog as last pulled, searchable by name, pinyin (全拼或首字母) or code,
 * and browsable by 主题领域, 实施主体, 服务对象 and 一件事; a click opens the guide. 本站可办 (on by
 * default once the county has sent the station's 进驻事项) narrows it to what this station takes in.
 */
export function CatalogPage({ onStartLifeEvent }: { onStartLifeEvent?: (lifeEventId: string) => void } = {}) {
  const { db } = useStation()
  const [filter, setFilter] = useState<CatalogFilter>(NO_FILTER)
  const [openItem, setOpenItem] = useState<CatalogItemRecord | null>(null)
  const allItems = useLiveQuery(async () => listCatalogItems(db), [db])
  const bundles = useLiveQuery(async () => listLifeEvents(db), [db])
  const stationItemIds = useLiveQuery(async () => readStationItemIds(db), [db]) ?? NO_STATION_ITEMS
  const station = useLiveQuery(async () => readMeta(db, 'station'), [db])
  // Undefined until the clerk flips it: then it follows whether the station has a list at all.
  const [offeredOnlyChoice, setOfferedOnly] = useState<boolean>()
  const hasStationItems = stationItemIds.size > 0
  const offeredOnly = hasStationItems && (offeredOnlyChoice ?? true)
  const facets = useMemo(() => catalogFacets(allItems ?? []), [allItems])
  // Made once per catalog, not per keystroke: the selects would otherwise take new option lists each time.
  const options = useMemo(
    () => ({
      domains: textOptions(facets.domains),
      departments: textOptions(facets.departments),
      audiences: facets.audiences.map((audience) => ({ value: audience, label: AUDIENCE_LABELS[audience] })),
      lifeEvents: lifeEventOptions(facets.lifeEvents, bundles ?? []),
    }),
    [facets, bundles],
  )
  // Filtering in memory: the query index is built once per catalog; the browse filters and 本站可办
  // change rarely and mark which items may show; each keystroke then searches the index (the typed
  // query only) within those marks.
  const index = useMemo(() => (allItems === undefined ? undefined : createCatalogQueryIndex(allItems)), [allItems])
  const { domain, department, audience, lifeEvent } = filter
  const allowed = useMemo(() => {
    const browse = { domain, department, audience, lifeEvent }
    if (allItems === undefined || (!offeredOnly && isCatalogFilterEmpty({ query: '', ...browse }))) return undefined
    return Uint8Array.from(allItems, (item) => (matchesStationOffer(item, offeredOnly, stationItemIds) && matchesCatalogBrowse(item, browse) ? 1 : 0))
  }, [allItems, offeredOnly, stationItemIds, domain, department, audience, lifeEvent])
  const items = useMemo(() => index?.search(filter.query, allowed), [index, filter.query, allowed])
  const virtual = (allItems?.length ?? 0) >= CATALOG_VIRTUAL_FROM
  // Stable between keystrokes, so the table does not rebuild its columns and row props each time.
  const columns = useMemo(() => catalogColumns(), [])
  const onRow = useCallback(
    (item: CatalogItemRecord) =>
      ({ 'data-item-id': item.id, onClick: () => setOpenItem(item), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>,
    [],
  )
  const closeGuide = useCallback(() => setOpenItem(null), [])
  const filtered = !isCatalogFilterEmpty(filter)
  const update = useCallback((patch: Partial<CatalogFilter>) => setFilter((current) => ({ ...current, ...patch })), [])
  const clearFilter = useCallback(() => setFilter(NO_FILTER), [])
  const empty = <Empty description={filtered ? '没有符合条件的事项' : '尚未收到事项目录，请等待与县级服务器同步'} />

  return (
    <>
      {onStartLifeEvent ? <DraftNotice onContinue={onStartLifeEvent} /> : null}
      {/* A plain flex row: antd's Flex would render again on every keystroke for nothing. */}
      <div role="search" aria-label="查找事项" className="catalog-search-bar">
        <Input
          allowClear
          placeholder="事项名称、拼音或首字母、编码"
          aria-label="搜索事项"
          value={filter.query}
          onChange={(event) => update({ query: event.target.value })}
          style={{ width: 280 }}
        />
        <BrowseSelects domain={domain} department={department} audience={audience} lifeEvent={lifeEvent} options={options} update={update} />
        {/* 一件事一次办: one applicant and the shared materials once, one intake per item. */}
        {filter.lifeEvent !== undefined && onStartLifeEvent && bundles?.some((bundle) => bundle.id === filter.lifeEvent) ? (
          <Button type="primary" onClick={() => onStartLifeEvent(filter.lifeEvent!)}>
            按一件事办理
          </Button>
        ) : null}
        <OfferedOnlyCheckbox checked={offeredOnly} hasStationItems={hasStationItems} onChange={setOfferedOnly} />
        {items ? <ItemCount count={items.length} /> : null}
        <ClearFilterButton shown={filtered} onClear={clearFilter} />
      </div>
      {virtual && items !== undefined ? (
        <CatalogVirtualTable items={items} empty={empty} onOpen={setOpenItem} />
      ) : (
        <Table<CatalogItemRecord>
          rowKey="id"
          size="middle"
          loading={items === undefined}
          dataSource={items ?? []}
          // One list, narrowed by search and filters, beats paging; a large catalog is drawn virtually.
          pagination={false}
          locale={{ emptyText: empty }}
          onRow={onRow}
          columns={columns}
        />
      )}
      <Guide item={openItem} applyElsewhere={openItem ? applyElsewhereNotice(openItem, station, stationItemIds) : null} onClose={closeGuide} />
    </>
  )
}

/** 本站可办; memoised, so a keystroke does not render antd's checkbox again. */
const OfferedOnlyCheckbox = memo(function OfferedOnlyCheckbox({
  checked,
  hasStationItems,
  onChange,
}: {
  checked: boolean
  hasStationItems: boolean
  onChange: (checked: boolean) => void
}) {
  return (
    <Checkbox
      checked={checked}
      disabled={!hasStationItems}
      title={hasStationItems ? '只显示本站进驻事项' : '尚未收到本站进驻事项清单'}
      onChange={(event) => onChange(event.target.checked)}
    >
      本站可办
    </Checkbox>
  )
})

/** 共 N 项, in antd's secondary text colour: a plain span, since it changes on nearly every keystroke. */
function ItemCount({ count }: { count: number }) {
  const { token } = theme.useToken()
  return (
    <span role="status" style={{ color: token.colorTextDescription }}>
      {`共 ${count} 项`}
    </span>
  )
}

/**
 * 清除条件 stays in the row, hidden (so out of the tab order and the accessibility tree) while
 * nothing is filtered: the first keystroke then shows it without moving anything, and a keystroke
 * does not render antd's button again.
 */
const ClearFilterButton = memo(function ClearFilterButton({ shown, onClear }: { shown: boolean; onClear: () => void }) {
  return (
    <Button onClick={onClear} aria-label="清除搜索和筛选条件" style={shown ? undefined : HIDDEN}>
      清除条件
    </Button>
  )
})

const HIDDEN: React.CSSProperties = { visibility: 'hidden' }

type BrowseOptions = {
  domains: { value: string; label: string }[]
  departments: { value: string; label: string }[]
  audiences: { value: Audience; label: string }[]
  lifeEvents: { value: string; label: string }[]
}

type BrowseSelectsProps = Omit<CatalogFilter, 'query'> & { options: BrowseOptions; update: (patch: Partial<CatalogFilter>) => void }

/** 主题领域, 实施主体, 服务对象 and 一件事; memoised, so a keystroke in the search box does not render the four selects again. */
const BrowseSelects = memo(function BrowseSelects({ domain, department, audience, lifeEvent, options, update }: BrowseSelectsProps) {
  return (
    <>
      <Select
        allowClear
        aria-label="主题领域"
        placeholder="主题领域"
        value={domain}
        options={options.domains}
        onChange={(domain?: string) => update({ domain })}
        style={{ width: 150 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label="实施主体"
        placeholder="实施主体"
        value={department}
        options={options.departments}
        onChange={(department?: string) => update({ department })}
        style={{ width: 240 }}
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        aria-label="服务对象"
        placeholder="服务对象"
        value={audience}
        options={options.audiences}
        onChange={(audience?: Audience) => update({ audience })}
        style={{ width: 140 }}
      />
      <Select
        allowClear
        aria-label="一件事"
        placeholder="一件事"
        value={lifeEvent}
        options={options.lifeEvents}
        onChange={(lifeEvent?: string) => update({ lifeEvent })}
        style={{ width: 170 }}
        popupMatchSelectWidth={false}
      />
    </>
  )
})

function catalogColumns(): ColumnsType<CatalogItemRecord> {
  return [
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
  ]
}
