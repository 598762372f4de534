import { App as AntApp, Button, ConfigProvider, Layout, Menu, Space, Typography } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import { useEffect, useState } from 'react'
import { OPERATOR_ROLE_LABELS } from '../../shared/admin'
import { currentSession, onSessionChange, signOut, type Session } from './api'
import { CatalogPage } from './catalog-page'
import { followUpPage, followUpScreenOf, type FollowUpScreen } from './follow-up-screens'
import { IntakeInbox } from './intake-inbox'
import { LoginPage } from './login-page'
import { OperatorsPage } from './operators-page'
import { StationItemsPage } from './station-items-page'
import { StationsPage } from './stations-page'

type Screen = 'intakes' | 'stations' | 'station-items' | 'catalog' | 'operators' | FollowUpScreen

const BASE = '/console/'

function screenOf(pathname: string): Screen {
  const followUp = followUpScreenOf(pathname, BASE)
  if (followUp) return followUp
  if (pathname.startsWith(`${BASE}station-items`)) return 'station-items'
  if (pathname.startsWith(`${BASE}stations`)) return 'stations'
  if (pathname.startsWith(`${BASE}catalog`)) return 'catalog'
  if (pathname.startsWith(`${BASE}operators`)) return 'operators'
  return 'intakes'
}

/** The county console: login, then the intake inbox, the stations and the catalog, each at its own address under /console/. */
export function ConsoleApp() {
  const [session, setSession] = useState<Session | undefined>(() => currentSession())
  const [screen, setScreen] = useState<Screen>(() => screenOf(window.location.pathname))

  useEffect(() => onSessionChange(setSession), [])
  useEffect(() => {
    const onPopState = () => setScreen(screenOf(window.location.pathname))
    window.addEventListener('popstate', onPopState)
    return () => window.removeEventListener('popstate', onPopState)
  }, [])

  const go = (next: Screen) => {
    window.history.pushState(null, '', next === 'intakes' ? BASE : `${BASE}${next}`)
    setScreen(next)
  }

  return (
    <ConfigProvider locale={zhCN} form={{ colon: false }}>
      <AntApp>
        {session ? (
          <Layout style={{ minHeight: '100vh' }}>
            <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
              <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
                县政务服务管理局 · 便民服务管理后台
              </Typography.Text>
              <Menu
                theme="dark"
                mode="horizontal"
                selectedKeys={[screen]}
                style={{ flex: 1, minWidth: 0 }}
                items={[
                  { key: 'dashboard', label: '首页统计' },
                  { key: 'intakes', label: '办件收件箱' },
                  { key: 'stations', label: '站点与设备' },
                  { key: 'station-items', label: '进驻事项' },
                  { key: 'catalog', label: '事项目录' },
                  { key: 'evaluations', label: '好差评' },
                  { key: 'reports', label: '办不成事' },
                  ...(session.operator.role === 'countyAdmin' ? [{ key: 'operators', label: '账号管理' }] : []),
                ]}
                onClick={({ key }) => go(key as Screen)}
              />
              <Space>
                <Typography.Text style={{ color: '#fff' }}>
                  {session.operator.displayName}（{OPERATOR_ROLE_LABELS[session.operator.role]}）
                </Typography.Text>
                <Button size="small" onClick={signOut}>
                  退出登录
                </Button>
              </Space>
            </Layout.Header>
            <Layout.Content style={{ padding: 24 }}>
              {screen === 'operators' && session.operator.role === 'countyAdmin' ? (
                <OperatorsPage />
              ) : screen === 'stations' ? (
                <StationsPage />
              ) : screen === 'station-items' ? (
                <StationItemsPage />
              ) : screen === 'catalog' ? (
                <CatalogPage />
              ) : (
                (followUpPage(screen) ?? <IntakeInbox />)
              )}
            </Layout.Content>
          </Layout>
        ) : (
          <LoginPage />
        )}
      </AntApp>
    </ConfigProvider>
  )
}
