import { Layout, Menu, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { STATION_KIND_LABELS } from '../../shared/station'
import { readMeta, type Enrollment } from '../db/meta'
import { CatalogPage } from '../features/catalog/catalog-page'
import { DailyReportPage } from '../features/daily-report/daily-report-page'
import { IntakeListPage } from '../features/intake/intake-list-page'
import { NewIntakePage } from '../features/intake/new-intake-page'
import { EndOfDayPage } from '../features/end-of-day/end-of-day-page'
import { LifeEventIntakePage } from '../features/life-event/life-event-intake-page'
import { MaintenancePage } from '../features/maintenance/maintenance-page'
import { useDailyBackup } from '../features/maintenance/use-daily-backup'
import { useDecisionNotifications } from '../features/notifications/use-decision-notifications'
import { ReportPage } from '../features/report/report-page'
import { SyncLogPage } from '../features/sync-log/sync-log-page'
import { StaffBadge, StaffGate } from '../features/staff/staff-gate'
import type { PlatformInfo } from '../platform'
import { SyncEngineContext, useStation } from '../context/station-context'
import { SyncStatusBar } from './sync-status-bar'
import { AgeFriendlyToggle } from './age-friendly-toggle'
import { MAIN_CONTENT_ID, SkipLink } from './skip-link'
import { DocumentTitle } from '../lib/use-document-title'
import { useStationSyncEngine } from './use-sync-status'

type PageKey = 'catalog' | 'newIntake' | 'intakes' | 'report' | 'dailyReport' | 'endOfDay' | 'maintenance' | 'syncLog' | 'lifeEvent'

const MENU_ITEMS: { key: PageKey; label: string }[] = [
  { key: 'catalog', label: '事项目录' },
  { key: 'newIntake', label: '新建办件' },
  { key: 'intakes', label: '办件列表' },
  { key: 'report', label: '办不成事反映' },
  { key: 'dailyReport', label: '日报表' },
  { key: 'endOfDay', label: '日终同步' },
  { key: 'maintenance', label: '本机维护' },
]

/** The station's working view once enrolled: header with the menu, sync status, and the current page. */
export function StationShell({ enrollment }: { enrollment: Enrollment }) {
  const { db, platform } = useStation()
  const engine = useStationSyncEngine(db, enrollment)
  useDecisionNotifications(engine)
  useDailyBackup(db, platform)
  const [page, setPage] = useState<PageKey>('catalog')
  // 一件事一次办 is reached from the catalog's 一件事 filter, not the menu: it needs a bundle.
  const [lifeEventId, setLifeEventId] = useState<string>()
  // The county may rename the station; the pulled copy wins over the one stored at enrollment.
  const station = useLiveQuery(async () => readMeta(db, 'station'), [db]) ?? enrollment.station
  const [info, setInfo] = useState<PlatformInfo | null>(null)

  useEffect(() => {
    let live = true
    platform.getInfo().then(
      (value) => live && setInfo(value),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [platform])

  return (
    <SyncEngineContext value={engine}>
      {/* Sync runs from enrollment on (it brings the staff accounts); the pages wait for a sign-in. */}
      <StaffGate station={station} aside={<SyncStatusBar engine={engine} />}>
        <Layout style={{ minHeight: '100vh' }}>
          <DocumentTitle page={MENU_ITEMS.find((item) => item.key === page)?.label ?? (page === 'lifeEvent' ? '一件事一次办' : '同步日志')} />
          <SkipLink />
          {/* A narrow window (1280 px) wraps the menu onto a second row; the header grows so no entry hides under the status bar. */}
          <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24, height: 'auto', minHeight: 64 }}>
            <div style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.3, whiteSpace: 'nowrap' }}>
              <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
                {station.name}
              </Typography.Title>
              <Typography.Text style={{ color: 'rgba(255,255,255,0.65)', fontSize: 12 }}>
                {`${station.countyName} ${station.township} · ${STATION_KIND_LABELS[station.kind]}`}
              </Typography.Text>
            </div>
            <nav aria-label="主菜单" style={{ flex: 1, minWidth: 0 }}>
              <Menu
                theme="dark"
                mode="horizontal"
                // The entries always fit; never fold them into a "…" overflow menu.
                disabledOverflow
                selectedKeys={[page]}
                items={MENU_ITEMS}
                onClick={({ key }) => setPage(key as PageKey)}
              />
            </nav>
            <AgeFriendlyToggle />
            <StaffBadge />
          </Layout.Header>
          <div style={{ position: 'sticky', top: 0, zIndex: 10 }}>
            <SyncStatusBar engine={engine} onOpenLog={() => setPage('syncLog')} />
          </div>
          <Layout.Content id={MAIN_CONTENT_ID} tabIndex={-1} style={{ padding: 24, background: '#fff' }}>
            {/* Only the current page is mounted, so each visit to 新建办件 starts with a fresh form. */}
            {page === 'catalog' ? (
              <CatalogPage
                onStartLifeEvent={(id) => {
                  setLifeEventId(id)
                  setPage('lifeEvent')
                }}
              />
            ) : null}
            {page === 'lifeEvent' && lifeEventId ? (
              <LifeEventIntakePage lifeEventId={lifeEventId} onDone={() => setPage('intakes')} onBack={() => setPage('catalog')} />
            ) : null}
            {page === 'newIntake' ? <NewIntakePage onSaved={() => setPage('intakes')} /> : null}
            {page === 'intakes' ? <IntakeListPage /> : null}
            {page === 'report' ? <ReportPage /> : null}
            {page === 'dailyReport' ? <DailyReportPage /> : null}
            {page === 'endOfDay' ? <EndOfDayPage /> : null}
            {page === 'maintenance' ? <MaintenancePage /> : null}
            {page === 'syncLog' ? <SyncLogPage /> : null}
          </Layout.Content>
          <Layout.Footer style={{ textAlign: 'center', color: '#595959' }}>
            {`便民服务站 · ${platform.kind === 'desktop' ? `桌面版${info ? ` ${info.version}` : ''}` : '网页版'}`}
          </Layout.Footer>
        </Layout>
      </StaffGate>
    </SyncEngineContext>
  )
}
