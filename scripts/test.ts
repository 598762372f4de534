import { spawn } from 'node:child_process'
import { ensureChromium, startChromiumInstall, startLocalPostgres } from './lib/test-machine'

/**
 * `npm test`: every check CI relies on, cheapest first. Steps in one stage run side by side
 * (each is one busy process, and the machine has two cores); their output is printed whole
 * when each ends, so it does not interleave. All stages run even after a failure so one run
 * shows everything that is wrong; the exit code is non-zero if any step failed.
 */
type Step = { name: string; command: string; args: string[] }

const stages: Step[][] = [
  [
    { name: 'type check (main, preload, server, scripts, tests)', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.node.json'] },
    { name: 'type check (renderer)', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.web.json'] },
    // In the same stage as the type checks: the format and layering checks end early and lint
    // (one busy process) would otherwise leave a core idle once they have.
    { name: 'lint', command: 'npx', args: ['eslint', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '.'] },
    { name: 'format check (prettier)', command: 'npx', args: ['prettier', '--check', '.', '--log-level', 'warn'] },
    {
      name: 'layering check (dependency-cruiser)',
      command: 'npx',
      args: ['depcruise', 'src-renderer', 'shared', 'server', 'src-main', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
    },
  ],
  [{ name: 'unit and component tests', command: 'npx', args: ['vitest', 'run', '--project', 'unit', '--project', 'component'] }],
  [
    {
      name: 'integration tests (PostgreSQL when reachable, else PGlite; engine-sensitive files on both)',
      command: 'npx',
      args: ['vitest', 'run', '--project', 'integration'],
    },
  ],
  [
    { name: 'build the station app (browser mode)', command: 'npx', args: ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'] },
    { name: 'build the county console', command: 'npx', args: ['vite', 'build', '--config', 'vite.console.config.ts', '--logLevel', 'warn'] },
    { name: 'build the desktop app', command: 'npx', args: ['electron-vite', 'build', '--logLevel', 'warn'] },
  ],
  [{ name: 'end-to-end tests (Chromium) and desktop tests (Electron, where installed)', command: 'npx', args: ['playwright', 'test'] }],
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
  .map((stage) => stage.filter((step) => only.length === 0 || only.some((word) => step.name.includes(word))))
  .filter((stage) => stage.length > 0)
const flat = selected.flat()
// Chromium from Debian takes about a minute: it installs while the earlier steps run.
const chromium = flat.some((step) => step.name.startsWith('end-to-end')) ? startChromiumInstall() : undefined
if (flat.some((step) => step.name.startsWith('integration'))) startLocalPostgres()

const results: Result[] = []
for (const stage of selected) {
  if (stage.some((step) => step.name.startsWith('end-to-end'))) {
    const ready = await ensureChromium(chromium)
    if (!ready.ok) {
      for (const step of stage) {
        console.log(`\n=== ${step.name}: cannot run\n${ready.message}`)
        results.push({ name: step.name, ok: false, seconds: 0 })
      }
      continue
    }
  }
  results.push(...(await Promise.all(stage.map((step) => runStep(step, stage.length === 1)))))
}

console.log('\n=== summary')
for (const result of results) console.log(`${result.ok ? 'ok    ' : 'FAILED'} ${result.name} (${result.seconds} s)`)
const failed = results.filter((result) => !result.ok).length
console.log(`steps: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
