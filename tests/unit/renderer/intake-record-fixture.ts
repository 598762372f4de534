import type { IntakeDecision } from '../../../shared/decision'
import { itemSnapshotOf } from '../../../shared/intake'
import { intakeRecordSchema, type IntakeRecord } from '../../../shared/station-records'
import { catalogItem, residentId } from './fixtures'

/** 2026-09-30 10:00 in China, the day before the National Day holiday. */
export const BEFORE_NATIONAL_DAY = '2026-09-30T02:00:00.000Z'

// Made before limit units: the tests count such an intake in working days (limit-unit-station.test.ts).
const { limitUnit: _limitUnit, ...snapshotBeforeLimitUnits } = itemSnapshotOf(catalogItem)

/** A stored intake of the fixture item (收件即受理, 5 working days), as submitIntake would have saved it. */
export function intakeRecord(overrides: Partial<IntakeRecord> = {}): IntakeRecord {
  return intakeRecordSchema.parse({
    id: '7d444840-9dc0-41ff-9d4c-0b2c7f3c5b11',
    intakeNo: 'MHMZ01-20260930-ASC0001',
    stationCode: 'MHMZ01',
    item: { ...snapshotBeforeLimitUnits, version: 3 },
    applicant: { kind: 'person', name: '岩温', idNumber: residentId(), phone: '13908812345', address: '勐海镇曼真村三组' },
    serviceMode: 'assisted',
    assistReason: 'elderly',
    materials: [
      { materialId: 'm1', name: '居民身份证', status: 'provided', form: 'original', count: 1, attachments: [] },
      { materialId: 'm2', name: '户口簿', status: 'deferred', dueDate: '2026-10-09', attachments: [] },
    ],
    staffName: '玉香',
    createdAt: BEFORE_NATIONAL_DAY,
    syncState: 'pending',
    ...overrides,
  })
}

/** The county's record after the given history (times are the county's). */
export function decision(intake: IntakeRecord, history: IntakeDecision['history'], extra: Partial<IntakeDecision> = {}): IntakeDecision {
  return {
    intakeId: intake.id,
    intakeNo: intake.intakeNo,
    status: history.at(-1)!.status,
    receivedAt: history[0]!.at,
    history,
    ...extra,
  }
}
