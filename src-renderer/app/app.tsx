import { App as AntApp, ConfigProvider, Spin } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useSyncExternalStore } from 'react'
import { readEnrollment } from '../db/meta'
import type { StationDb } from '../db/station-db'
import { EnrollPage } from '../features/setup/enroll-page'
import type { Platform } from '../platform'
import { StationContext, useStation } from '../context/station-context'
import { StationShell } from './station-shell'
import { stationTheme } from '../context/age-friendly'
import { AgeFriendlyContext, useAgeFriendlyMode } from '../context/age-friendly-context'
import './accessibility.css'
import './age-friendly.css'

/** Height of the header plus the sync status bar, in px. */
const TOASTS_TOP = 112

export function App({ db, platform }: { db: StationDb; platform: Platform }) {
  const station = useMemo(() => ({ db, platform }), [db, platform])
  const ageFriendly = useAgeFriendlyMode()
  const theme = useMemo(() => stationTheme(ageFriendly.on), [ageFriendly.on])
  return (
    // antd draws the required asterisk and the colon inside each <label>, which would make the
    // field's name "* 申请人姓名:"; styles.css draws the asterisk beside the label instead.
    // 适老模式 is app-wide: the tokens reach every antd screen, whoever wrote it.
    <ConfigProvider locale={zhCN} theme={theme} form={{ requiredMark: false, colon: false }}>
      {/* Toasts open below the header and the sync status bar, so they never cover the menu or
          立即同步; and a message closes on time even under a resting pointer. */}
      <AntApp message={{ top: TOASTS_TOP, pauseOnHover: false }} notification={{ top: TOASTS_TOP }}>
        <StationContext value={station}>
          <AgeFriendlyContext value={ageFriendly}>
            <EnrollmentGate />
          </AgeFriendlyContext>
        </StationContext>
      </AntApp>
    </ConfigProvider>
  )
}

/** First run shows 设备注册; once the enrollment is stored (seen live), the station view. */
function EnrollmentGate() {
  const { db } = useStation()
  // Read again when the data key comes or goes: the device token is sealed at rest.
  const keyState = useSyncExternalStore(db.dataKeys.subscribe, () => db.dataKeys.state)
  const enrollment = useLiveQuery(async () => readEnrollment(db), [db, keyState])
  if (enrollment === undefined) return <Spin fullscreen description="正在打开…" />
  if (enrollment === null) return <EnrollPage />
  return <StationShell key={`${enrollment.countyUrl} ${enrollment.deviceId}`} enrollment={enrollment} />
}
