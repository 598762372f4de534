import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { PullChange } from '../../../shared/protocol'
import type { StationStaff } from '../../../shared/staff'
import { hashStaffPassword } from '../../../server/staff-secrets'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { recordEvaluation } from '../../../src-renderer/features/evaluation/record-evaluation'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { recordReport } from '../../../src-renderer/features/report/record-report'
import { assertCan, can, refusalOf, type StaffActor, type StaffAction } from '../../../src-renderer/db/staff-permissions'
import { INACTIVE_MESSAGE, NO_STAFF_MESSAGE, signInStaff, unlockStaff, WRONG_CREDENTIALS_MESSAGE } from '../../../src-renderer/features/staff/sign-in'
import { IDLE_LOCK_MS, StaffSession, type SessionStorageLike } from '../../../src-renderer/features/staff/staff-session'
import { UserError } from '../../../src-renderer/lib/user-error'
import { applyPullPage } from '../../../src-renderer/sync/apply-pull-page'
import { page } from './fake-county-client'
import { MONDAY, decisionFor, draft, freshDb, seedStation, station } from './fixtures'

let db: StationDb | undefined
afterEach(async () => {
  await db?.delete()
  db = undefined
})

const actor = (role: StaffActor['role'], displayName = '岩罕'): StaffActor => ({
  id: '0b2c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70',
  username: 'yanhan',
  displayName,
  role,
  stationCode: station.code,
})

const rejectionOf = async (promise: Promise<unknown>): Promise<UserError> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('station staff permissions (one rules module)', () => {
  const actions: StaffAction[] = [
    'intake.submit',
    'report.record',
    'evaluation.screen',
    'evaluation.paper',
    'intake.action',
    'intake.completeOnSite',
    'sync.endOfDay',
  ]
  const allowed = (role: StaffActor['role']) => actions.filter((action) => can(actor(role), action))

  it('an agent takes intakes, reports and hands over the rating screen; a clerk also takes the intake actions at the window; a lead also completes on site and runs the end-of-day sync', () => {
    expect(allowed('agent')).toEqual(['intake.submit', 'report.record', 'evaluation.screen'])
    expect(allowed('clerk')).toEqual(['intake.submit', 'report.record', 'evaluation.screen', 'evaluation.paper', 'intake.action'])
    expect(allowed('lead')).toEqual(actions)
  })

  it('nobody signed in may do anything, and each refusal says in Chinese who may', () => {
    expect(actions.some((action) => can(undefined, action))).toBe(false)
    expect(refusalOf(undefined, 'intake.submit')).toBe('请先登录：工作人员登录后才能办理')
    expect(refusalOf(actor('agent'), 'intake.completeOnSite')).toBe('代办员没有此权限：只有本站首席事务代表（站点负责人）可以办理，请由有权限的人员登录后操作')
    expect(() => assertCan(actor('clerk'), 'sync.endOfDay')).toThrow(expect.objectContaining({ code: 'forbidden_role' }))
    expect(() => assertCan(undefined, 'intake.submit')).toThrow(expect.objectContaining({ code: 'not_signed_in' }))
  })
})

describe('the idle lock', () => {
  const memoryStorage = (): SessionStorageLike & { map: Map<string, string> } => {
    const map = new Map<string, string>()
    return { map, getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value), removeItem: (key) => void map.delete(key) }
  }

  it('locks after IDLE_LOCK_MS without activity, not before; activity restarts the clock; unlocking needs the caller to have checked the password', () => {
    let now = 1_000_000
    const storage = memoryStorage()
    const session = new StaffSession({ storage, storageKey: 'k', now: () => now })
    expect(IDLE_LOCK_MS).toBe(10 * 60 * 1000)
    expect(session.getState().status).toBe('signedOut')
    session.signIn(actor('agent'))
    now += IDLE_LOCK_MS - 1
    session.checkIdle()
    expect(session.getState().status).toBe('active')
    session.touch()
    now += IDLE_LOCK_MS - 1
    session.checkIdle()
    expect(session.getState().status).toBe('active')
    now += 1
    session.checkIdle()
    expect(session.getState().status).toBe('locked')
    // A key press on the lock screen does not unlock it.
    session.touch()
    expect(session.getState().status).toBe('locked')
    session.unlock(actor('agent'))
    expect(session.getState()).toMatchObject({ status: 'active', lastActivityAt: now })
  })

  it('survives a reload of the page (same tab), locked if the idle time passed meanwhile; signing out forgets it', () => {
    let now = 5_000_000
    const storage = memoryStorage()
    const first = new StaffSession({ storage, storageKey: 'k', now: () => now })
    first.signIn(actor('lead', '玉香'))
    expect(new StaffSession({ storage, storageKey: 'k', now: () => now }).getState()).toMatchObject({ status: 'active', staff: { displayName: '玉香' } })
    now += IDLE_LOCK_MS
    expect(new StaffSession({ storage, storageKey: 'k', now: () => now }).getState().status).toBe('locked')
    first.signOut()
    expect(storage.map.size).toBe(0)
    expect(new StaffSession({ storage, storageKey: 'k', now: () => now }).getState().status).toBe('signedOut')
  })

  it('an unreadable stored session is no session', () => {
    const storage = memoryStorage()
    storage.setItem('k', '{not json')
    expect(new StaffSession({ storage, storageKey: 'k' }).getState().status).toBe('signedOut')
  })
})

describe('signing in offline against pulled accounts', () => {
  const account = async (
    overrides: Partial<StationStaff> & Pick<StationStaff, 'id' | 'username' | 'displayName' | 'role'>,
    password: string,
  ): Promise<StationStaff> => ({
    stationCode: station.code,
    active: true,
    updatedAt: '2026-11-30T02:00:00.000Z',
    passwordHash: await hashStaffPassword(password, 1000),
    ...overrides,
  })
  const staffChange = (seq: number, data: StationStaff): PullChange => ({ seq, id: data.id, entity: 'staff', op: 'put', data })

  it('refuses with a Chinese message to ask the county while no account arrived; then signs in with the pulled hash, refuses wrong passwords and disabled accounts', async () => {
    db = freshDb()
    await seedStation(db)
    const credentials = { username: 'yanhan', password: 'agent-pass-1' }
    expect(await rejectionOf(signInStaff(db, credentials))).toMatchObject({ code: 'no_staff', message: NO_STAFF_MESSAGE })

    const yanhan = await account({ id: '1a2c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70', username: 'yanhan', displayName: '岩罕', role: 'agent' }, 'agent-pass-1')
    const yuxiang = await account({ id: '2a2c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70', username: 'yuxiang', displayName: '玉香', role: 'lead' }, 'lead-pass-1')
    // Another station's account (a device re-enrolled elsewhere keeps old rows): never usable here.
    const foreign = await account(
      { id: '3a2c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70', username: 'liqiong', displayName: '李琼', role: 'clerk', stationCode: 'MHZ01' },
      'clerk-pass-1',
    )
    await applyPullPage(db, page([staffChange(1, yanhan), staffChange(2, yuxiang), staffChange(3, foreign)], '3'))

    expect(await signInStaff(db, { username: ' YanHan ', password: 'agent-pass-1' })).toEqual({
      id: yanhan.id,
      username: 'yanhan',
      displayName: '岩罕',
      role: 'agent',
      stationCode: station.code,
    })
    expect(await rejectionOf(signInStaff(db, { username: 'yanhan', password: 'agent-pass-2' }))).toMatchObject({ message: WRONG_CREDENTIALS_MESSAGE })
    expect(await rejectionOf(signInStaff(db, { username: 'nobody', password: 'agent-pass-1' }))).toMatchObject({ message: WRONG_CREDENTIALS_MESSAGE })
    expect(await rejectionOf(signInStaff(db, { username: 'liqiong', password: 'clerk-pass-1' }))).toMatchObject({ message: WRONG_CREDENTIALS_MESSAGE })
    const audit = await db.audit.toArray()
    expect(audit).toEqual([
      expect.objectContaining({ action: 'staff.signIn', staffName: '岩罕', by: { staffId: yanhan.id, username: 'yanhan', role: 'agent' } }),
    ])

    // The county disables 岩罕: the next pull brings the account inactive.
    await applyPullPage(db, page([staffChange(4, { ...yanhan, active: false })], '4'))
    expect(await rejectionOf(signInStaff(db, { username: 'yanhan', password: 'agent-pass-1' }))).toMatchObject({ code: 'inactive', message: INACTIVE_MESSAGE })
    expect(await rejectionOf(unlockStaff(db, actor('agent'), 'agent-pass-1'))).toMatchObject({ code: 'wrong_credentials' })
    expect(await unlockStaff(db, { ...actor('lead', '玉香'), id: yuxiang.id }, 'lead-pass-1')).toMatchObject({ displayName: '玉香', role: 'lead' })
  })
})

describe('feature functions act as the signed-in staff member', () => {
  it('an intake and a report name the signed-in account as 经办人 and in the audit entry, whatever the form said', async () => {
    db = freshDb()
    await seedStation(db)
    const agent = actor('agent')
    const intake = await submitIntake(db, draft({ staffName: '别人' }), { now: () => MONDAY, staff: agent })
    expect(intake.staffName).toBe('岩罕')
    const report = await recordReport(
      db,
      { residentName: '玉罕', residentPhone: '13908812345', attempted: '办理低保', happened: '材料不齐', staffName: '别人' },
      { now: () => MONDAY, staff: agent },
    )
    expect(report.staffName).toBe('岩罕')
    const audit = await db.audit.toArray()
    expect(audit.map((entry) => [entry.action, entry.staffName, entry.by?.username, entry.at])).toEqual([
      ['intake.submit', '岩罕', 'yanhan', MONDAY.toISOString()],
      ['report.record', '岩罕', 'yanhan', MONDAY.toISOString()],
    ])
  })

  it('an agent may not enter a paper rating form; a clerk may, as 录入人; nothing is written for the refusal', async () => {
    db = freshDb()
    await seedStation(db)
    const intake = await submitIntake(db, draft(), { now: () => MONDAY, staff: actor('agent') })
    await db.intakes.update(intake.id, { decision: decisionFor(intake, 'refused'), status: 'refused' })
    const paper = { intakeId: intake.id, rating: 2, source: 'paperForm' as const, enteredBy: '别人', paperFormNo: 'PJ-001' }
    const before = await db.outbox.count()
    const refused = await rejectionOf(recordEvaluation(db, paper, { now: () => MONDAY, staff: actor('agent') }))
    expect(refused).toMatchObject({ code: 'forbidden_role', message: expect.stringContaining('综合窗口人员或站点负责人') })
    expect(await db.outbox.count()).toBe(before)
    const evaluation = await recordEvaluation(db, paper, { now: () => MONDAY, staff: actor('clerk', '李琼') })
    expect(evaluation.enteredBy).toBe('李琼')
    expect((await db.audit.toArray()).at(-1)).toMatchObject({ action: 'evaluation.record', staffName: '李琼', by: { role: 'clerk' } })
  })
})
