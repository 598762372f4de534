import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dashboardSchema } from '../../shared/dashboard'
import { pushResponseSchema, type MutationInput } from '../../shared/protocol'
import { readDashboard } from '../../server/services/statistics/dashboard-service'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, stationMutation, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets({ both: true })

const STATION = 'MHZ01'
const OTHER_STATION = 'MZZJZ01'
/** 12:00 in China on 2026-11-30: the dashboard's today. */
const NOW = new Date('2026-11-30T04:00:00.000Z')

describe.each(targets)('the console dashboard on $name', (target) => {
  let county: TestCounty
  let operator: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const exec = (query: ReturnType<typeof sql>) => county.server.db.execute(query)

  const pushAll = async (mutations: MutationInput[], as: string) => {
    const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(as), payload: { mutations } })
    expect(pushResponseSchema.parse(response.json()).results.map((result) => result.status)).toEqual(mutations.map(() => 'applied'))
  }
  const item = () => itemWith((candidate) => candidate.handling === '1')

  /** An intake the county received at `receivedAt`, with the status and due date given, fixed in the database. */
  const intake = async (as: string, stationCode: string, receivedAt: string, fixed: { status?: string; dueDate?: string } = {}) => {
    const mutation = submitMutation(stationCode, item())
    await pushAll([mutation], as)
    await exec(
      sql`UPDATE intakes SET received_at = ${receivedAt}::timestamptz, status = coalesce(${fixed.status ?? null}, status), due_date = ${fixed.dueDate ?? null}::date WHERE id = ${mutation.entityId}`,
    )
    return mutation.entityId
  }
  const rating = async (as: string, intakeId: string, value: number, followUp: { due?: string; status?: string } = {}) => {
    const id = randomUUID()
    const badReason = value >= 4 ? { badReason: 'notDone' as const } : {}
    await pushAll(
      [
        stationMutation('evaluation.record', id, {
          id,
          intakeId,
          rating: value,
          source: 'residentOnScreen',
          createdAt: '2026-11-28T03:10:00.000Z',
          ...badReason,
        }),
      ],
      as,
    )
    if (followUp.due) await exec(sql`UPDATE evaluations SET follow_up_due = ${followUp.due}::date WHERE id = ${id}`)
    if (followUp.status) await exec(sql`UPDATE evaluations SET follow_up_status = ${followUp.status} WHERE id = ${id}`)
  }

  let deviceFresh: string
  let deviceSilent: string
  let deviceRevoked: string

  beforeAll(async () => {
    county = await startTestCounty(target)
    operator = await operatorToken(county.server)
    const mine = await enroll(county.server, STATION)
    const other = await enroll(county.server, OTHER_STATION)
    const revoked = await enroll(county.server, OTHER_STATION)
    deviceFresh = mine.deviceId
    deviceSilent = other.deviceId
    deviceRevoked = revoked.deviceId

    // China days: 11-30 12:00 and 01:00 (UTC the day before), 11-29 23:00, 11-17 00:00 (the first day shown), 11-16 23:59 (outside).
    const today = await intake(mine.token, STATION, '2026-11-30T01:00:00Z', { status: 'accepted', dueDate: '2026-11-27' })
    const justAfterMidnight = await intake(mine.token, STATION, '2026-11-29T17:00:00Z', { status: 'accepted', dueDate: '2026-11-30' })
    const lateYesterday = await intake(mine.token, STATION, '2026-11-29T15:00:00Z', { status: 'completed', dueDate: '2026-11-20' })
    await intake(mine.token, STATION, '2026-11-16T16:00:00Z')
    await intake(mine.token, STATION, '2026-11-16T15:59:00Z')
    const elsewhere = await intake(other.token, OTHER_STATION, '2026-11-20T02:00:00Z', { status: 'correctionRequested', dueDate: '2026-11-25' })

    await rating(mine.token, today, 1)
    await rating(mine.token, justAfterMidnight, 5, { due: '2026-11-29' })
    await rating(mine.token, lateYesterday, 4, { due: '2026-12-18' })
    await rating(other.token, elsewhere, 4, { due: '2026-11-01', status: 'rectified' })

    await exec(sql`UPDATE devices SET last_seen_at = ${'2026-11-30T02:00:00Z'}::timestamptz WHERE id = ${deviceFresh}`)
    await exec(sql`UPDATE devices SET last_seen_at = ${'2026-11-29T03:59:00Z'}::timestamptz WHERE id = ${deviceSilent}`)
    await exec(
      sql`UPDATE devices SET last_seen_at = ${'2026-11-01T00:00:00Z'}::timestamptz, revoked_at = ${'2026-11-02T00:00:00Z'}::timestamptz WHERE id = ${deviceRevoked}`,
    )
  })

  afterAll(async () => {
    await county?.close()
  })

  it('counts intakes per station per China day over the last 14 days', async () => {
    const dashboard = dashboardSchema.parse(await readDashboard(county.server.db, NOW))
    expect(dashboard.today).toBe('2026-11-30')
    expect(dashboard.days).toHaveLength(14)
    expect(dashboard.days[0]).toBe('2026-11-17')
    expect(dashboard.days.at(-1)).toBe('2026-11-30')
    const byStation = new Map(dashboard.intakesByStation.map((row) => [row.stationCode, row]))
    const mine = byStation.get(STATION)
    expect(mine?.counts.at(-1)).toBe(2)
    expect(mine?.counts.at(-2)).toBe(1)
    expect(mine?.counts[0]).toBe(1)
    expect(mine?.total).toBe(4)
    expect(byStation.get(OTHER_STATION)?.counts[dashboard.days.indexOf('2026-11-20')]).toBe(1)
    // Every station is listed, those with no intakes too.
    expect(dashboard.intakesByStation.length).toBeGreaterThanOrEqual(3)
    expect(dashboard.intakesByStation.every((row) => row.counts.length === 14)).toBe(true)
  })

  it('counts overdue intakes, ratings, open and overdue 差评, and flags silent devices', async () => {
    const dashboard = dashboardSchema.parse(await readDashboard(county.server.db, NOW))
    expect(dashboard.overdueIntakes).toEqual({
      total: 2,
      byStation: [expect.objectContaining({ stationCode: STATION, count: 1 }), expect.objectContaining({ stationCode: OTHER_STATION, count: 1 })].sort(
        (a, b) => (a.stationCode < b.stationCode ? -1 : 1),
      ),
    })
    expect(dashboard.ratings).toEqual({
      byRating: [
        { rating: 1, count: 1 },
        { rating: 2, count: 0 },
        { rating: 3, count: 0 },
        { rating: 4, count: 2 },
        { rating: 5, count: 1 },
      ],
      total: 4,
      badOpen: 2,
      badOverdue: 1,
    })
    expect(dashboard.reportsOpen).toBe(0)
    const devices = new Map(dashboard.devices.map((device) => [device.id, device]))
    expect(devices.get(deviceFresh)).toMatchObject({ silent: false, revoked: false, lastSeenAt: '2026-11-30T02:00:00.000Z', stationCode: STATION })
    expect(devices.get(deviceSilent)).toMatchObject({ silent: true, revoked: false })
    expect(devices.get(deviceRevoked)).toMatchObject({ silent: false, revoked: true })
  })

  it('answers the operator endpoint with the same shape', async () => {
    const response = await inject({ method: 'GET', url: '/api/v1/admin/dashboard', headers: bearer(operator) })
    expect(response.statusCode).toBe(200)
    const dashboard = dashboardSchema.parse(response.json())
    expect(dashboard.ratings.total).toBe(4)
  })
})
