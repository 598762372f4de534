import { theme } from 'antd'
import { memo, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react'
import { HANDLING_LABELS } from '../../../shared/catalog'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { promisedLimitLabel } from './catalog-labels'
import { ITEM_STATUS_COLORS, itemStatusLabel } from './catalog-status'
import './catalog-virtual-table.css'

/** The list's height; the rows beyond it are not in the page until scrolled to. */
const BODY_HEIGHT = 600
/** Rows drawn above and below the visible ones, so a scroll shows drawn rows before the next render. */
const OVERSCAN = 5
/** Cell padding above and below (antd's middle table), plus the row's bottom line. */
const ROW_CHROME = 2 * 12 + 1

const COLUMNS: { title: string; width: number }[] = [
  { title: '事项名称', width: 420 },
  { title: '实施编码', width: 140 },
  { title: '主题领域', width: 110 },
  { title: '实施主体', width: 260 },
  { title: '办件类型', width: 90 },
  { title: '承诺时限', width: 100 },
  { title: '状态', width: 80 },
]

type PresetColor = 'blue' | 'green' | 'orange' | 'red'

/**
 * The 事项目录 list of a large catalog: a plain table of which only the rows in view (and a few
 * around them) are in the page, between two spacer rows that keep the scroll height. antd's
 * virtual table costs tens of milliseconds per keystroke over thousands of items (its cells are
 * components with styles of their own); here a keystroke re-renders a few dozen plain rows.
 * Rows have one fixed height (a long name ends in "…", whole in its tooltip), so the rows in
 * view follow from the scroll position alone. The columns, row attributes and the name's button
 * are those of the small catalog's antd table, so the same selectors and roles reach both.
 */
export function CatalogVirtualTable({
  items,
  empty,
  onOpen,
}: {
  items: readonly CatalogItemRecord[]
  empty: ReactNode
  onOpen: (item: CatalogItemRecord) => void
}) {
  const { token } = theme.useToken()
  const rowHeight = Math.ceil(token.fontSize * token.lineHeight) + ROW_CHROME
  const body = useRef<HTMLDivElement>(null)
  // The first row in view, for the list it was scrolled in: a new result list starts at its top.
  const [scrolled, setScrolled] = useState({ items, firstInView: 0 })
  const firstInView = scrolled.items === items ? scrolled.firstInView : 0
  // Only a list scrolled away from its top is moved back: touching scrollTop makes the browser lay the page out there and then.
  const scrolledAway = useRef(false)
  useLayoutEffect(() => {
    if (body.current !== null && scrolledAway.current) {
      body.current.scrollTop = 0
      scrolledAway.current = false
    }
  }, [items])
  // A keystroke's new list starts at its top and draws one row beyond the view; the rows around
  // (OVERSCAN) wait for the clerk's first scroll of that list, so typing lays out fewer rows.
  const overscan = scrolled.items === items ? OVERSCAN : 1
  const first = Math.max(0, firstInView - overscan)
  const end = Math.min(items.length, firstInView + Math.ceil(BODY_HEIGHT / rowHeight) + overscan)
  // antd's preset tag colours (fill and edge; the text is black, accessibility.css), one object per colour so rows compare equal.
  const tagStyles = useMemo(() => {
    const colors = (color: PresetColor): CSSProperties => ({ background: token[`${color}1`], borderColor: token[`${color}3`] })
    return {
      plain: { background: token.colorFillQuaternary, borderColor: token.colorBorder },
      blue: colors('blue'),
      green: colors('green'),
      orange: colors('orange'),
      red: colors('red'),
    }
  }, [token])
  // A list that fills the view has one fixed height, so it is contained strictly (size included): the
  // browser then lays a keystroke's rows out from the list itself, never from the page above it.
  const full = (items.length + 1) * rowHeight >= BODY_HEIGHT
  const style = {
    '--catalog-row-height': `${rowHeight}px`,
    '--catalog-link': token.colorLink,
    '--catalog-link-hover': token.colorLinkHover,
    '--catalog-line': token.colorBorderSecondary,
    '--catalog-header': token.colorFillAlter,
    '--catalog-background': token.colorBgContainer,
    '--catalog-text': token.colorText,
    '--catalog-tag-font-size': `${token.fontSizeSM}px`,
    '--catalog-tag-line-height': `${Math.round(token.fontSizeSM * token.lineHeightSM)}px`,
    maxHeight: BODY_HEIGHT,
    height: full ? BODY_HEIGHT : undefined,
  } as CSSProperties
  const rows: ReactNode[] = []
  for (let at = first; at < end; at++) {
    const item = items[at]!
    rows.push(
      <CatalogRow
        // Keyed by place in the list, not by item: a keystroke then rewrites the text of the rows in
        // view instead of replacing them, and the browser restyles no new elements.
        key={at}
        item={item}
        rowIndex={at + 2}
        onOpen={onOpen}
        handlingStyle={item.handling === '1' ? tagStyles.blue : tagStyles.plain}
        statusStyle={tagStyles[ITEM_STATUS_COLORS[item.status] as PresetColor]}
      />,
    )
  }
  return (
    <div
      ref={body}
      className={full ? 'catalog-virtual-table catalog-virtual-table-full' : 'catalog-virtual-table'}
      style={style}
      tabIndex={0}
      role="region"
      aria-label="事项列表"
      onScroll={(event) => {
        scrolledAway.current = event.currentTarget.scrollTop > 0
        const next = Math.floor(event.currentTarget.scrollTop / rowHeight)
        // The same object when nothing moved a whole row: React then skips the render.
        setScrolled((current) => (current.items === items && current.firstInView === next ? current : { items, firstInView: next }))
      }}
    >
      <table aria-rowcount={items.length + 1}>
        <colgroup>
          {COLUMNS.map((column) => (
            <col key={column.title} style={{ width: column.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((column) => (
              <th key={column.title} scope="col">
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 ? <tr aria-hidden className="catalog-virtual-spacer" style={{ height: first * rowHeight }} /> : null}
          {rows}
          {end < items.length ? <tr aria-hidden className="catalog-virtual-spacer" style={{ height: (items.length - end) * rowHeight }} /> : null}
        </tbody>
      </table>
      {items.length === 0 ? <div className="catalog-virtual-empty">{empty}</div> : null}
    </div>
  )
}

type RowProps = {
  item: CatalogItemRecord
  rowIndex: number
  onOpen: (item: CatalogItemRecord) => void
  handlingStyle: CSSProperties
  statusStyle: CSSProperties
}

// Memoised: a row that keeps its item and place across a scroll is not rendered again.
const CatalogRow = memo(function CatalogRow({ item, rowIndex, onOpen, handlingStyle, statusStyle }: RowProps) {
  return (
    <tr data-item-id={item.id} aria-rowindex={rowIndex} onClick={() => onOpen(item)}>
      <td title={item.name}>
        <button type="button" className="catalog-virtual-link">
          {item.name}
        </button>
      </td>
      <td>{item.implCode}</td>
      <td>{item.domain}</td>
      <td title={item.department}>{item.department}</td>
      <td>
        <span className="catalog-virtual-tag" style={handlingStyle}>
          {HANDLING_LABELS[item.handling]}
        </span>
      </td>
      <td>{promisedLimitLabel(item)}</td>
      <td>
        <span className="catalog-virtual-tag" style={statusStyle}>
          {itemStatusLabel(item.status)}
        </span>
      </td>
    </tr>
  )
})
