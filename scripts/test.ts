import { spawn } from 'node:child_process'
import { ensureChromium, startChromiumInstall, startLocalPostgres } from './lib/test-machine'

/**
 * `npm test`: every check CI relies on, cheapest first. A stage is a set of lanes that run side
 * by side; a lane's steps run one after another. The end-to-end tests, which spend much of
 * their time waiting on the browser and on sync rounds, run beside the unit and integration
 * tests rather than after them, which fills the idle time of both on the two cores. A step
 * beside others prints its output whole when it ends, so nothing interleaves. All stages run
 * even after a failure so one run shows everything that is wrong; the exit code is non-zero if
 * any step failed.
 */
/** `stream`: beside other lanes, this step's output still streams (one per stage), so a long run shows progress. */
type Step = { name: string; command: string; args: string[]; stream?: boolean }
type Lane = Step[]

const E2E = 'end-to-end tests (Chromium) and desktop tests (Electron, where installed)'

const stages: Lane[][] = [
  [
    // Cached, as lint is: a second run on the same checkout checks only what changed (a clean clone has no cache).
    [
      {
        name: 'type check (main, preload, server, scripts, tests)',
        command: 'npx',
        args: ['tsc', '--noEmit', '-p', 'tsconfig.node.json', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/node.tsbuildinfo'],
      },
    ],
    [
      {
        name: 'type check (renderer)',
        command: 'npx',
        args: ['tsc', '--noEmit', '-p', 'tsconfig.web.json', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/web.tsbuildinfo'],
      },
    ],
    // In the same stage as the type checks: the format and layering checks end early and lint
    // (one busy process) would otherwise leave a core idle once they have.
    [{ name: 'lint', command: 'npx', args: ['eslint', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '.'] }],
    [{ name: 'format check (prettier)', command: 'npx', args: ['prettier', '--check', '.', '--log-level', 'warn'] }],
    [
      {
        name: 'layering check (dependency-cruiser)',
        command: 'npx',
        args: ['depcruise', 'src-renderer', 'shared', 'server', 'src-main', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
      },
    ],
  ],
  [
    [{ name: 'build the station app (browser mode)', command: 'npx', args: ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'] }],
    [{ name: 'build the county console', command: 'npx', args: ['vite', 'build', '--config', 'vite.console.config.ts', '--logLevel', 'warn'] }],
    [{ name: 'build the desktop app', command: 'npx', args: ['electron-vite', 'build', '--logLevel', 'warn'] }],
  ],
  [
    [
      { name: 'unit and component tests', command: 'npx', args: ['vitest', 'run', '--project', 'unit', '--project', 'component'] },
      {
        name: 'integration tests (PostgreSQL when reachable, else PGlite; engine-sensitive files on both)',
        command: 'npx',
        args: ['vitest', 'run', '--project', 'integration'],
      },
    ],
    [{ name: E2E, command: 'npx', args: ['playwright', 'test'], stream: true }],
  ],
]

type Result = { name: string; ok: boolean; seconds: number }

/** Runs one step; alone it streams its output, beside others it prints it whole at the end. */
async function runStep(step: Step, alone: boolean): Promise<Result> {
  const started = Date.now()
  const header = `\n=== ${step.name}: ${step.command} ${step.args.join(' ')}`
  if (alone) console.log(header)
  const child = spawn(step.command, step.args, { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: process.env })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((done) => {
    child.once('error', () => done(1))
    child.once('close', (status) => done(status))
  })
  if (!alone) console.log(`${header}\n${output.trimEnd()}`)
  return { name: step.name, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) }
}

const only = process.argv.slice(2)
const selected = stages
  .map((stage) =>
    stage.map((lane) => lane.filter((step) => only.length === 0 || only.some((word) => step.name.includes(word)))).filter((lane) => lane.length > 0),
  )
  .filter((stage) => stage.length > 0)
const flat = selected.flat(2)
// Chromium from Debian takes about a minute: it installs while the earlier steps run.
const chromium = flat.some((step) => step.name === E2E) ? startChromiumInstall() : undefined
if (flat.some((step) => step.name.startsWith('integration'))) startLocalPostgres()

/** Runs a lane's steps in order; the end-to-end step first waits for Chromium. */
async function runLane(lane: Lane, alone: boolean): Promise<Result[]> {
  const results: Result[] = []
  for (const step of lane) {
    if (step.name === E2E) {
      const ready = await ensureChromium(chromium)
      if (!ready.ok) {
        console.log(`\n=== ${step.name}: cannot run\n${ready.message}`)
        results.push({ name: step.name, ok: false, seconds: 0 })
        continue
      }
    }
    results.push(await runStep(step, alone || step.stream === true))
  }
  return results
}

const started = Date.now()
const results: Result[] = []
for (const stage of selected) {
  const lanes = await Promise.all(stage.map((lane) => runLane(lane, stage.length === 1)))
  results.push(...lanes.flat())
}

console.log('\n=== summary')
for (const result of results) console.log(`${result.ok ? 'ok    ' : 'FAILED'} ${result.name} (${result.seconds} s)`)
const failed = results.filter((result) => !result.ok).length
console.log(`steps: ${results.length - failed} passed, ${failed} failed; ${Math.round((Date.now() - started) / 1000)} s in all`)
process.exit(failed === 0 ? 0 : 1)
