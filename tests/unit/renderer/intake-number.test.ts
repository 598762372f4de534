import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { intakeNoSchema } from '../../../shared/intake'
import { StationDb } from '../../../src-renderer/db/station-db'
import { discardIntakeDraft, saveIntakeDraft } from '../../../src-renderer/features/intake/intake-draft'
import { deviceTag, formatIntakeNo, numberedDeviceTag } from '../../../src-renderer/features/intake/intake-number'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { clerk, DEVICE_ID, MONDAY, draft, freshDb, seedStation } from './fixtures'

const OTHER_DEVICE_ID = '0b7e9c1a-2d3f-4e5a-9b6c-7d8e9f0a1b2c'
const opened: StationDb[] = []

function open(db: StationDb): StationDb {
  opened.push(db)
  return db
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete()
})

describe('deviceTag', () => {
  it('is three characters, a letter first, the same for the same device every time', () => {
    expect(deviceTag(DEVICE_ID)).toBe('ASC')
    expect(deviceTag(DEVICE_ID.toUpperCase())).toBe('ASC')
    expect(deviceTag(OTHER_DEVICE_ID)).toBe('VA5')
    for (let index = 0; index < 200; index++) {
      expect(deviceTag(crypto.randomUUID())).toMatch(/^[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]{2}$/)
    }
  })

  it('spreads devices over many tags', () => {
    const tags = new Set(Array.from({ length: 2000 }, () => deviceTag(crypto.randomUUID())))
    // 2,000 random devices over 22,528 tags: a clustering hash would give far fewer distinct tags.
    expect(tags.size).toBeGreaterThan(1850)
  })
})

describe('numberedDeviceTag', () => {
  it('is U and the device number in two base-32 characters', () => {
    expect(numberedDeviceTag(1)).toBe('U01')
    expect(numberedDeviceTag(37)).toBe('U15')
    expect(numberedDeviceTag(1023)).toBe('UZZ')
    expect(() => numberedDeviceTag(0)).toThrow(RangeError)
    expect(() => numberedDeviceTag(1024)).toThrow(RangeError)
  })

  it('never meets a hash tag of an older enrollment', () => {
    for (let index = 0; index < 500; index++) expect(deviceTag(crypto.randomUUID()).startsWith('U')).toBe(false)
  })
})

describe('intake numbers', () => {
  it('follow <station>-<yyyymmdd>-<tag><sequence> and pass the shared schema, old untagged numbers too', () => {
    const intakeNo = formatIntakeNo('MHZMZ01', '20261130', 'K3F', 1)
    expect(intakeNo).toBe('MHZMZ01-20261130-K3F0001')
    expect(intakeNoSchema.parse(intakeNo)).toBe(intakeNo)
    expect(intakeNoSchema.parse('MHZMZ01-20261130-0001')).toBe('MHZMZ01-20261130-0001')
    expect(intakeNoSchema.safeParse('MHZMZ01-20261130-k3f0001').success).toBe(false)
    // The longest station code still fits the 40 characters the decision and audit records allow.
    expect(formatIntakeNo('A'.repeat(20), '20261130', 'ZZZ', 999_999).length).toBeLessThanOrEqual(40)
  })

  it('never collide between two devices of one station numbering offline on the same day', async () => {
    const first = open(freshDb())
    const second = open(freshDb())
    await seedStation(first, DEVICE_ID)
    await seedStation(second, OTHER_DEVICE_ID)
    const numbers: string[] = []
    for (let index = 0; index < 3; index++) {
      numbers.push((await submitIntake(first, draft(), { staff: clerk, now: () => MONDAY })).intakeNo)
      numbers.push((await submitIntake(second, draft(), { staff: clerk, now: () => MONDAY })).intakeNo)
    }
    expect(numbers).toEqual([
      'MHMZ01-20250303-ASC0001',
      'MHMZ01-20250303-VA50001',
      'MHMZ01-20250303-ASC0002',
      'MHMZ01-20250303-VA50002',
      'MHMZ01-20250303-ASC0003',
      'MHMZ01-20250303-VA50003',
    ])
  })

  it('carry the device number the county gave, so numbered devices never collide at all', async () => {
    const first = open(freshDb())
    const second = open(freshDb())
    await seedStation(first, DEVICE_ID, 1)
    await seedStation(second, OTHER_DEVICE_ID, 2)
    const numbers = [
      (await submitIntake(first, draft(), { staff: clerk, now: () => MONDAY })).intakeNo,
      (await submitIntake(second, draft(), { staff: clerk, now: () => MONDAY })).intakeNo,
      (await submitIntake(first, draft(), { staff: clerk, now: () => MONDAY })).intakeNo,
    ]
    expect(numbers).toEqual(['MHMZ01-20250303-U010001', 'MHMZ01-20250303-U020001', 'MHMZ01-20250303-U010002'])
    for (const intakeNo of numbers) expect(intakeNoSchema.parse(intakeNo)).toBe(intakeNo)
  })

  it('are never reused after the database is closed and reopened, nor after a discarded draft', async () => {
    const name = `intake-number-${process.pid}-${Date.now()}`
    const db = new StationDb(name)
    await seedStation(db)
    const first = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    // A draft the clerk discards never took a number: numbers are taken only when an intake is saved.
    await saveIntakeDraft(db, { applicantKind: 'person', person: { name: '岩温' }, serviceMode: 'self', materials: {}, staffName: '玉香' })
    await discardIntakeDraft(db)
    db.close()

    const reopened = open(new StationDb(name))
    const second = await submitIntake(reopened, draft(), { staff: clerk, now: () => MONDAY })
    expect([first.intakeNo, second.intakeNo]).toEqual(['MHMZ01-20250303-ASC0001', 'MHMZ01-20250303-ASC0002'])
  })

  it('skip numbers the station already holds when the day\u2019s counter was lost', async () => {
    const db = open(freshDb())
    await seedStation(db)
    await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    // A counter lost (a restored backup, say) must not hand out a number an intake here already has.
    await db.meta.delete('intakeSeq:20250303')
    const next = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    expect(next.intakeNo).toBe('MHMZ01-20250303-ASC0003')
  })
})
