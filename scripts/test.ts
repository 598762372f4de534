import { spawnSync } from 'node:child_process'
import { ensureChromium, startLocalPostgres } from './lib/test-machine'

/**
 * `npm test`: every check CI relies on, in order, cheapest first. All steps run even
 * after a failure so one run shows everything that is wrong; the exit code is non-zero
 * if any failed.
 */
const steps: { name: string; command: string; args: string[] }[] = [
  { name: 'type check (main, preload, server, scripts, tests)', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.node.json'] },
  { name: 'type check (renderer)', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.web.json'] },
  { name: 'lint', command: 'npx', args: ['eslint', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '.'] },
  { name: 'layering check (dependency-cruiser)', command: 'npx', args: ['depcruise', 'src-renderer', 'shared', 'server', 'src-main', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'] },
  { name: 'unit tests', command: 'npx', args: ['vitest', 'run', '--project', 'unit'] },
  { name: 'integration tests (PostgreSQL when reachable, else PGlite; engine-sensitive files on both)', command: 'npx', args: ['vitest', 'run', '--project', 'integration'] },
  { name: 'build the station app (browser mode)', command: 'npx', args: ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'] },
  { name: 'build the county console', command: 'npx', args: ['vite', 'build', '--config', 'vite.console.config.ts', '--logLevel', 'warn'] },
  { name: 'build the desktop app', command: 'npx', args: ['electron-vite', 'build', '--logLevel', 'warn'] },
  { name: 'end-to-end tests (Chromium) and desktop tests (Electron, where installed)', command: 'npx', args: ['playwright', 'test'] },
]

const only = process.argv.slice(2)
const results: { name: string; ok: boolean; seconds: number }[] = []
const selected = steps.filter((step) => only.length === 0 || only.some((word) => step.name.includes(word)))
if (selected.some((step) => step.name.startsWith('integration'))) startLocalPostgres()
for (const step of selected) {
  if (step.name.startsWith('end-to-end')) {
    const chromium = ensureChromium()
    if (!chromium.ok) {
      console.log(`\n=== ${step.name}: cannot run\n${chromium.message}`)
      results.push({ name: step.name, ok: false, seconds: 0 })
      continue
    }
  }
  console.log(`\n=== ${step.name}: ${step.command} ${step.args.join(' ')}`)
  const started = Date.now()
  const run = spawnSync(step.command, step.args, { stdio: 'inherit', env: process.env })
  results.push({ name: step.name, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) })
}

console.log('\n=== summary')
for (const result of results) console.log(`${result.ok ? 'ok    ' : 'FAILED'} ${result.name} (${result.seconds} s)`)
const failed = results.filter((result) => !result.ok).length
console.log(`steps: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
