import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollResponseSchema } from '../../shared/protocol'
import { insertEnrollmentCode } from '../../server/repositories/enrollment-code-repository'
import { newEnrollmentCode } from '../../server/secrets'
import { sha256HexOfText } from '../../shared/sha256'
import { startTestCounty, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

describe.each(targets)('device numbers within a station on $name', (target) => {
  let county: TestCounty
  beforeAll(async () => {
    county = await startTestCounty(target)
  })
  afterAll(async () => {
    await county?.close()
  })

  /** A fresh one-time code for the station, next to any it already has. */
  const code = async (stationCode: string): Promise<string> => {
    const value = newEnrollmentCode()
    expect(
      await insertEnrollmentCode(county.server.db, {
        codeHash: sha256HexOfText(value),
        stationCode,
        expiresAt: new Date(Date.now() + 86_400_000),
        now: new Date(),
      }),
    ).toBe(true)
    return value
  }
  const enrollWith = async (value: string) => {
    const response = await county.server.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code: value, deviceName: '综合窗口' } })
    expect(response.statusCode).toBe(200)
    return enrollResponseSchema.parse(response.json())
  }

  it('numbers devices 1, 2, … per station, each station on its own', async () => {
    const first = await enrollWith(await code('MHZMZ01'))
    const second = await enrollWith(await code('MHZMZ01'))
    const elsewhere = await enrollWith(await code('MZZJZ01'))
    expect([first.deviceNumber, second.deviceNumber, elsewhere.deviceNumber]).toEqual([1, 2, 1])
  })

  it('never hands a number out twice, not even when two devices enroll at the same moment', async () => {
    const codes = await Promise.all([code('MHZ01'), code('MHZ01'), code('MHZ01'), code('MHZ01')])
    const enrolled = await Promise.all(codes.map(enrollWith))
    expect(enrolled.map((device) => device.deviceNumber).sort()).toEqual([1, 2, 3, 4])
  })

  it('keeps a revoked device\u2019s number: the next device gets a new one', async () => {
    const revoked = await enrollWith(await code('MZZJZ01'))
    const login = await county.server.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2026' } })
    const token = (login.json() as { token: string }).token
    const revoke = await county.server.app.inject({
      method: 'POST',
      url: `/api/v1/admin/devices/${revoked.deviceId}/revoke`,
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    })
    expect(revoke.statusCode).toBe(200)
    const next = await enrollWith(await code('MZZJZ01'))
    expect(next.deviceNumber).toBe(revoked.deviceNumber + 1)
  })
})
