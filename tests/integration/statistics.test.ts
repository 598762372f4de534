import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../shared/catalog'
import type { AssistReason, ServiceMode } from '../../shared/intake'
import { pushResponseSchema, type MutationInput } from '../../shared/protocol'
import { statisticsSchema } from '../../shared/statistics'
import { residentIdCheckChar } from '../../shared/validators'
import { chinaDate } from '../../shared/working-days'
import { stations } from '../../server/db/schema'
import { DEMO_REVIEWER } from '../../server/seed/demo-stations'
import { bearer, enroll, operatorToken, stationItemWith, stationMutation, submitMutation, type TestCounty, startTestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

const TOWN = 'MHZ01'
const VILLAGE = 'MZZJZ01'
const BUNDLE = randomUUID()
const AGENT_ID = '53282219520314202' + residentIdCheckChar('53282219520314202')

type Path = 'none' | 'accept' | 'refuse' | 'complete'
/** One seeded intake: what the test did to it, from which it computes the figures itself. */
type Seed = {
  station: string
  item: 'onSpot' | 'promised' | 'crossRegion' | 'village' | 'reviewer'
  /** The county's receipt (UTC). */
  receivedAt: string
  mode?: { serviceMode: Exclude<ServiceMode, 'self'>; reason: AssistReason }
  bundle?: boolean
  path: Path
  dueDate?: string
  completedAt?: string
  rating?: number
  rectified?: boolean
}

// 2026-Q2 in China is 2026-03-31T16:00Z up to 2026-06-30T15:59:59.999Z.
const SEEDS: Seed[] = [
  {
    station: TOWN,
    item: 'onSpot',
    receivedAt: '2026-04-02T02:00:00Z',
    path: 'complete',
    dueDate: '2026-04-02',
    completedAt: '2026-04-02T08:00:00Z',
    rating: 1,
  },
  // The quarter's first second in China (04-01 00:00), and the last second of Q1 (03-31 23:59:59).
  {
    station: TOWN,
    item: 'onSpot',
    receivedAt: '2026-03-31T16:00:00Z',
    mode: { serviceMode: 'assisted', reason: 'elderly' },
    path: 'complete',
    dueDate: '2026-04-01',
    completedAt: '2026-04-01T03:00:00Z',
    rating: 4,
    rectified: true,
  },
  {
    station: TOWN,
    item: 'onSpot',
    receivedAt: '2026-03-31T15:59:59Z',
    path: 'complete',
    dueDate: '2026-03-31',
    completedAt: '2026-03-31T15:59:59Z',
    rating: 5,
  },
  // Completed after its due date: 办结 but 超期. A China day later than UTC's: 05-25 01:00 in China.
  {
    station: TOWN,
    item: 'promised',
    receivedAt: '2026-05-10T03:00:00Z',
    mode: { serviceMode: 'proxy', reason: 'remote' },
    path: 'complete',
    dueDate: '2026-05-24',
    completedAt: '2026-05-24T17:00:00Z',
    rating: 2,
  },
  { station: TOWN, item: 'promised', receivedAt: '2026-05-11T03:00:00Z', path: 'refuse', rating: 4 },
  // The quarter's last second in China, still open past its due date; and the first second of Q3.
  { station: TOWN, item: 'promised', receivedAt: '2026-06-30T15:59:59Z', bundle: true, path: 'accept', dueDate: '2026-07-10' },
  { station: TOWN, item: 'crossRegion', receivedAt: '2026-06-30T16:00:00Z', path: 'none' },
  { station: TOWN, item: 'crossRegion', receivedAt: '2026-04-15T01:00:00Z', mode: { serviceMode: 'assisted', reason: 'disabled' }, bundle: true, path: 'none' },
  {
    station: VILLAGE,
    item: 'village',
    receivedAt: '2026-06-01T04:00:00Z',
    mode: { serviceMode: 'proxy', reason: 'ill' },
    path: 'complete',
    dueDate: '2026-06-10',
    completedAt: '2026-06-10T15:00:00Z',
    rating: 3,
  },
  { station: VILLAGE, item: 'village', receivedAt: '2026-04-20T04:00:00Z', path: 'accept', dueDate: '2099-12-31' },
  // One of the demo reviewer's department, so their figures are not empty.
  { station: TOWN, item: 'reviewer', receivedAt: '2026-05-20T02:00:00Z', mode: { serviceMode: 'assisted', reason: 'other' }, path: 'none' },
]

type Seeded = Seed & { id: string; catalogItem: ServiceItem; accepted: boolean }

const chinaDay = (instant: string) => chinaDate(new Date(instant))
const inPeriod = (seed: Seeded, from: string, to: string) => chinaDay(seed.receivedAt) >= from && chinaDay(seed.receivedAt) <= to

/** The figures of a group of seeded intakes, keyed by the workbook's column headers, computed from what the test did. */
function expectedColumns(group: Seeded[], today: string): Record<string, number | null> {
  const countOf = (predicate: (seed: Seeded) => boolean) => group.filter(predicate).length
  const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole)
  const completed = group.filter((seed) => seed.path === 'complete')
  const onTime = countOf((seed) => seed.path === 'complete' && chinaDay(seed.completedAt!) <= seed.dueDate!)
  const reason = (value: AssistReason) => countOf((seed) => seed.mode?.reason === value)
  const rated = group.filter((seed) => seed.rating !== undefined)
  const good = countOf((seed) => seed.rating !== undefined && seed.rating <= 3)
  const bad = countOf((seed) => seed.rating !== undefined && seed.rating >= 4)
  const rectified = countOf((seed) => seed.rectified === true)
  const onSpot = countOf((seed) => seed.catalogItem.handling === '1')
  const lifeEvent = countOf((seed) => seed.bundle === true)
  return {
    收件: group.length,
    受理: countOf((seed) => seed.accepted),
    办结: completed.length,
    不予受理: countOf((seed) => seed.path === 'refuse'),
    即办件: onSpot,
    即办件占比: rate(onSpot, group.length),
    按时办结: onTime,
    按时办结率: rate(onTime, completed.length),
    超期: countOf((seed) => (seed.path === 'complete' ? chinaDay(seed.completedAt!) > seed.dueDate! : seed.path === 'accept' && seed.dueDate! < today)),
    '帮办代办·年老': reason('elderly'),
    '帮办代办·残疾': reason('disabled'),
    '帮办代办·患病': reason('ill'),
    '帮办代办·居住偏远': reason('remote'),
    '帮办代办·其他': reason('other'),
    帮办代办合计: countOf((seed) => seed.mode !== undefined),
    通办: countOf((seed) => seed.catalogItem.crossRegion !== 'none'),
    一件事办件: lifeEvent,
    一件事次数: lifeEvent > 0 ? 1 : 0,
    评价数: rated.length,
    好评: good,
    好评率: rate(good, rated.length),
    差评: bad,
    差评已整改: rectified,
    差评整改率: rate(rectified, bad),
  }
}

/** A sheet as { row name → { column header → value } }; an empty cell reads as null. */
function sheetRows(sheet: ExcelJS.Worksheet): Map<string, Record<string, number | null>> {
  const headers = (sheet.getRow(1).values as unknown[]).slice(2).map(String)
  const rows = new Map<string, Record<string, number | null>>()
  sheet.eachRow((row, number) => {
    if (number === 1) return
    const values = row.values as unknown[]
    rows.set(String(values[1]), Object.fromEntries(headers.map((header, index) => [header, (values[index + 2] as number | undefined) ?? null])))
  })
  return rows
}

function groupBy(seeds: Seeded[], key: (seed: Seeded) => string): Map<string, Seeded[]> {
  const groups = new Map<string, Seeded[]>()
  for (const seed of seeds) groups.set(key(seed), [...(groups.get(key(seed)) ?? []), seed])
  return groups
}

describe.each(targets)('统计分析 on $name', (target) => {
  let county: TestCounty
  let admin: string
  let seeded: Seeded[]
  let townships: Map<string, { name: string; township: string }>
  const inject = (options: InjectOptions) => county.server.app.inject(options)

  const push = async (token: string, mutation: MutationInput) => {
    const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: { mutations: [mutation] } })
    expect(pushResponseSchema.parse(response.json()).results.map((result) => result.status)).toEqual(['applied'])
  }
  const decide = async (id: string, payload: Record<string, unknown>) => {
    const response = await inject({ method: 'POST', url: `/api/v1/admin/intakes/${id}/decision`, headers: bearer(admin), payload })
    expect(response.statusCode, response.body).toBe(200)
  }
  const followUp = async (evaluationId: string, payload: Record<string, unknown>) => {
    const response = await inject({ method: 'POST', url: `/api/v1/admin/evaluations/${evaluationId}/follow-up`, headers: bearer(admin), payload })
    expect(response.statusCode, response.body).toBe(200)
  }

  beforeAll(async () => {
    county = await startTestCounty(target)
    const server = county.server
    admin = await operatorToken(server)
    const tokens = { [TOWN]: (await enroll(server, TOWN)).token, [VILLAGE]: (await enroll(server, VILLAGE)).token }
    const items = {
      onSpot: await stationItemWith(server, TOWN, (item) => item.handling === '1'),
      promised: await stationItemWith(server, TOWN, (item) => item.handling === '2' && !item.acceptOnReceipt && item.crossRegion === 'none'),
      crossRegion: await stationItemWith(server, TOWN, (item) => item.handling === '2' && !item.acceptOnReceipt && item.crossRegion !== 'none'),
      village: await stationItemWith(server, VILLAGE, (item) => item.handling === '2' && !item.acceptOnReceipt),
      reviewer: await stationItemWith(server, TOWN, (item) => item.department === DEMO_REVIEWER.department),
    }
    townships = new Map((await server.db.select().from(stations)).map((row) => [row.code, { name: row.name, township: row.township }]))

    seeded = []
    for (const seed of SEEDS) {
      const catalogItem = items[seed.item]
      const mutation = submitMutation(seed.station, catalogItem, {
        ...(seed.mode ? { serviceMode: seed.mode.serviceMode, assistReason: seed.mode.reason } : {}),
        ...(seed.mode?.serviceMode === 'proxy'
          ? { proxyAuthorization: '授权委托书', agent: { name: '岩温', idNumber: AGENT_ID, phone: '13908810002', relationship: '村代办员' } }
          : {}),
        ...(seed.bundle ? { lifeEvent: { id: 'birth', name: '新生儿出生一件事', bundleId: BUNDLE, itemCount: 2 } } : {}),
      })
      await push(tokens[seed.station as keyof typeof tokens]!, mutation)
      const id = mutation.entityId
      const status = (await inject({ method: 'GET', url: `/api/v1/admin/intakes/${id}`, headers: bearer(admin) })).json().intake.status as string
      const needsAccept = status === 'submitted' && (seed.path === 'accept' || seed.path === 'complete')
      if (needsAccept) await decide(id, { decision: 'accept' })
      if (seed.path === 'refuse') await decide(id, { decision: 'refuse', reason: '不属于本部门受理范围' })
      if (seed.path === 'complete') await decide(id, { decision: 'complete', result: 'approved', deliveryMethod: 'station' })
      // The county's clock is today's: the seeded quarter's times are written over it.
      await county.server.db.execute(sql`UPDATE intakes SET
        received_at = ${seed.receivedAt}::timestamptz,
        accepted_at = CASE WHEN accepted_at IS NULL THEN NULL ELSE ${seed.receivedAt}::timestamptz END,
        due_date = ${seed.dueDate ?? null}::date,
        completed_at = ${seed.completedAt ?? null}::timestamptz
        WHERE id = ${id}`)
      if (seed.rating !== undefined) {
        const evaluationId = randomUUID()
        const badReason = seed.rating >= 4 ? { badReason: 'notDone' as const } : {}
        await push(
          tokens[seed.station as keyof typeof tokens]!,
          stationMutation('evaluation.record', evaluationId, {
            id: evaluationId,
            intakeId: id,
            rating: seed.rating,
            source: 'residentOnScreen',
            createdAt: seed.receivedAt,
            ...badReason,
          }),
        )
        if (seed.rectified) {
          await followUp(evaluationId, { action: 'startRectification', note: '约谈窗口人员' })
          const callBack = { calledAt: '2026-04-10T02:00:00Z', calledBy: '县政务服务管理局', residentResponse: '已办好，满意', satisfied: true }
          await followUp(evaluationId, { action: 'completeRectification', note: '已整改', callBack })
        }
      }
      seeded.push({ ...seed, id, catalogItem, accepted: status === 'accepted' || needsAccept })
    }
  }, 120_000)

  afterAll(async () => {
    await county?.close()
  })

  it('exports a workbook for 2026-Q2 whose every sheet matches the counts computed here, boundaries included', async () => {
    const response = await inject({ method: 'GET', url: '/api/v1/admin/statistics/2026-Q2/workbook', headers: bearer(admin) })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('spreadsheetml')
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('统计分析-2026-Q2.xlsx'))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '按月份', '按部门', '按事项', '按乡镇', '按站点'])

    const today = chinaDate(new Date())
    const quarter = seeded.filter((seed) => inPeriod(seed, '2026-04-01', '2026-06-30'))
    // The boundary: 04-01 00:00:00 and 06-30 23:59:59 in China are in, a second either side is not.
    expect(quarter.map((seed) => seed.receivedAt)).toEqual(expect.arrayContaining(['2026-03-31T16:00:00Z', '2026-06-30T15:59:59Z']))
    expect(quarter).toHaveLength(SEEDS.length - 2)
    const total = expectedColumns(quarter, today)
    // Not vacuous: the quarter has every kind of figure.
    expect(Object.entries(total).filter(([, value]) => value === 0 || value === null)).toEqual([])

    const breakdowns: [string, (seed: Seeded) => string][] = [
      ['按月份', (seed) => chinaDay(seed.receivedAt).slice(0, 7)],
      ['按部门', (seed) => seed.catalogItem.department],
      ['按事项', (seed) => seed.catalogItem.name],
      ['按乡镇', (seed) => townships.get(seed.station)!.township],
      ['按站点', (seed) => townships.get(seed.station)!.name],
    ]
    for (const [sheetName, key] of breakdowns) {
      const rows = sheetRows(workbook.getWorksheet(sheetName)!)
      const expected = new Map([...groupBy(quarter, key)].map(([name, group]) => [name, expectedColumns(group, today)]))
      expected.set('合计', total)
      expect(Object.fromEntries(rows), sheetName).toEqual(Object.fromEntries(expected))
    }
    expect([...sheetRows(workbook.getWorksheet('按月份')!).keys()]).toEqual(['2026-04', '2026-05', '2026-06', '合计'])

    const summary = workbook.getWorksheet('汇总')!
    const summaryValues = new Map<string, unknown>()
    summary.eachRow((row) => summaryValues.set(String(row.getCell(1).value), row.getCell(2).value ?? null))
    expect(summaryValues.get('起始日期')).toBe('2026-04-01')
    expect(summaryValues.get('截止日期')).toBe('2026-06-30')
    for (const [header, value] of Object.entries(total)) expect(summaryValues.get(header), header).toBe(value)
  })

  it('counts a month and the next quarter by the China day of receipt', async () => {
    const read = async (period: string) => {
      const response = await inject({ method: 'GET', url: `/api/v1/admin/statistics/${period}`, headers: bearer(admin) })
      expect(response.statusCode).toBe(200)
      return statisticsSchema.parse(response.json())
    }
    const april = await read('2026-04')
    expect(april).toMatchObject({ from: '2026-04-01', to: '2026-04-30' })
    expect(april.total.received).toBe(seeded.filter((seed) => inPeriod(seed, '2026-04-01', '2026-04-30')).length)
    const march = await read('2026-03')
    expect(march.total.received).toBe(1)
    expect(march.total.bad).toBe(1)
    expect(march.total.badRectifiedRate).toBe(0)
    const third = await read('2026-Q3')
    expect(third).toMatchObject({ from: '2026-07-01', to: '2026-09-30' })
    expect(third.total).toMatchObject({ received: 1, crossRegion: 1, completed: 0, onTimeRate: null, goodRate: null })
    expect((await read('2026')).total.received).toBe(SEEDS.length)
  })

  it('limits a reviewer to their department, and refuses a malformed period with a clear message', async () => {
    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: DEMO_REVIEWER.username, password: 'minzheng2026' } })
    const reviewer = (login.json() as { token: string }).token
    const response = await inject({ method: 'GET', url: '/api/v1/admin/statistics/2026', headers: bearer(reviewer) })
    const statistics = statisticsSchema.parse(response.json())
    expect(statistics.department).toBe(DEMO_REVIEWER.department)
    const theirs = seeded.filter((seed) => seed.catalogItem.department === DEMO_REVIEWER.department)
    expect(theirs.length).toBeGreaterThan(0)
    expect(theirs.length).toBeLessThan(seeded.length)
    expect(statistics.total.received).toBe(theirs.length)
    expect(statistics.byDepartment.map((row) => row.key)).toEqual([DEMO_REVIEWER.department])
    // The workbook holds the same scope: its 按站点 sheet adds up to their intakes only.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(
      (await inject({ method: 'GET', url: '/api/v1/admin/statistics/2026/workbook', headers: bearer(reviewer) })).rawPayload as unknown as ExcelJS.Buffer,
    )
    expect(sheetRows(workbook.getWorksheet('按站点')!).get('合计')?.['收件']).toBe(theirs.length)

    const bad = await inject({ method: 'GET', url: '/api/v1/admin/statistics/2026-13/workbook', headers: bearer(admin) })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toContain('统计期间应写作')
    expect((await inject({ method: 'GET', url: '/api/v1/admin/statistics/2026-Q2/workbook' })).statusCode).toBe(401)
  })
})
