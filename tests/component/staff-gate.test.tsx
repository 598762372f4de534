import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { StationDb } from '../../src-renderer/db/station-db'
import { StaffBadge, StaffGate } from '../../src-renderer/features/staff/staff-gate'
import { fill } from './form-driver'
import { clerk, deleteStationDbs, openStationDb, renderInStation, station, stationStaffOf } from './station-harness'

// 工作人员登录 and 锁屏: what the sign-in and unlock forms refuse, in Chinese, before anything of the station shows.
const PASSWORD = 'station2026'

afterEach(deleteStationDbs)

async function openGate(db: StationDb) {
  const rendered = renderInStation(
    <StaffGate station={station}>
      <StaffBadge />
      <p>工作台</p>
    </StaffGate>,
    { db },
  )
  expect(await screen.findByRole('heading', { name: '工作人员登录' })).toBeTruthy()
  return rendered
}

async function signIn(user: ReturnType<typeof renderInStation>['user'], username: string, password: string): Promise<void> {
  await fill(user, '用户名', username)
  await fill(user, '密码', password)
  await user.click(screen.getByRole('button', { name: '登录' }))
}

describe('staff sign-in', () => {
  it('an empty form names both fields; a wrong password is refused; nothing shows before a right one', async () => {
    const db = await openStationDb([])
    await db.staff.put(await stationStaffOf(clerk, PASSWORD))
    const { user } = await openGate(db)
    await user.click(screen.getByRole('button', { name: '登录' }))
    expect(await screen.findByText('请输入用户名')).toBeTruthy()
    expect(screen.getByText('请输入密码')).toBeTruthy()

    await signIn(user, clerk.username, 'not-her-password')
    expect((await screen.findByRole('alert')).textContent).toBe('用户名或密码不正确，请重新输入')
    expect(screen.queryByText('工作台')).toBeNull()

    await signIn(user, clerk.username, PASSWORD)
    expect(await screen.findByText('工作台')).toBeTruthy()
    expect(screen.getByText(/玉香（综合窗口）/)).toBeTruthy()
  })

  it('an account the county disabled is told so', async () => {
    const db = await openStationDb([])
    await db.staff.put(await stationStaffOf(clerk, PASSWORD, { active: false }))
    await db.staff.put(await stationStaffOf({ ...clerk, id: '3e8f6c2b-4d5e-4b7c-8e9f-0a1b2c3d4e5f', username: 'yanhan', displayName: '岩罕' }, PASSWORD))
    const { user } = await openGate(db)
    await signIn(user, clerk.username, PASSWORD)
    expect((await screen.findByRole('alert')).textContent).toBe('该账号已被县级停用，请联系县政务服务管理局')
    expect(screen.queryByText('工作台')).toBeNull()
  })

  it('锁屏 hides the work until the same password is given again', async () => {
    const db = await openStationDb([])
    await db.staff.put(await stationStaffOf(clerk, PASSWORD))
    const { user } = await openGate(db)
    await signIn(user, clerk.username, PASSWORD)
    await screen.findByText('工作台')

    await user.click(screen.getByRole('button', { name: /锁屏$/ }))
    expect(await screen.findByRole('heading', { name: /屏幕已锁定$/ })).toBeTruthy()
    expect(screen.queryByText('工作台')).toBeNull()
    await fill(user, '密码', 'wrong-password')
    await user.click(screen.getByRole('button', { name: '解锁' }))
    expect((await screen.findByRole('alert')).textContent).toBe('密码不正确，请重新输入')
    expect(screen.queryByText('工作台')).toBeNull()
    await fill(user, '密码', PASSWORD)
    await user.click(screen.getByRole('button', { name: '解锁' }))
    expect(await screen.findByText('工作台')).toBeTruthy()
  })

  it('before the county sent any account, no form: the clerk is told to sync or ask the county', async () => {
    const db = await openStationDb([])
    renderInStation(<StaffGate station={station}>工作台</StaffGate>, { db })
    expect(await screen.findByText('等待工作人员账号')).toBeTruthy()
    expect(screen.getByText(/本设备还没有收到本站的工作人员账号/)).toBeTruthy()
    expect(screen.queryByLabelText('密码')).toBeNull()
  })
})
