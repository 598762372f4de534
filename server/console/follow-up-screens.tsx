import type { ReactElement } from 'react'
import { DashboardPage } from './dashboard-page'
import { EvaluationsPage } from './evaluations-page'
import { ReportsPage } from './reports-page'

/** The console's 首页统计, 好差评 and 办不成事 screens, each at /console/<screen>. */
export type FollowUpScreen = 'dashboard' | 'evaluations' | 'reports'

const SCREENS: readonly FollowUpScreen[] = ['dashboard', 'evaluations', 'reports']

export function followUpScreenOf(pathname: string, base: string): FollowUpScreen | undefined {
  return SCREENS.find((screen) => pathname.startsWith(`${base}${screen}`))
}

export function followUpPage(screen: string): ReactElement | undefined {
  if (screen === 'dashboard') return <DashboardPage />
  if (screen === 'evaluations') return <EvaluationsPage />
  if (screen === 'reports') return <ReportsPage />
  return undefined
}
