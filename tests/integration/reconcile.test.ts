import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payloadHash } from '../../shared/canonical-json'
import {
  errorBodySchema,
  pushResponseSchema,
  RECONCILE_MAX_MUTATIONS,
  reconcileDigest,
  reconcileResponseSchema,
  type MutationInput,
  type ReconcileEntry,
} from '../../shared/protocol'
import { bearer, enroll, itemWith, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets({ both: true })

const STATION = 'MHZ01'
const OTHER_STATION = 'MZZJZ01'
const DAY = '2026-11-28'

describe.each(targets)('end-of-day reconciliation on $name', (target) => {
  let county: TestCounty
  let token: string
  let otherToken: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)

  beforeAll(async () => {
    county = await startTestCounty(target)
    token = (await enroll(county.server, STATION)).token
    otherToken = (await enroll(county.server, OTHER_STATION)).token
  })
  afterAll(async () => {
    await county?.close()
  })

  /** A submitted intake at the station's device time `createdAt`, pushed. */
  const pushed = async (createdAt: string, stationCode = STATION, as = token) => {
    const mutation = {
      ...submitMutation(
        stationCode,
        itemWith(() => true),
      ),
      createdAt,
    }
    const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(as), payload: { mutations: [mutation] } })
    expect(pushResponseSchema.parse(response.json()).results[0]?.status).toBe('applied')
    return mutation
  }
  /** What the station lists for a mutation: its id and the WebCrypto hash of its payload. */
  const entryOf = async (mutation: MutationInput): Promise<ReconcileEntry> => ({ id: mutation.id, payloadHash: await payloadHash(mutation.payload) })
  const reconcile = (body: unknown, as = token) => inject({ method: 'POST', url: '/api/v1/reconcile', headers: bearer(as), payload: body as object })

  it('names what the county lacks and holds differently, and digests what it holds for the day', async () => {
    // 10:00 and 23:30 in Menghai (UTC+8) on the 28th; 00:30 on the 29th belongs to the next day.
    const morning = await pushed('2026-11-28T02:00:00.000Z')
    const lateEvening = await pushed('2026-11-28T23:30:00+08:00')
    const changed = await pushed('2026-11-28T05:00:00.000Z')
    const nextDay = await pushed('2026-11-28T16:30:00.000Z')
    const anotherDevice = await pushed('2026-11-28T03:00:00.000Z')
    const otherStation = await pushed('2026-11-28T04:00:00.000Z', OTHER_STATION, otherToken)

    const neverArrived: ReconcileEntry = { id: randomUUID(), payloadHash: await payloadHash({ note: 'lost on the way' }) }
    const listedChanged: ReconcileEntry = { id: changed.id, payloadHash: await payloadHash({ ...changed.payload, note: '改过' }) }
    const listed = [await entryOf(morning), await entryOf(lateEvening), listedChanged, neverArrived, await entryOf(otherStation)]

    const response = await reconcile({ day: DAY, mutations: listed })
    expect(response.statusCode, response.body).toBe(200)
    const answer = reconcileResponseSchema.parse(response.json())
    expect(answer.day).toBe(DAY)
    // Another station's mutation is not this station's: the county lacks it here.
    expect(answer.lacking.sort()).toEqual([neverArrived.id, otherStation.id].sort())
    expect(answer.differing).toEqual([{ id: changed.id, stationHash: listedChanged.payloadHash, countyHash: (await entryOf(changed)).payloadHash }])
    expect(answer.held.count).toBe(4)
    expect(answer.held.unlisted).toEqual([anotherDevice.id])
    const heldDay = [await entryOf(morning), await entryOf(lateEvening), await entryOf(changed), await entryOf(anotherDevice)]
    expect(answer.held.digest).toBe(await reconcileDigest(heldDay))
    expect(answer.held.digest).toBe(await reconcileDigest([...heldDay].reverse()))

    // The station's own view of that day, once it holds the other device's mutation too, is all clear.
    const clear = reconcileResponseSchema.parse((await reconcile({ day: DAY, mutations: heldDay })).json())
    expect(clear).toEqual({
      day: DAY,
      lacking: [],
      differing: [],
      held: { count: 4, digest: await reconcileDigest(heldDay), unlisted: [] },
      files: { held: [] },
    })

    const next = reconcileResponseSchema.parse((await reconcile({ day: '2026-11-29', mutations: [await entryOf(nextDay)] })).json())
    expect(next.held.count).toBe(1)
    expect(next.held.digest).toBe(await reconcileDigest([await entryOf(nextDay)]))

    // The other station sees only its own.
    const other = reconcileResponseSchema.parse((await reconcile({ day: DAY, mutations: [] }, otherToken)).json())
    expect(other.held.count).toBe(1)
    expect(other.held.unlisted).toEqual([otherStation.id])
  })

  it('lists the files the county holds for the day\u2019s intakes, and only those', async () => {
    const FILES_DAY = '2026-11-20'
    const file = () => {
      const bytes = randomBytes(2000)
      return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') }
    }
    const uploaded = file()
    const neverUploaded = file()
    const ofAnotherDay = file()
    const upload = async (sent: { bytes: Buffer; sha256: string }, intakeId: string) => {
      const metadata = Object.entries({ sha256: sent.sha256, intakeId, materialId: 'M01', filename: '户口簿.jpg', mime: 'image/jpeg' })
        .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
        .join(',')
      const tus = { ...bearer(token), 'tus-resumable': '1.0.0' }
      const created = await inject({
        method: 'POST',
        url: '/api/v1/files/',
        headers: { ...tus, 'upload-length': String(sent.bytes.length), 'upload-metadata': metadata },
      })
      const location = String(created.headers.location)
      const appended = await inject({
        method: 'PATCH',
        url: location,
        headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        payload: sent.bytes,
      })
      expect(appended.statusCode).toBe(204)
    }
    const intakeNaming = async (createdAt: string, attachments: string[]) => {
      const mutation = {
        ...submitMutation(
          STATION,
          itemWith(() => true),
          { materials: [{ materialId: 'M01', name: '户口簿', status: 'provided', form: 'copy', count: 1, attachments }] },
        ),
        createdAt,
      }
      const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: { mutations: [mutation] } })
      expect(pushResponseSchema.parse(response.json()).results[0]?.status).toBe('applied')
      return mutation
    }
    const dayIntake = await intakeNaming('2026-11-20T03:00:00.000Z', [uploaded.sha256, neverUploaded.sha256])
    const otherDayIntake = await intakeNaming('2026-11-21T03:00:00.000Z', [ofAnotherDay.sha256])
    await upload(uploaded, dayIntake.entityId)
    await upload(ofAnotherDay, otherDayIntake.entityId)

    const answer = reconcileResponseSchema.parse((await reconcile({ day: FILES_DAY, mutations: [await entryOf(dayIntake)] })).json())
    expect(answer.files).toEqual({ held: [uploaded.sha256] })
    // Another station holds none of this station's files.
    const other = reconcileResponseSchema.parse((await reconcile({ day: FILES_DAY, mutations: [] }, otherToken)).json())
    expect(other.files).toEqual({ held: [] })
  })

  it('digests an empty day the same way on both sides', async () => {
    const answer = reconcileResponseSchema.parse((await reconcile({ day: '2020-01-01', mutations: [] })).json())
    expect(answer.held).toEqual({ count: 0, digest: await reconcileDigest([]), unlisted: [] })
  })

  it('answers bad bodies with 400 naming the field, and no token with 401', async () => {
    const entry = { id: randomUUID(), payloadHash: 'a'.repeat(64) }
    const cases: [string, unknown, number, string | undefined][] = [
      ['no day', { mutations: [] }, 400, 'day'],
      ['bad day', { day: '2026-13-45', mutations: [] }, 400, 'day'],
      ['bad hash', { day: DAY, mutations: [{ ...entry, payloadHash: 'XYZ' }] }, 400, 'mutations.0.payloadHash'],
      ['bad id', { day: DAY, mutations: [{ ...entry, id: 'nope' }] }, 400, 'mutations.0.id'],
      ['twice the same id', { day: DAY, mutations: [entry, entry] }, 400, 'mutations.1.id'],
      ['offset out of range', { day: DAY, utcOffsetMinutes: 100_000, mutations: [] }, 400, 'utcOffsetMinutes'],
      ['wrong type', { day: DAY, mutations: 'all' }, 400, 'mutations'],
      [
        'too many',
        { day: DAY, mutations: Array.from({ length: RECONCILE_MAX_MUTATIONS + 1 }, () => ({ id: randomUUID(), payloadHash: 'a'.repeat(64) })) },
        400,
        'mutations',
      ],
    ]
    for (const [label, body, status, path] of cases) {
      const response = await reconcile(body)
      expect(response.statusCode, label).toBe(status)
      expect(errorBodySchema.parse(response.json()).error.path, label).toBe(path)
    }
    const notJson = await inject({ method: 'POST', url: '/api/v1/reconcile', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: '{' })
    expect(notJson.statusCode).toBe(400)
    expect((await inject({ method: 'POST', url: '/api/v1/reconcile', payload: { day: DAY, mutations: [] } })).statusCode).toBe(401)
  })
})
