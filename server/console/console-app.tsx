import { App as AntApp, Button, ConfigProvider, Layout, Menu, Space, Typography } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import { useEffect, useState } from 'react'
import { OPERATOR_ROLE_LABELS } from '../../shared/admin'
import { currentSession, onSessionChange, signOut, type Session } from './api'
import { addressOf, pageAt, pagesFor } from './console-pages'
import { CONSOLE_PALETTE, CONSOLE_THEME } from './console-theme'
import { LoginPage } from './login-page'
import './console.css'

/** The county console: login, then a side menu of its screens (console-pages.tsx), each at its own address under /console/. */
export function ConsoleApp() {
  const [session, setSession] = useState<Session | undefined>(() => currentSession())
  const [pathname, setPathname] = useState(() => window.location.pathname)

  useEffect(() => onSessionChange(setSession), [])
  useEffect(() => {
    const onPopState = () => setPathname(window.location.pathname)
    window.addEventListener('popstate', onPopState)
    return () => window.removeEventListener('popstate', onPopState)
  }, [])

  return (
    <ConfigProvider locale={zhCN} form={{ colon: false }} theme={CONSOLE_THEME}>
      <AntApp>{session ? <SignedIn session={session} pathname={pathname} onNavigate={setPathname} /> : <LoginPage />}</AntApp>
    </ConfigProvider>
  )
}

function SignedIn({ session, pathname, onNavigate }: { session: Session; pathname: string; onNavigate(pathname: string): void }) {
  const role = session.operator.role
  const page = pageAt(pathname, role)
  const pages = pagesFor(role)

  useEffect(() => {
    document.title = `${page.label} - 县级管理后台`
  }, [page])

  const go = (key: string) => {
    const next = pages.find((candidate) => candidate.key === key)
    if (!next) return
    window.history.pushState(null, '', addressOf(next))
    onNavigate(addressOf(next))
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main-content">
        跳到主要内容
      </a>
      <Layout.Sider width={184} breakpoint="lg" collapsedWidth={64} style={{ background: CONSOLE_PALETTE.siderBackground }}>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[page.key]}
            items={pages.map(({ key, label, icon }) => ({ key, label, icon }))}
            onClick={({ key }) => go(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 24, paddingInline: 24 }}>
          <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
            县政务服务管理局 · 便民服务管理后台
          </Typography.Text>
          <Space>
            <Typography.Text style={{ color: '#fff' }}>
              {session.operator.displayName}（{OPERATOR_ROLE_LABELS[role]}）
            </Typography.Text>
            <Button size="small" onClick={signOut}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} style={{ padding: 24, minWidth: 0 }}>
          {page.render()}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
