import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { ServiceItem } from '../../shared/catalog'
import { itemSnapshotOf, type IntakeSubmitInput } from '../../shared/intake'
import { enrollResponseSchema, type EnrollResponse, type MutationInput } from '../../shared/protocol'
import { residentIdCheckChar } from '../../shared/validators'
import { resolveConfig, type CountyConfig, type CountyConfigInput } from '../../server/config'
import { listStationItemIds } from '../../server/repositories/station-item-repository'
import { listStationStaffRows } from '../../server/repositories/station-staff-repository'
import { loadCatalogSeed } from '../../server/seed/load-catalog-seed'
import { ensureEnrollmentCode } from '../../server/services/stations/enrollment-service'
import { startCountyServer, type CountyServer } from '../../server/start-county-server'
import type { DatabaseTarget } from './databases'

export const ID_NUMBER = `11010519491231002${residentIdCheckChar('11010519491231002')}`

/** The county data key test servers run with (COUNTY_DATA_KEY), fixed so a restart on the same database opens its data. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64')

/** The config a test server runs with: quiet, any free port, the given database. */
export function testConfig(overrides: CountyConfigInput = {}): CountyConfig {
  return resolveConfig({
    // Only the catalog path may come from outside (to try another catalog file).
    env: { COUNTY_CATALOG_PATH: process.env.COUNTY_CATALOG_PATH },
    overrides: { port: 0, logLevel: 'silent', dataDir: 'memory://', dataKey: TEST_DATA_KEY, ...overrides },
  })
}

export type TestCounty = { server: CountyServer; close(): Promise<void> }

export async function startTestCounty(target: DatabaseTarget, overrides: CountyConfigInput = {}): Promise<TestCounty> {
  const database = await target.prepare()
  const server = await startCountyServer(testConfig({ dataDir: database.dataDir ?? 'memory://', databaseUrl: database.databaseUrl, ...overrides }))
  return {
    server,
    close: async () => {
      await server.close()
      await database.dispose()
    },
  }
}

/** The starter catalog the server seeded from (the same file it read). */
export function starterCatalog(): ServiceItem[] {
  const seed = loadCatalogSeed(testConfig().catalogPath)
  if (!seed) throw new Error(`starter catalog missing at ${testConfig().catalogPath}`)
  return seed.items
}

export function itemWith(predicate: (item: ServiceItem) => boolean): ServiceItem {
  const item = starterCatalog().find((candidate) => candidate.status === 'active' && predicate(candidate))
  if (!item) throw new Error('the starter catalog has no item for this test')
  return item
}

export async function enroll(server: CountyServer, stationCode: string): Promise<EnrollResponse> {
  // The code listed at start, or a fresh one once that was used: the same rule the start applies.
  const { code } = await ensureEnrollmentCode(server.db, stationCode, 30)
  const response = await server.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code, deviceName: `测试设备 ${stationCode}` } })
  expect(response.statusCode).toBe(200)
  return enrollResponseSchema.parse(response.json())
}

let intakeCounter = 0

/** A valid `intake.submit` mutation for the station and item. */
export function submitMutation(stationCode: string, item: ServiceItem, changes: Partial<IntakeSubmitInput> = {}): MutationInput & { type: 'intake.submit' } {
  const id = randomUUID()
  intakeCounter++
  const payload: IntakeSubmitInput = {
    id,
    intakeNo: `${stationCode}-20261128-${String(intakeCounter).padStart(4, '0')}`,
    stationCode,
    item: itemSnapshotOf(item),
    applicant: { kind: 'person', name: '玉香', idNumber: ID_NUMBER, phone: '13908810001', address: '勐海县勐海镇曼真村' },
    serviceMode: 'self',
    materials: [],
    staffName: '岩温',
    createdAt: '2026-11-28T02:00:00.000Z',
    ...changes,
  }
  return { id: randomUUID(), type: 'intake.submit', entityId: payload.id, payload, createdAt: '2026-11-28T02:00:00.000Z' }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Any station mutation around the payload, with a fresh mutation id. */
export function stationMutation<T extends MutationInput['type']>(
  type: T,
  entityId: string,
  payload: Extract<MutationInput, { type: T }>['payload'],
): Extract<MutationInput, { type: T }> {
  return { id: randomUUID(), type, entityId, payload, createdAt: '2026-11-28T03:00:00.000Z' } as Extract<MutationInput, { type: T }>
}

/** A county operator's session token (the seeded admin). */
export async function operatorToken(server: CountyServer): Promise<string> {
  const response = await server.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2026' } })
  expect(response.statusCode).toBe(200)
  return (response.json() as { token: string }).token
}

/** An active item of the starter catalog that is among the station's 进驻事项 (当场办结 needs one). */
export async function stationItemWith(server: CountyServer, stationCode: string, predicate: (item: ServiceItem) => boolean): Promise<ServiceItem> {
  const offered = new Set(await listStationItemIds(server.db, stationCode))
  return itemWith((item) => offered.has(item.id) && predicate(item))
}

/** The id of the seeded account of the station that holds the 首席事务代表 authorisation (the demo lead). */
export async function onSiteLeadId(server: CountyServer, stationCode: string): Promise<string> {
  const lead = (await listStationStaffRows(server.db, stationCode)).find((row) => row.onSiteAuthority && row.active)
  if (!lead) throw new Error(`no authorised lead at ${stationCode}`)
  return lead.id
}
