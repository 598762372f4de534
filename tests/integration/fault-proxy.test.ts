import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Mutation } from '../../shared/protocol'
import { createFaultProxy, scheduledFaults, type Fault, type FaultProxy } from '../../scripts/lib/fault-proxy'
import { addSimulationStations, countyHoldings, enrollmentCodeFor, startSimCounty, type SimCounty } from '../../scripts/lib/sim-county'
import { createCountyClient, enrollAtCounty, type CountyClient } from '../../src-renderer/sync/county-client'
import { itemWith, submitMutation } from './county-fixture'

// The fault proxy itself: each fault does to a real request what it claims, as seen from
// both ends. The property test and `npm run simulate` rely on this.
const STATION = 'FPT01'

describe('fault proxy between a station and the county', () => {
  let county: SimCounty
  let proxy: FaultProxy
  let client: CountyClient

  beforeAll(async () => {
    county = await startSimCounty()
    proxy = createFaultProxy(county)
    await addSimulationStations(county.server.db, [STATION])
    const url = await proxy.open(STATION)
    const enrollment = await enrollAtCounty(url, { code: await enrollmentCodeFor(county.server.db, STATION), deviceName: '代理测试设备' })
    client = createCountyClient({ baseUrl: url, token: enrollment.token })
  })

  afterAll(async () => {
    await proxy?.close()
    await county?.close()
  })

  const newMutation = (): Mutation =>
    submitMutation(
      STATION,
      itemWith(() => true),
    ) as Mutation
  const timesHeld = async (mutation: Mutation) => (await countyHoldings(county.server.db, [STATION])).mutations.filter((held) => held.id === mutation.id).length
  const next = (fault: Fault) => proxy.setPlan(scheduledFaults([fault]))

  it('drop: the county never sees the request; the station sees a network error', async () => {
    const mutation = newMutation()
    next({ kind: 'drop' })
    await expect(client.push([mutation])).rejects.toMatchObject({ kind: 'network' })
    expect(await timesHeld(mutation)).toBe(0)
  })

  it('cutResponse: the county applied it; the station sees a network error', async () => {
    const mutation = newMutation()
    next({ kind: 'cutResponse', share: 0.5 })
    await expect(client.push([mutation])).rejects.toMatchObject({ kind: 'network' })
    expect(await timesHeld(mutation)).toBe(1)
  })

  it('delay and duplicateRequest: the station gets an answer; the county holds the mutation once', async () => {
    const delayed = newMutation()
    next({ kind: 'delay', ms: 20 })
    expect((await client.push([delayed])).results).toMatchObject([{ id: delayed.id, status: 'applied' }])

    const doubled = newMutation()
    next({ kind: 'duplicateRequest' })
    const [result] = (await client.push([doubled])).results
    expect(['applied', 'duplicate']).toContain(result?.status)
    expect(await timesHeld(doubled)).toBe(1)
  })

  it('replayResponse: the station gets the earlier answer to the same request', async () => {
    const mutation = newMutation()
    expect((await client.push([mutation])).results).toMatchObject([{ id: mutation.id, status: 'applied' }])
    next({ kind: 'replayResponse' })
    // The county saw the repeat (a fresh answer would say `duplicate`); the station got the stale `applied`.
    expect((await client.push([mutation])).results).toMatchObject([{ id: mutation.id, status: 'applied' }])
    expect((await client.push([mutation])).results).toMatchObject([{ id: mutation.id, status: 'duplicate' }])
    expect(await timesHeld(mutation)).toBe(1)
  })

  it('restart: the county applies the request and restarts on the same data; the station sees a network error', async () => {
    const mutation = newMutation()
    const restartsBefore = county.restarts
    next({ kind: 'restart' })
    await expect(client.push([mutation])).rejects.toMatchObject({ kind: 'network' })
    expect(county.restarts).toBe(restartsBefore + 1)
    expect(await timesHeld(mutation)).toBe(1)
    // The restarted county answers through the same proxy address.
    expect((await client.push([mutation])).results).toMatchObject([{ status: 'duplicate' }])
  })

  it('counts the faults it injected', () => {
    expect(proxy.stats).toMatchObject({ drop: 1, cutResponse: 1, delay: 1, duplicateRequest: 1, replayResponse: 1, restart: 1 })
  })
})
