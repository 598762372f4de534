import { render, screen, waitFor } from '@testing-library/react'
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { AdminOperator } from '../../shared/operator-admin'
import type { AdminStaff } from '../../shared/staff'
import { CONSOLE_THEME } from '../../server/console/console-theme'
import { OperatorsPage } from '../../server/console/operators-page'
import { StationStaffPanel } from '../../server/console/station-staff-panel'
import { choose, fill } from './form-driver'

// The county console's account forms: a password shorter than 8 is refused on the field, before any request.

type Call = { method: string; path: string; body: unknown }

/** The county server, answered from `routes` by "METHOD path"; every request is recorded (setup.ts unstubs it). */
function stubCounty(routes: Record<string, unknown>): Call[] {
  const calls: Call[] = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const path = new URL(url, 'http://county.test').pathname.replace(/^\/api\/v1/, '')
    calls.push({ method, path, body: init.body === undefined ? undefined : JSON.parse(String(init.body)) })
    const answer = routes[`${method} ${path}`]
    if (answer === undefined) return new Response(JSON.stringify({ error: { code: 'not_found', message: '没有这个地址' } }), { status: 404 })
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } })
  })
  return calls
}

function renderInConsole(ui: ReactNode) {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never })
  // As console-app.tsx, without motion or runtime styles (see station-harness.tsx).
  render(
    <ConfigProvider locale={zhCN} form={{ colon: false }} theme={{ ...CONSOLE_THEME, zeroRuntime: true, token: { ...CONSOLE_THEME.token, motion: false } }}>
      <AntApp>{ui}</AntApp>
    </ConfigProvider>,
  )
  return user
}

const staffMember: AdminStaff = {
  id: '0b2c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70',
  stationCode: 'MHZMZ01',
  username: 'yanhan',
  displayName: '岩罕',
  role: 'agent',
  active: true,
  updatedAt: '2026-01-05T02:00:00.000Z',
}

describe('console account forms', () => {
  it('新增人员 (站点人员): a short initial password is refused and nothing is sent; a valid one creates the account', async () => {
    const created: AdminStaff = { ...staffMember, id: '3e8f6c2b-4d5e-4b7c-8e9f-0a1b2c3d4e5f', username: 'yexiaomei', displayName: '叶小梅', role: 'clerk' }
    const calls = stubCounty({ 'GET /admin/stations/MHZMZ01/staff': { staff: [staffMember] }, 'POST /admin/stations/MHZMZ01/staff': created })
    const user = renderInConsole(<StationStaffPanel stationCode="MHZMZ01" stationName="勐海镇曼真村便民服务站" />)
    expect(await screen.findByText('岩罕')).toBeTruthy()

    await user.click(screen.getByRole('button', { name: '新增人员' }))
    // (rc-util gives every dialog the id "test-id" under test, so a dialog's name is not reliable here.)
    expect((await screen.findByRole('dialog')).textContent).toContain('新增站点人员：勐海镇曼真村便民服务站')
    await fill(user, '用户名', 'yexiaomei')
    await fill(user, '姓名', '叶小梅')
    await choose(user, '角色', '综合窗口')
    await fill(user, '初始密码', 'short')
    await user.click(screen.getByRole('button', { name: /^新\s?增$/ }))
    expect(await screen.findByText('密码至少8位')).toBeTruthy()
    expect(calls.filter((call) => call.method === 'POST')).toEqual([])

    await fill(user, '初始密码', 'xiaomei-2026')
    await user.click(screen.getByRole('button', { name: /^新\s?增$/ }))
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1))
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      username: 'yexiaomei',
      displayName: '叶小梅',
      role: 'clerk',
      password: 'xiaomei-2026',
    })
  })

  it('新建账号 (账号管理): a short initial password and a reviewer without a department are refused, and nothing is sent', async () => {
    const admin: AdminOperator = {
      username: 'admin',
      displayName: '系统管理员',
      role: 'countyAdmin',
      department: null,
      createdAt: '2026-01-05T02:00:00.000Z',
      disabledAt: null,
    }
    const calls = stubCounty({ 'GET /admin/operators': { operators: [admin], departments: ['勐海县民政局', '勐海县人力资源和社会保障局'] } })
    const user = renderInConsole(<OperatorsPage />)
    expect(await screen.findByText('系统管理员')).toBeTruthy()

    await user.click(screen.getByRole('button', { name: /新建账号$/ }))
    expect((await screen.findByRole('dialog')).textContent).toContain('新建账号')
    await fill(user, '用户名', 'renshe01')
    await fill(user, '姓名', '人社局审核员')
    await fill(user, '初始密码', 'short')
    await user.click(screen.getByRole('button', { name: /^新\s?建$/ }))
    expect(await screen.findByText('密码至少8位')).toBeTruthy()
    expect(screen.getByText('部门审核人员须选择所在部门')).toBeTruthy()
    expect(calls.filter((call) => call.method === 'POST')).toEqual([])
  })
})
