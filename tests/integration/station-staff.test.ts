import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pullResponseSchema, type PullChange } from '../../shared/protocol'
import type { AdminStaff, StationStaff } from '../../shared/staff'
import { verifyStaffPassword } from '../../shared/staff-password'
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../server/seed/demo-staff'
import { bearer, enroll, operatorToken, startTestCounty, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

type StaffChange = Extract<PullChange, { entity: 'staff' }>

describe.each(targets)('station staff accounts on $name', (target) => {
  let county: TestCounty
  let admin: string

  beforeAll(async () => {
    county = await startTestCounty(target)
    admin = await operatorToken(county.server)
  })
  afterAll(async () => county?.close())

  /** Everything the station's device may pull, page by page; the last put of each account wins. */
  const pullStaff = async (token: string): Promise<Map<string, StationStaff>> => {
    const staff = new Map<string, StationStaff>()
    let cursor = ''
    for (;;) {
      const response = await county.server.app.inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=1000`, headers: bearer(token) })
      expect(response.statusCode).toBe(200)
      const page = pullResponseSchema.parse(response.json())
      for (const change of page.changes.filter((candidate): candidate is StaffChange => candidate.entity === 'staff')) staff.set(change.data.id, change.data)
      cursor = page.cursor
      if (!page.more) return staff
    }
  }
  const call = (method: 'GET' | 'POST', url: string, payload?: object, token = admin) =>
    county.server.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), payload })

  it('a station pulls its own demo staff only, with hashes a browser checks and no password in them', async () => {
    const device = await enroll(county.server, 'MHZMZ01')
    const pulled = [...(await pullStaff(device.token)).values()]
    expect(pulled.map((staff) => staff.username).sort()).toEqual(['yanhan', 'yuxiang'])
    expect(pulled.every((staff) => staff.stationCode === 'MHZMZ01' && staff.active)).toBe(true)
    for (const staff of pulled) {
      expect(staff.passwordHash).toMatch(/^pbkdf2-sha256\$210000\$/)
      expect(staff.passwordHash).not.toContain(DEMO_STAFF_PASSWORD)
      expect(await verifyStaffPassword(DEMO_STAFF_PASSWORD, staff.passwordHash)).toBe(true)
      expect(await verifyStaffPassword('wrong-password', staff.passwordHash)).toBe(false)
    }
    // The start output says which accounts exist and that they still have the demo password.
    expect(county.server.staffLogins).toHaveLength(DEMO_STAFF.length)
    expect(county.server.staffLogins.every((login) => login.passwordHint.includes(DEMO_STAFF_PASSWORD))).toBe(true)
  })

  it('the administrator adds, renames, disables and resets an account; the station receives each change, disabled as inactive', async () => {
    const device = await enroll(county.server, 'MHZ01')
    const other = await enroll(county.server, 'MZZJZ01')
    const created = await call('POST', '/admin/stations/MHZ01/staff', { username: 'Yexiaomei', displayName: '叶小梅', role: 'clerk', password: 'xiaomei-2026' })
    expect(created.statusCode).toBe(200)
    const account = created.json() as AdminStaff
    expect(account).toMatchObject({ username: 'yexiaomei', role: 'clerk', active: true, stationCode: 'MHZ01' })
    expect(JSON.stringify(account)).not.toContain('pbkdf2')

    const duplicate = await call('POST', '/admin/stations/MHZ01/staff', {
      username: 'yexiaomei',
      displayName: '另一人',
      role: 'agent',
      password: 'another-2026',
    })
    expect(duplicate.statusCode).toBe(409)
    expect(duplicate.json()).toMatchObject({ error: { code: 'conflict', path: 'username' } })

    expect((await call('POST', `/admin/stations/MHZ01/staff/${account.id}`, { role: 'lead', active: false })).statusCode).toBe(200)
    const reset = await call('POST', `/admin/stations/MHZ01/staff/${account.id}/password`, { password: 'new-secret-2026' })
    expect(reset.statusCode).toBe(200)

    const pulled = (await pullStaff(device.token)).get(account.id)!
    expect(pulled).toMatchObject({ username: 'yexiaomei', role: 'lead', active: false })
    expect(pulled.passwordHash).not.toContain('new-secret-2026')
    expect(await verifyStaffPassword('new-secret-2026', pulled.passwordHash)).toBe(true)
    expect(await verifyStaffPassword('xiaomei-2026', pulled.passwordHash)).toBe(false)
    // Another station never sees it.
    expect((await pullStaff(other.token)).has(account.id)).toBe(false)

    const listed = await call('GET', '/admin/stations/MHZ01/staff')
    expect(listed.statusCode).toBe(200)
    const staff = (listed.json() as { staff: AdminStaff[] }).staff
    expect(staff.map((entry) => entry.username)).toEqual(['liqiong', 'yexiaomei', 'zhaowei'])
    expect(listed.body).not.toContain('pbkdf2')
  })

  it('refuses bad input, unknown stations and accounts of another station', async () => {
    const weak = await call('POST', '/admin/stations/MHZ01/staff', { username: 'ab', displayName: '短密码', role: 'agent', password: '123' })
    expect(weak.statusCode).toBe(400)
    expect(weak.json()).toMatchObject({ error: { path: 'password' } })
    const badRole = await call('POST', '/admin/stations/MHZ01/staff', { username: 'abc', displayName: '某人', role: 'boss', password: '12345678' })
    expect(badRole.statusCode).toBe(400)
    expect((await call('GET', '/admin/stations/NOPE01/staff')).statusCode).toBe(404)
    const mhz01 = (await call('GET', '/admin/stations/MHZ01/staff')).json() as { staff: AdminStaff[] }
    const foreign = await call('POST', `/admin/stations/MHZMZ01/staff/${mhz01.staff[0]!.id}`, { active: false })
    expect(foreign.statusCode).toBe(404)
    expect((await call('POST', `/admin/stations/MHZ01/staff/${mhz01.staff[0]!.id}`, {})).statusCode).toBe(400)
    expect((await call('GET', '/admin/stations/MHZ01/staff', undefined, 'not-a-token')).statusCode).toBe(401)
  })
})
