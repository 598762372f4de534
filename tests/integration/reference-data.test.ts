import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { workingDayCalendarSchema } from '../../shared/calendar'
import { pullResponseSchema, type PullChange } from '../../shared/protocol'
import { changes } from '../../server/db/schema'
import { demoStationItemIds } from '../../server/seed/demo-station-items'
import { seedCounty } from '../../server/services/seed/seed-service'
import { stationItemsSchema } from '../../shared/station'
import { insertOperatorIfAbsent } from '../../server/repositories/operator-repository'
import { hashPassword } from '../../server/secrets'
import { bearer, enroll, operatorToken, starterCatalog, startTestCounty, testConfig, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets({ both: true })

type Pulled = { [E in PullChange['entity']]: Extract<PullChange, { entity: E }>[] }

const calendarFile = (year: number) => workingDayCalendarSchema.parse(JSON.parse(readFileSync(join(testConfig().calendarDir, `calendar-${year}.json`), 'utf8')))

describe.each(targets)('reference data through pull on $name', (target) => {
  let county: TestCounty
  const inject = (options: InjectOptions) => county.server.app.inject(options)

  /** A device's sync: pull from `from` (a new device: the start) until `more` is false, then the changes by entity. */
  const pullUntilDone = async (token: string, from = ''): Promise<Pulled & { cursor: string }> => {
    const all: PullChange[] = []
    let cursor = from
    for (;;) {
      const response = await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=100`, headers: bearer(token) })
      expect(response.statusCode).toBe(200)
      const page = pullResponseSchema.parse(response.json())
      all.push(...page.changes)
      cursor = page.cursor
      if (!page.more) break
    }
    const by = <E extends PullChange['entity']>(entity: E) => all.filter((change): change is Extract<PullChange, { entity: E }> => change.entity === entity)
    return {
      cursor,
      catalogItem: by('catalogItem'),
      station: by('station'),
      intakeDecision: by('intakeDecision'),
      calendar: by('calendar'),
      lifeEvent: by('lifeEvent'),
      stationItems: by('stationItems'),
      intake: by('intake'),
      evaluation: by('evaluation'),
      reportFollowUp: by('reportFollowUp'),
      staff: by('staff'),
    }
  }

  beforeAll(async () => {
    county = await startTestCounty(target)
  })
  afterAll(async () => {
    await county?.close()
  })

  it('gives a new village station the catalog, both calendars, the bundles and its own 进驻事项', async () => {
    const { token } = await enroll(county.server, 'MHZMZ01')
    const pulled = await pullUntilDone(token)

    expect(pulled.catalogItem.length).toBeGreaterThanOrEqual(120)
    const withMaterials = pulled.catalogItem.filter((change) => change.data.materials.length > 0)
    expect(withMaterials.length).toBeGreaterThanOrEqual(120)
    expect(withMaterials[0]?.data.materials[0]).toMatchObject({ name: expect.any(String), necessity: expect.any(String), form: expect.any(String) })

    expect(pulled.calendar.map((change) => [change.id, change.data.year])).toEqual([
      ['2026', 2026],
      ['2027', 2027],
    ])
    // Each seeded year is published as its first version.
    for (const change of pulled.calendar) expect(change.data).toEqual({ ...calendarFile(change.data.year), version: 1 })
    // 国庆 2026 is off, its 调休 Saturday is on.
    expect(pulled.calendar[0]?.data.holidays).toContain('2026-10-01')
    expect(pulled.calendar[0]?.data.workdays).toContain('2026-10-10')

    expect(pulled.lifeEvent.length).toBeGreaterThanOrEqual(3)
    const bundleNames = pulled.lifeEvent.map((change) => change.data.name)
    for (const name of ['新生儿出生', '企业开办', '不动产登记'])
      expect(
        bundleNames.some((bundle) => bundle.startsWith(name)),
        name,
      ).toBe(true)
    const pulledIds = new Set(pulled.catalogItem.map((change) => change.id))
    for (const bundle of pulled.lifeEvent) for (const itemId of bundle.data.itemIds) expect(pulledIds.has(itemId), `${bundle.id}: ${itemId}`).toBe(true)

    expect(pulled.stationItems).toHaveLength(1)
    const own = pulled.stationItems[0]!
    expect(own).toMatchObject({ op: 'put', id: 'MHZMZ01', data: { stationCode: 'MHZMZ01' } })
    expect(own.data.itemIds).toEqual(demoStationItemIds('villageStation', starterCatalog()))
    expect(own.data.itemIds.length).toBeGreaterThan(0)
    for (const itemId of own.data.itemIds) expect(pulledIds.has(itemId), itemId).toBe(true)
    expect(pulled.station.at(-1)?.data.itemIds).toEqual(own.data.itemIds)
  })

  it('gives another station its own 进驻事项 and never the first station’s', async () => {
    const { token } = await enroll(county.server, 'MHZ01')
    const pulled = await pullUntilDone(token)
    expect(pulled.stationItems.map((change) => change.id)).toEqual(['MHZ01'])
    const centre = pulled.stationItems[0]!.data.itemIds
    expect(centre).toEqual(demoStationItemIds('townshipCentre', starterCatalog()))

    // The township centre takes in more than a village station, county items of bundles included.
    const village = demoStationItemIds('villageStation', starterCatalog())
    expect(centre).not.toEqual(village)
    expect(centre.length).toBeGreaterThan(village.length)
    const byId = new Map(starterCatalog().map((item) => [item.id, item]))
    expect(centre.some((id) => byId.get(id)?.levels.join() === '4')).toBe(true)
    expect(village.every((id) => byId.get(id)?.levels.includes('6') || byId.get(id)?.levels.includes('5'))).toBe(true)
    expect(centre.some((id) => byId.get(id)?.status === 'withdrawn')).toBe(false)

    const otherVillage = await pullUntilDone((await enroll(county.server, 'MZZJZ01')).token)
    expect(otherVillage.stationItems.map((change) => change.id)).toEqual(['MZZJZ01'])
  })

  it('publishes nothing again when the seed runs at the next start', async () => {
    const before = await county.server.db.$count(changes)
    await seedCounty(county.server.db, testConfig(), { info: () => undefined, warn: () => undefined })
    expect(await county.server.db.$count(changes)).toBe(before)
  })

  it('lets the county administrator replace a station’s 进驻事项, which reaches that station only', async () => {
    const admin = await operatorToken(county.server)
    const setItems = (code: string, itemIds: unknown, token = admin) =>
      inject({ method: 'POST', url: `/api/v1/admin/stations/${code}/items`, headers: bearer(token), payload: { itemIds } })
    const target = await enroll(county.server, 'MZZJZ01')
    const bystander = await enroll(county.server, 'MHZMZ01')
    const targetCursor = (await pullUntilDone(target.token)).cursor
    const bystanderCursor = (await pullUntilDone(bystander.token)).cursor

    const [first, second] = starterCatalog().filter((item) => item.status === 'active')
    const response = await setItems('MZZJZ01', [second!.id, first!.id, second!.id])
    expect(response.statusCode).toBe(200)
    const chosen = [first!.id, second!.id].sort()
    expect(stationItemsSchema.parse(response.json())).toEqual({ stationCode: 'MZZJZ01', itemIds: chosen })
    const read = await inject({ method: 'GET', url: '/api/v1/admin/stations/MZZJZ01/items', headers: bearer(admin) })
    expect(read.json()).toEqual({ stationCode: 'MZZJZ01', itemIds: chosen })

    const after = await pullUntilDone(target.token, targetCursor)
    expect(after.stationItems.map((change) => change.data)).toEqual([{ stationCode: 'MZZJZ01', itemIds: chosen }])
    expect(after.station.map((change) => change.data.itemIds)).toEqual([chosen])
    const untouched = await pullUntilDone(bystander.token, bystanderCursor)
    expect([untouched.stationItems, untouched.station]).toEqual([[], []])

    // The same list again publishes nothing, and the next start's seed keeps the county's list.
    const before = await county.server.db.$count(changes)
    expect((await setItems('MZZJZ01', chosen)).statusCode).toBe(200)
    await seedCounty(county.server.db, testConfig(), { info: () => undefined, warn: () => undefined })
    expect(await county.server.db.$count(changes)).toBe(before)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/stations/MZZJZ01/items', headers: bearer(admin) })).json().itemIds).toEqual(chosen)

    const withdrawn = starterCatalog().find((item) => item.status === 'withdrawn')!
    const refused = await setItems('MZZJZ01', [first!.id, withdrawn.id])
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error).toMatchObject({ code: 'bad_request', path: 'itemIds.1', message: expect.stringContaining(withdrawn.id) })
    expect((await setItems('MZZJZ01', [])).json().error).toMatchObject({ path: 'itemIds', message: '至少保留一个进驻事项' })
    expect((await setItems('MZZJZ01', ['bad-id'])).statusCode).toBe(400)
    expect((await setItems('NOSUCH01', chosen)).statusCode).toBe(404)
    expect((await setItems('MZZJZ01', chosen, target.token)).statusCode).toBe(401)
    await insertOperatorIfAbsent(county.server.db, {
      username: 'shenpi02',
      displayName: '审批员',
      role: 'countyOperator',
      passwordHash: await hashPassword('shenpi-2026'),
    })
    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'shenpi02', password: 'shenpi-2026' } })
    const reviewer = (login.json() as { token: string }).token
    expect((await setItems('MZZJZ01', [first!.id], reviewer)).statusCode).toBe(403)
    expect(await county.server.db.$count(changes)).toBe(before)
  })
})
