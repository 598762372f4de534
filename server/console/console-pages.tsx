import {
  AppstoreAddOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  InboxOutlined,
  LikeOutlined,
  ShopOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import type { ReactElement, ReactNode } from 'react'
import type { OperatorRole } from '../../shared/admin'
import { CalendarPage } from './calendar-page'
import { CatalogPage } from './catalog-page'
import { DashboardPage } from './dashboard-page'
import { EvaluationsPage } from './evaluations-page'
import { IntakeInbox } from './intake-inbox'
import { OperatorsPage } from './operators-page'
import { ReportsPage } from './reports-page'
import { StationItemsPage } from './station-items-page'
import { StationsPage } from './stations-page'
import { StatisticsPage } from './statistics-page'

/** One screen of the console: its address is /console/<key>, its entry in the side menu its label. */
type ConsolePage = { key: string; label: string; icon: ReactNode; render(): ReactElement; roles?: readonly OperatorRole[] }

/**
 * The console's screens in side-menu order. A new screen is one line here. `roles` limits a
 * screen to those roles (the menu hides it, and its address opens the home screen instead).
 */
const CONSOLE_PAGES: readonly ConsolePage[] = [
  { key: 'intakes', label: '办件收件箱', icon: <InboxOutlined aria-hidden />, render: () => <IntakeInbox /> },
  { key: 'dashboard', label: '首页统计', icon: <DashboardOutlined aria-hidden />, render: () => <DashboardPage /> },
  { key: 'statistics', label: '统计分析', icon: <BarChartOutlined aria-hidden />, render: () => <StatisticsPage /> },
  { key: 'stations', label: '站点与设备', icon: <ShopOutlined aria-hidden />, render: () => <StationsPage /> },
  { key: 'station-items', label: '进驻事项', icon: <AppstoreAddOutlined aria-hidden />, render: () => <StationItemsPage /> },
  { key: 'catalog', label: '事项目录', icon: <UnorderedListOutlined aria-hidden />, render: () => <CatalogPage /> },
  { key: 'calendar', label: '工作日历', icon: <CalendarOutlined aria-hidden />, render: () => <CalendarPage /> },
  { key: 'evaluations', label: '好差评', icon: <LikeOutlined aria-hidden />, render: () => <EvaluationsPage /> },
  { key: 'reports', label: '办不成事', icon: <WarningOutlined aria-hidden />, render: () => <ReportsPage /> },
  { key: 'operators', label: '账号管理', icon: <TeamOutlined aria-hidden />, render: () => <OperatorsPage />, roles: ['countyAdmin'] },
]

/** The screen at /console/ itself. */
const HOME_PAGE = CONSOLE_PAGES[0]!

const CONSOLE_BASE = '/console/'

export function pagesFor(role: OperatorRole): ConsolePage[] {
  return CONSOLE_PAGES.filter((page) => !page.roles || page.roles.includes(role))
}

/** The screen an address shows to this role: /console/<key> or below it, else the home screen. */
export function pageAt(pathname: string, role: OperatorRole): ConsolePage {
  const rest = pathname.startsWith(CONSOLE_BASE) ? pathname.slice(CONSOLE_BASE.length) : ''
  const key = rest.split('/')[0]
  return pagesFor(role).find((page) => page.key === key) ?? HOME_PAGE
}

export function addressOf(page: ConsolePage): string {
  return page === HOME_PAGE ? CONSOLE_BASE : `${CONSOLE_BASE}${page.key}`
}
