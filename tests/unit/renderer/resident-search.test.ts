import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { findResidentIntakes, lastIntakeOfResident, parseResidentQuery } from '../../../src-renderer/features/intake/resident-search'
import { freshDb, residentId } from './fixtures'
import { intakeRecord } from './intake-record-fixture'

let db: StationDb | undefined
afterEach(async () => {
  await db?.delete()
  db = undefined
})

const yanwen = residentId()
const yuxiang = residentId('53282219850314202')

function intake(serial: number, applicant: Partial<Extract<IntakeRecord['applicant'], { kind: 'person' }>>, createdAt: string): IntakeRecord {
  const base = intakeRecord()
  return intakeRecord({
    id: `7d444840-9dc0-41ff-9d4c-${String(serial).padStart(12, '0')}`,
    intakeNo: `MHMZ01-20261012-ASC${String(serial).padStart(4, '0')}`,
    applicant: { ...(base.applicant as Extract<IntakeRecord['applicant'], { kind: 'person' }>), ...applicant },
    createdAt,
  })
}

describe('查找群众: reading the search box', () => {
  it('tells an ID number, an intake number, a phone and a name apart', () => {
    expect(parseResidentQuery(` ${yanwen.slice(0, 17)}x `)).toEqual({ kind: 'idNumber', idNumber: `${yanwen.slice(0, 17)}X` })
    expect(parseResidentQuery('MHMZ01-20261012-ASC0001')).toEqual({ kind: 'intakeNo', intakeNo: 'MHMZ01-20261012-ASC0001' })
    expect(parseResidentQuery('139 0881 2345')).toEqual({ kind: 'phone', phone: '13908812345' })
    expect(parseResidentQuery('0691-5123456')).toEqual({ kind: 'phone', phone: '06915123456' })
    expect(parseResidentQuery('岩温')).toEqual({ kind: 'name', name: '岩温' })
    expect(parseResidentQuery('  ')).toBeNull()
  })
})

describe('查找群众: this station\u2019s intakes for a returning resident', () => {
  async function seeded(): Promise<StationDb> {
    db = freshDb()
    await db.open()
    await db.intakes.bulkAdd([
      intake(1, { name: '岩温', idNumber: yanwen, phone: '13908812345' }, '2026-09-01T02:00:00.000Z'),
      intake(2, { name: '玉香', idNumber: yuxiang, phone: '0691-5123456' }, '2026-09-15T02:00:00.000Z'),
      intake(3, { name: '岩温', idNumber: yanwen, phone: '13908800000', address: '勐海镇曼真村五组' }, '2026-10-10T02:00:00.000Z'),
    ])
    return db
  }
  const numbers = (intakes: IntakeRecord[]) => intakes.map((found) => found.intakeNo.slice(-4))

  it('finds by exact ID number, newest first', async () => {
    const store = await seeded()
    expect(numbers(await findResidentIntakes(store, { kind: 'idNumber', idNumber: yanwen }))).toEqual(['0003', '0001'])
    expect(await findResidentIntakes(store, { kind: 'idNumber', idNumber: residentId('53282219900101001') })).toEqual([])
  })

  it('finds by name (part of it), phone (ignoring dashes) and intake number', async () => {
    const store = await seeded()
    expect(numbers(await findResidentIntakes(store, { kind: 'name', name: '温' }))).toEqual(['0003', '0001'])
    expect(numbers(await findResidentIntakes(store, { kind: 'phone', phone: '06915123456' }))).toEqual(['0002'])
    expect(numbers(await findResidentIntakes(store, { kind: 'intakeNo', intakeNo: 'MHMZ01-20261012-ASC0002' }))).toEqual(['0002'])
    expect(numbers(await findResidentIntakes(store, { kind: 'name', name: '岩' }, 1))).toEqual(['0003'])
  })

  it('gives the last intake to fill 新建办件 from', async () => {
    const store = await seeded()
    expect(await lastIntakeOfResident(store, yanwen.toLowerCase())).toMatchObject({ applicant: { phone: '13908800000', address: '勐海镇曼真村五组' } })
    expect(await lastIntakeOfResident(store, residentId('53282219900101001'))).toBeNull()
  })
})
