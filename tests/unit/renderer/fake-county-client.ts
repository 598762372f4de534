import { PROTOCOL_VERSION, type Mutation, type MutationResult, type PullChange, type PullResponse, type PushResponse } from '../../../shared/protocol'
import { CountyError, type CountyClient } from '../../../src-renderer/sync/county-client'

type PushAnswer = (mutations: readonly Mutation[]) => MutationResult[] | Promise<MutationResult[]>

/**
 * An in-memory stand-in for the county, implementing only the CountyClient type.
 * The real server is covered by the integration tests.
 */
export class FakeCountyClient implements CountyClient {
  reachable = true
  /** What /push answers; every mutation `applied` unless a test changes it. */
  answerPush: PushAnswer = (mutations) => mutations.map((mutation) => ({ id: mutation.id, status: 'applied' as const }))
  /** Pages served to /pull in order; once they run out, an empty final page. */
  pages: PullResponse[] = []
  pushedBatches: Mutation[][] = []
  pullCursors: string[] = []
  healthCalls = 0
  inFlight = 0
  maxInFlight = 0
  /** Resolve to let a paused probe continue (to hold a round open). */
  gate: Promise<void> | null = null

  async health() {
    this.healthCalls++
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      if (this.gate) await this.gate
      if (!this.reachable) throw new CountyError('network', '无法连接县级服务器，请检查地址和网络')
      return { status: 'ok' as const, county: { code: '532822', name: '勐海县' }, serverTime: new Date().toISOString(), protocolVersion: PROTOCOL_VERSION }
    } finally {
      this.inFlight--
    }
  }

  async push(mutations: readonly Mutation[]): Promise<PushResponse> {
    if (!this.reachable) throw new CountyError('network', '无法连接县级服务器，请检查地址和网络')
    this.pushedBatches.push([...mutations])
    return { results: await this.answerPush(mutations) }
  }

  async pull(cursor: string): Promise<PullResponse> {
    if (!this.reachable) throw new CountyError('network', '无法连接县级服务器，请检查地址和网络')
    this.pullCursors.push(cursor)
    return this.pages.shift() ?? { changes: [], cursor, more: false }
  }
}

export function page(changes: PullChange[], cursor: string, more = false): PullResponse {
  return { changes, cursor, more }
}
