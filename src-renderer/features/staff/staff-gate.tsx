import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Space, Spin, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react'
import { STATION_STAFF_ROLE_LABELS } from '../../../shared/staff'
import type { Station } from '../../../shared/station'
import { useStation } from '../../context/station-context'
import { useDocumentTitle } from '../../lib/use-document-title'
import { messageOf } from '../../lib/user-error'
import { countActiveStaff, NO_STAFF_MESSAGE, recordSignOut, signInStaff, unlockStaff } from './sign-in'
import { StaffSessionContext, useStaffSession, useStaffSessionState } from './staff-context'
import { StaffSession } from './staff-session'

/** How often the idle clock is looked at; the lock itself comes at IDLE_LOCK_MS. */
const IDLE_CHECK_INTERVAL_MS = 15_000
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

/**
 * Nothing behind this gate shows until a staff member signed in; an idle screen locks.
 * `aside` (the sync status) stays in view on the sign-in screen, so the clerk sees the
 * accounts are still on their way.
 */
export function StaffGate({ station, aside, children }: { station: Station; aside?: ReactNode; children: ReactNode }) {
  const [session] = useState(() => new StaffSession({ storage: sessionStorage, storageKey: `bianmin.staffSession.${station.code}` }))
  const state = useStaffSessionState(session)
  const { db } = useStation()
  const keyState = useSyncExternalStore(db.dataKeys.subscribe, () => db.dataKeys.state)

  // The data key lives only in memory (browser mode). Signing out and the idle lock keep it for
  // this window, so the next colleague's sign-in (a shift change) gets their own copy and sync
  // goes on; nothing shows until someone signs in with a valid password. A reload keeps the
  // session (sessionStorage) but not the key, so it ends the session: the next sign-in unwraps it.
  useEffect(() => {
    if (state.status === 'active' && db.dataKeys.state === 'locked') session.signOut()
  }, [db, session, state.status])

  useEffect(() => {
    const touch = () => session.touch()
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touch, { capture: true, passive: true })
    const timer = window.setInterval(() => session.checkIdle(), IDLE_CHECK_INTERVAL_MS)
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touch, { capture: true })
      window.clearInterval(timer)
    }
  }, [session])

  return (
    <StaffSessionContext value={session}>
      {/* Active with the key locked is the moment after a reload: the effect above signs out. */}
      {state.status === 'signedOut' || (state.status === 'active' && keyState === 'locked') ? (
        <CenteredPanel aside={aside}>
          <SignInForm station={station} />
        </CenteredPanel>
      ) : state.status === 'locked' ? (
        <CenteredPanel aside={aside}>
          <UnlockForm />
        </CenteredPanel>
      ) : (
        children
      )}
    </StaffSessionContext>
  )
}

function CenteredPanel({ aside, children }: { aside?: ReactNode; children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      {aside}
      <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>{children}</div>
    </div>
  )
}

type Credentials = { username: string; password: string }

function SignInForm({ station }: { station: Station }) {
  const { db } = useStation()
  const session = useStaffSession()
  const staffCount = useLiveQuery(async () => countActiveStaff(db), [db])
  useDocumentTitle('工作人员登录')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (staffCount === undefined) return <Spin />
  if (staffCount === 0) {
    // No form until accounts arrived: signing in could only fail.
    return (
      <Card title="等待工作人员账号" style={{ width: 460 }}>
        <Alert type="warning" showIcon title={NO_STAFF_MESSAGE} />
      </Card>
    )
  }

  async function onFinish(values: Credentials) {
    setBusy(true)
    setError(null)
    try {
      session.signIn(await signInStaff(db, values))
    } catch (failure) {
      setError(messageOf(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card style={{ width: 420 }} data-station-code={station.code} data-testid="staff-sign-in">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        工作人员登录
      </Typography.Title>
      <Typography.Paragraph type="secondary">{`${station.name}：请用县政务服务管理局开通的账号登录，断网时也可登录。`}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<Credentials> name="staffSignIn" layout="vertical" onFinish={(values) => void onFinish(values)} requiredMark={false}>
        <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={32} />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block autoInsertSpace={false}>
          登录
        </Button>
      </Form>
    </Card>
  )
}

function UnlockForm() {
  const { db } = useStation()
  const session = useStaffSession()
  const state = useStaffSessionState(session)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useDocumentTitle('屏幕已锁定')
  if (state.status !== 'locked') return null
  const staff = state.staff

  async function onFinish(values: { password: string }) {
    setBusy(true)
    setError(null)
    try {
      session.unlock(await unlockStaff(db, staff, values.password))
    } catch (failure) {
      setError(messageOf(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card style={{ width: 420 }} data-testid="staff-unlock">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        <LockOutlined /> 屏幕已锁定
      </Typography.Title>
      <Typography.Paragraph>{`长时间未操作，屏幕已锁定。${staff.displayName}（${STATION_STAFF_ROLE_LABELS[staff.role]}）请输入密码解锁。`}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<{ password: string }> name="staffUnlock" layout="vertical" onFinish={(values) => void onFinish(values)} requiredMark={false}>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" autoFocus maxLength={200} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} autoInsertSpace={false}>
            解锁
          </Button>
          <Button onClick={() => session.signOut()}>换人登录</Button>
        </Space>
      </Form>
    </Card>
  )
}

/** In the header: who is signed in, 锁屏 and 退出登录. */
export function StaffBadge() {
  const { db } = useStation()
  const session = useStaffSession()
  const state = useStaffSessionState(session)
  if (state.status === 'signedOut') return null
  const staff = state.staff
  const signOut = () => {
    void recordSignOut(db, staff).catch(() => undefined)
    session.signOut()
  }
  return (
    <Space style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text style={{ color: '#fff' }} data-testid="signed-in-staff">
        <UserOutlined /> {`${staff.displayName}（${STATION_STAFF_ROLE_LABELS[staff.role]}）`}
      </Typography.Text>
      <Button size="small" icon={<LockOutlined />} autoInsertSpace={false} onClick={() => session.lock()}>
        锁屏
      </Button>
      <Button size="small" icon={<LogoutOutlined />} onClick={signOut}>
        退出登录
      </Button>
    </Space>
  )
}
