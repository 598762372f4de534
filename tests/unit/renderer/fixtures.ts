import type { ServiceItem } from '../../../shared/catalog'
import type { IntakeDecision } from '../../../shared/decision'
import type { Station } from '../../../shared/station'
import { residentIdCheckChar } from '../../../shared/validators'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import { writeMeta } from '../../../src-renderer/db/meta'
import { StationDb } from '../../../src-renderer/db/station-db'
import type { StaffActor } from '../../../src-renderer/db/staff-permissions'
import type { IntakeDraft } from '../../../src-renderer/features/intake/submit-intake'

let counter = 0

/** A fresh, empty database per test (fake-indexeddb must be imported by the test file first). */
export function freshDb(): StationDb {
  counter++
  return new StationDb(`test-${process.pid}-${Date.now()}-${counter}`)
}

export const station: Station = {
  code: 'MHMZ01',
  name: '勐海镇曼真村便民服务站',
  kind: 'villageStation',
  township: '勐海镇',
  countyCode: '532822',
  countyName: '勐海县',
  itemIds: ['532822000001'],
}

export const catalogItem: ServiceItem = {
  id: '532822000001',
  baseCode: '000107001000',
  implCode: '532822000001',
  name: '城乡居民基本养老保险参保登记',
  itemType: '20',
  domain: '社会保险',
  department: '勐海县人力资源和社会保障局',
  levels: ['5', '6'],
  audience: ['1'],
  handling: '2',
  legalLimitDays: 10,
  promisedLimitDays: 5,
  limitUnit: 'workingDays',
  acceptOnReceipt: true,
  fee: { charged: false, description: '不收费' },
  conditions: ['年满16周岁的城乡居民'],
  legalBasis: ['《中华人民共和国社会保险法》'],
  channels: ['1'],
  onlineDepth: 'III',
  crossRegion: 'none',
  location: '勐海镇便民服务中心',
  officeHours: '工作日 9:00-17:00',
  consultPhone: '0691-5122345',
  materials: [
    {
      id: 'm1',
      name: '居民身份证',
      necessity: 'required',
      form: 'paper',
      originalCopies: 1,
      photocopyCopies: 1,
      source: 'government',
      issuedBy: '公安机关',
      commitmentAllowed: false,
      eLicenceReplaces: true,
    },
    {
      id: 'm2',
      name: '户口簿',
      necessity: 'deferrable',
      form: 'paper',
      originalCopies: 1,
      photocopyCopies: 0,
      source: 'government',
      commitmentAllowed: true,
      eLicenceReplaces: false,
    },
  ],
  lifeEvents: [],
  status: 'active',
  version: 1,
}

export function residentId(first17 = '53282219800101001'): string {
  return first17 + residentIdCheckChar(first17)
}

export function draft(overrides: Partial<IntakeDraft> = {}): IntakeDraft {
  return {
    itemId: catalogItem.id,
    applicant: { kind: 'person', name: '岩温', idNumber: residentId(), phone: '13908812345', address: '勐海镇曼真村3组' },
    serviceMode: 'self',
    materials: [
      { materialId: 'm1', status: 'provided' },
      { materialId: 'm2', status: 'provided' },
    ],
    staffName: '玉香',
    ...overrides,
  }
}

/** The device id the county gave at enrollment; its intake-number tag is "ASC". */
export const DEVICE_ID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f'

/**
 * An enrolled station with one catalog item. Without a device number it is a device
 * enrolled before the county numbered devices (its tag comes from its id).
 */
export async function seedStation(db: StationDb, deviceId: string = DEVICE_ID, deviceNumber?: number): Promise<void> {
  await writeMeta(db, 'station', station)
  await writeMeta(db, 'deviceId', deviceId)
  if (deviceNumber !== undefined) await writeMeta(db, 'deviceNumber', deviceNumber)
  await db.catalogItems.put(toCatalogItemRecord(catalogItem))
}

export function decisionFor(intake: { id: string; intakeNo: string }, status: IntakeDecision['status']): IntakeDecision {
  return {
    intakeId: intake.id,
    intakeNo: intake.intakeNo,
    status,
    receivedAt: '2025-03-03T02:00:00.000Z',
    history: [{ status, at: '2025-03-03T02:00:00.000Z', by: '县政务服务管理局' }],
  }
}

/** 2025-03-03 10:00 in China. */
export const MONDAY = new Date('2025-03-03T02:00:00.000Z')
export const TUESDAY = new Date('2025-03-04T02:00:00.000Z')

/** The signed-in window clerk every station write needs (the write path takes no write without an actor). */
export const clerk: StaffActor = {
  id: '2d7e5b1a-3c4f-4a6b-9d8e-7f6a5b4c3d2e',
  username: 'yuxiang',
  displayName: '玉香',
  role: 'clerk',
  stationCode: station.code,
}

/** The station lead (首席事务代表): 当场办结 and 日终对账. */
export const lead: StaffActor = { id: '6f1c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70', username: 'yanhan', displayName: '岩罕', role: 'lead', stationCode: station.code }
