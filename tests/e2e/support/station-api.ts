import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect } from '@playwright/test'
import type { CatalogSeed, ServiceItem } from '../../../shared/catalog'
import { itemSnapshotOf, type IntakeMaterial, type IntakeSubmitInput } from '../../../shared/intake'
import type { MutationInput } from '../../../shared/protocol'
import { residentIdCheckChar } from '../../../shared/validators'
import { chinaDate } from '../../../shared/working-days'

/**
 * What a station device sends the county, done over HTTP as the station's sync engine would,
 * for console specs that need station work to exist without driving a station page.
 */

/** The demo catalog the county seeds from. */
export const demoCatalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../resources/catalog/menghai-catalog.json'), 'utf8')) as CatalogSeed

/** A valid 公民身份号码 (check digit computed), for a resident born 1952. */
export const demoIdNumber = '53282219520314202' + residentIdCheckChar('53282219520314202')

/** Enrolls a device with a code the county printed; answers its bearer token. */
export async function enrollDevice(countyUrl: string, code: string, deviceName = '综合窗口一号机'): Promise<string> {
  const enrolled = await fetch(`${countyUrl}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  })
  expect(enrolled.status).toBe(200)
  return ((await enrolled.json()) as { token: string }).token
}

/**
 * A new code for the station, as an operator issues one in the console. It voids the station's
 * unused code: a test that enrolls two devices enrolls the first with the code the county printed.
 */
export async function issueEnrollmentCode(countyUrl: string, adminToken: string, stationCode: string): Promise<string> {
  const issued = await fetch(`${countyUrl}/api/v1/admin/stations/${stationCode}/enrollment-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: '{}',
  })
  expect(issued.status).toBe(200)
  return ((await issued.json()) as { code: string }).code
}

/** An 办件编号 of today (China date) from a device tagged ZZZ: no browser device of a test makes the same. */
export function todayIntakeNo(stationCode: string, sequence: number): string {
  return `${stationCode}-${chinaDate(new Date()).replaceAll('-', '')}-ZZZ${String(sequence).padStart(4, '0')}`
}

/**
 * The item's materials as a clerk records them when the resident brought what is needed:
 * 已收取 (original), an optional one 不适用, and those in `deferred` (material id → 补交期限) 容缺后补.
 */
export function broughtMaterials(item: ServiceItem, deferred: Record<string, string> = {}): IntakeMaterial[] {
  return item.materials.map((material): IntakeMaterial => {
    const dueDate = deferred[material.id]
    if (dueDate !== undefined) return { materialId: material.id, name: material.name, status: 'deferred', dueDate, attachments: [] }
    if (material.necessity === 'optional') return { materialId: material.id, name: material.name, status: 'notApplicable', attachments: [] }
    return { materialId: material.id, name: material.name, status: 'provided', form: 'original', count: 1, attachments: [] }
  })
}

/** An `intake.submit` payload for `item` at the station: 玉香, self-service, no materials unless given. */
export function intakePayload(item: ServiceItem, stationCode: string, sequence: number, overrides: Partial<IntakeSubmitInput> = {}): IntakeSubmitInput {
  return {
    id: randomUUID(),
    intakeNo: `${stationCode}-20261130-${String(sequence).padStart(4, '0')}`,
    stationCode,
    item: itemSnapshotOf(item),
    applicant: { kind: 'person', name: '玉香', idNumber: demoIdNumber, phone: '0691-5123456', address: '勐海县勐海镇曼真村三组' },
    serviceMode: 'self',
    materials: [],
    staffName: '岩罕',
    createdAt: new Date().toISOString(),
    ...overrides,
  }
}

/** The mutation a station's outbox would hold for this intake. */
export function submitMutation(payload: IntakeSubmitInput): MutationInput {
  return { id: randomUUID(), type: 'intake.submit', entityId: payload.id, payload, createdAt: payload.createdAt }
}

/** Pushes mutations in one request and expects the county to apply every one. */
export async function pushApplied(countyUrl: string, token: string, mutations: MutationInput[]): Promise<void> {
  const pushed = await fetch(`${countyUrl}/api/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ mutations }),
  })
  expect(pushed.status).toBe(200)
  const { results } = (await pushed.json()) as { results: { status: string }[] }
  expect(results.map((result) => result.status)).toEqual(mutations.map(() => 'applied'))
}
