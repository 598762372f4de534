import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { sha256HexOfBytes } from '../../shared/sha256'
import { randomInt } from './prng'

/**
 * What the network does to one request between a station and the county:
 * - pass: nothing.
 * - drop: the request never reaches the county; the station's connection is reset.
 * - delay: the request is held `ms` milliseconds, then passed.
 * - cutResponse: the county answers (so it has applied the request); the station gets the
 *   headers and the first `share` (0..1) of the body, then the connection is reset.
 * - duplicateRequest: the county gets the request twice at the same time; the station gets one answer.
 * - duplicateResponse: the answer is written twice on the station's connection; the copy is
 *   read as the answer to whatever the station asks next on that connection.
 * - replayResponse: the county gets the request, but the station gets the answer to an earlier
 *   identical request from it (a stale cache), or the fresh answer when there was none.
 * - restart: the county applies the request, then restarts (closes and reopens on the same
 *   data) before the answer leaves; the station's connection is reset. While the county is
 *   down, every other request is dropped.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number }
  | { kind: 'cutResponse'; share: number }
  | { kind: 'duplicateRequest' }
  | { kind: 'duplicateResponse' }
  | { kind: 'replayResponse' }
  | { kind: 'restart' }

type FaultKind = Fault['kind']

const FAULT_KINDS: readonly FaultKind[] = ['pass', 'drop', 'delay', 'cutResponse', 'duplicateRequest', 'duplicateResponse', 'replayResponse', 'restart']

/** One request as the proxy saw it; `number` counts requests across all stations from 1. */
export type ProxiedRequest = { method: string; path: string; number: number; station: string }

/** Decides the fault for each request, in the order requests arrive. */
type FaultPlan = (request: ProxiedRequest) => Fault

export const noFaults: FaultPlan = () => ({ kind: 'pass' })

/** The given faults to the next requests, one each, then none. */
export function scheduledFaults(faults: readonly Fault[]): FaultPlan {
  let next = 0
  return () => faults[next++] ?? { kind: 'pass' }
}

type SeededFaultOptions = {
  /** A generator in [0, 1): seededRandom(seed) for a schedule that replays. */
  random: () => number
  /** Share of requests that meet a fault (0..1). */
  rate: number
  /** The faults to choose from, evenly; defaults to every kind but pass and restart. */
  kinds?: readonly Exclude<FaultKind, 'pass'>[]
  maxDelayMs?: number
}

/** Each request meets a fault with probability `rate`, its kind and details drawn from `random`. */
export function seededFaults(options: SeededFaultOptions): FaultPlan {
  const kinds = options.kinds ?? (['drop', 'delay', 'cutResponse', 'duplicateRequest', 'duplicateResponse', 'replayResponse'] as const)
  const maxDelayMs = options.maxDelayMs ?? 200
  const { random } = options
  return () => {
    if (kinds.length === 0 || random() >= options.rate) return { kind: 'pass' }
    const kind = kinds[randomInt(random, 0, kinds.length - 1)]!
    switch (kind) {
      case 'delay':
        return { kind, ms: randomInt(random, 1, maxDelayMs) }
      case 'cutResponse':
        return { kind, share: random() }
      default:
        return { kind }
    }
  }
}

/** The county behind the proxy: where it listens now (null while it is down), and how to restart it. */
export type ProxyTarget = {
  url(): string | null
  restart(): Promise<void>
}

export type FaultProxy = {
  /**
   * A new listening address for one station. Each station gets its own, so stations never
   * share a connection (as on real, separate machines) and a duplicated answer can only
   * reach the station it was meant for.
   */
  open(station: string): Promise<string>
  setPlan(plan: FaultPlan): void
  /** Restarts the county now (as the `restart` fault does); requests meanwhile are dropped. */
  restartCounty(): Promise<void>
  /** How many requests met each fault so far. */
  readonly stats: Readonly<Record<FaultKind, number>>
  readonly requests: number
  close(): Promise<void>
}

type Upstream = { status: number; headers: Record<string, string>; body: Buffer }

/**
 * Headers that belong to one connection (or that the proxy sets itself) and are not passed on;
 * every other header is, so tus uploads (Upload-Offset, Upload-Checksum, …) go through as they are.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  // fetch decodes compressed bodies, so the proxy passes on plain bytes.
  'content-encoding',
  'date',
])
/** Answers kept for replay, oldest dropped first. */
const REPLAY_CACHE_SIZE = 500

/**
 * A fault-injecting HTTP proxy between station sync engines and a real county server,
 * for the simulation and the property test. It buffers each request and each answer
 * whole (sync bodies are small), which is what lets it cut, repeat or replay them.
 */
export function createFaultProxy(target: ProxyTarget, initialPlan: FaultPlan = noFaults): FaultProxy {
  let plan = initialPlan
  let requests = 0
  const stats = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>
  const servers: Server[] = []
  const answered = new Map<string, Upstream>()
  let restarting: Promise<void> | null = null

  async function forward(request: IncomingMessage, body: Buffer): Promise<Upstream | null> {
    const base = restarting ? null : target.url()
    if (base === null) return null
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(request.headers)) {
      if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
    }
    try {
      const response = await fetch(`${base}${request.url ?? '/'}`, {
        method: request.method,
        headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(body),
      })
      const responseBody = Buffer.from(await response.arrayBuffer())
      const responseHeaders: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name)) responseHeaders[name] = value
      })
      return { status: response.status, headers: responseHeaders, body: responseBody }
    } catch {
      // The county is down or went down mid-request: to the station, the line is dead.
      return null
    }
  }

  function restartCounty(): Promise<void> {
    restarting ??= target.restart().finally(() => {
      restarting = null
    })
    return restarting
  }

  async function handle(station: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request)
    requests++
    const fault = plan({ method: request.method ?? 'GET', path: request.url ?? '/', number: requests, station })
    stats[fault.kind]++
    const replayKey = `${station} ${request.method} ${request.url} ${sha256HexOfBytes(body)}`

    if (fault.kind === 'drop') return reset(response)
    if (fault.kind === 'delay') await sleep(fault.ms)

    let upstream: Upstream | null
    if (fault.kind === 'duplicateRequest') {
      ;[upstream] = await Promise.all([forward(request, body), forward(request, body)])
    } else {
      upstream = await forward(request, body)
    }
    if (upstream === null) return reset(response)
    // Taken now: Node detaches the socket from the response once it is finished.
    const socket = response.socket
    const earlier = answered.get(replayKey)
    remember(replayKey, upstream)

    switch (fault.kind) {
      case 'cutResponse': {
        response.writeHead(upstream.status, { ...upstream.headers, 'content-length': String(upstream.body.length) })
        const part = upstream.body.subarray(0, Math.floor(upstream.body.length * Math.min(Math.max(fault.share, 0), 0.999)))
        response.write(part, () => socket?.destroy())
        return
      }
      case 'restart':
        await restartCounty()
        return reset(response)
      case 'duplicateResponse':
        send(response, upstream, () => {
          if (socket && !socket.destroyed) socket.write(rawResponse(upstream))
        })
        return
      case 'replayResponse':
        send(response, earlier ?? upstream)
        return
      default:
        send(response, upstream)
    }
  }

  function remember(key: string, upstream: Upstream): void {
    answered.delete(key)
    answered.set(key, upstream)
    if (answered.size > REPLAY_CACHE_SIZE) answered.delete(answered.keys().next().value!)
  }

  return {
    async open(station) {
      const server = createServer({ keepAlive: true }, (request, response) => {
        handle(station, request, response).catch(() => reset(response))
      })
      servers.push(server)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    },
    setPlan(next) {
      plan = next
    },
    restartCounty,
    get stats() {
      return stats
    },
    get requests() {
      return requests
    },
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve())
              server.closeAllConnections()
            }),
        ),
      )
      servers.length = 0
      await restarting
    },
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function send(response: ServerResponse, upstream: Upstream, afterwards?: () => void): void {
  response.writeHead(upstream.status, { ...upstream.headers, 'content-length': String(upstream.body.length) })
  response.end(upstream.body, afterwards)
}

/** The answer as bytes on the wire, for writing a second copy behind the first. */
function rawResponse(upstream: Upstream): Buffer {
  const head = [`HTTP/1.1 ${upstream.status} ${STATUS_CODES[upstream.status] ?? ''}`]
  for (const [name, value] of Object.entries(upstream.headers)) head.push(`${name}: ${value}`)
  head.push(`content-length: ${upstream.body.length}`, 'connection: keep-alive', '', '')
  return Buffer.concat([Buffer.from(head.join('\r\n')), upstream.body])
}

/** Resets the station's connection: to the station, the request failed on the network. */
function reset(response: ServerResponse): void {
  response.socket?.destroy()
}
