import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { createFaultProxy, noFaults, seededFaults } from './lib/fault-proxy'
import { randomInt, seededRandom } from './lib/prng'
import { addSimulationStations, countyHoldings, decideOneIntake, enrollmentCodeFor, startSimCounty } from './lib/sim-county'
import { startSimStation, type SimStation } from './lib/sim-station'
import { auditLine, auditPassed, auditSync } from './lib/sync-audit'

/**
 * `npm run simulate -- --stations N --intakes M --faults RATE --seed S`
 *
 * N stations, each a real station sync engine in Node over its own fake-indexeddb, enroll
 * with a real county server (PGlite in a temporary folder, or DATABASE_URL) and each take
 * M intakes through the real `submitIntake` while their engines sync through a fault proxy:
 * a share RATE of requests is dropped, delayed, cut mid-answer, sent twice, answered twice
 * or answered with a stale copy, and the county restarts twice on the same data, while its
 * operators accept and complete intakes. Then the faults stop, every station syncs until
 * quiet, and the county is compared with what the stations made. Prints one JSON line
 * `{"made","onServer","duplicates","lost","filesMade","filesOnServer","corruptFiles"}`
 * (about half the intakes carry one or two attachments, sent by tus in small chunks) and
 * exits 0 only when nothing was lost, doubled or corrupted, and every station record and
 * file ends synced with the county's last decision.
 * Details go to stderr.
 */
const { values } = parseArgs({
  options: {
    stations: { type: 'string', default: '3' },
    intakes: { type: 'string', default: '10' },
    faults: { type: 'string', default: '0.2' },
    seed: { type: 'string', default: '1' },
  },
})
const stationCount = positiveInteger('stations', values.stations)
const intakesPerStation = positiveInteger('intakes', values.intakes)
const faultRate = Number(values.faults)
const seed = Number(values.seed)
if (!(faultRate >= 0 && faultRate <= 1)) usage('--faults must be a share between 0 and 1')
if (!Number.isInteger(seed)) usage('--seed must be an integer')

process.exit((await simulate()) ? 0 : 1)

async function simulate(): Promise<boolean> {
  const started = performance.now()
  const county = await startSimCounty({ databaseUrl: process.env.DATABASE_URL })
  const proxy = createFaultProxy(county)
  const stations: SimStation[] = []
  try {
    // Codes unique per run, so a shared PostgreSQL database can hold many runs.
    const tag = Date.now().toString(36).slice(-6).toUpperCase()
    const codes = Array.from({ length: stationCount }, (_, index) => `SIM${tag}${String(index + 1).padStart(3, '0')}`)
    await addSimulationStations(county.server.db, codes)
    for (const [index, code] of codes.entries()) {
      // Enrollment spends its one-time code; it happens before the faults start.
      stations.push(
        await startSimStation({
          code,
          countyUrl: await proxy.open(code),
          enrollmentCode: await enrollmentCodeFor(county.server.db, code),
          random: seededRandom(seed * 7919 + index),
          attachments: true,
        }),
      )
    }

    const trafficStarted = performance.now()
    proxy.setPlan(seededFaults({ random: seededRandom(seed), rate: faultRate, maxDelayMs: 200 }))
    const total = stationCount * intakesPerStation
    const restartAt = new Set([Math.max(1, Math.floor(total / 3)), Math.max(1, Math.floor((2 * total) / 3))])
    let madeSoFar = 0
    // One restart after another, never two at once: each must really close and reopen the data.
    let restarts: Promise<void> = Promise.resolve()

    // Meanwhile the county's operators decide on intakes; the decisions must reach the stations by pull.
    let trafficDone = false
    let decisions = 0
    const operators = (async () => {
      const random = seededRandom(seed + 1)
      while (!trafficDone) {
        await sleep(randomInt(random, 10, 60))
        const code = codes[randomInt(random, 0, codes.length - 1)]!
        // While the county restarts its database is closed: the operator tries again later.
        if (county.url() !== null && (await decideOneIntake(county.server.db, code).catch(() => false))) decisions++
      }
    })()

    await Promise.all(
      stations.map(async (station, index) => {
        const random = seededRandom(seed * 104_729 + index)
        station.engine.start()
        await station.firstSync()
        for (let i = 0; i < intakesPerStation; i++) {
          await station.makeIntake()
          madeSoFar++
          if (restartAt.has(madeSoFar)) restarts = restarts.then(() => proxy.restartCounty())
          // The clerk's 立即同步 now and then, on top of the engine's own rounds.
          if (random() < 0.4) void station.engine.syncNow()
          await sleep(randomInt(random, 0, 100))
        }
      }),
    )
    await restarts
    trafficDone = true
    await operators

    const settleStarted = performance.now()
    proxy.setPlan(noFaults)
    await Promise.all(stations.map((station) => station.settle()))
    const settled = performance.now()
    const audit = await auditSync(stations, await countyHoldings(county.server.db, codes), (code, sha256) => county.readStationFile(code, sha256))
    console.log(auditLine(audit))
    console.error(
      JSON.stringify({
        seconds: {
          setup: seconds(trafficStarted - started),
          traffic: seconds(settleStarted - trafficStarted),
          settle: seconds(settled - settleStarted),
        },
        requests: proxy.requests,
        faults: proxy.stats,
        restarts: county.restarts,
        decisions,
        unsynced: audit.unsynced,
        staleDecisions: audit.staleDecisions,
      }),
    )
    return auditPassed(audit)
  } finally {
    await Promise.all(stations.map((station) => station.close()))
    await proxy.close()
    await county.close()
  }
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10
}

function positiveInteger(name: string, raw: string | undefined): number {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) usage(`--${name} must be a whole number of at least 1`)
  return value
}

function usage(message: string): never {
  console.error(`${message}\nusage: npm run simulate -- --stations N --intakes M --faults RATE --seed S`)
  process.exit(2)
}
