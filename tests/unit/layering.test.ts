import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser'
import { afterAll, describe, expect, it } from 'vitest'

// The layering check `npm test` runs (.dependency-cruiser.cjs) must be able to fail: these run its
// rules on small trees written to a temporary folder, never into src-renderer/.
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[] }
const folders: string[] = []

async function violationsOf(files: Record<string, string>): Promise<string[]> {
  const baseDir = mkdtempSync(path.join(tmpdir(), 'layering-'))
  folders.push(baseDir)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(baseDir, file)), { recursive: true })
    writeFileSync(path.join(baseDir, file), text)
  }
  const result = await cruise(
    [...new Set(Object.keys(files).map((file) => file.slice(0, file.indexOf('/'))))],
    { baseDir, validate: true, ruleSet: { forbidden: config.forbidden }, tsPreCompilationDeps: true },
    { extensions: ['.ts', '.tsx'] },
  )
  const output = result.output as ICruiseResult
  return output.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`)
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

describe('the renderer layering check', () => {
  it('passes imports that go down the layers', async () => {
    expect(
      await violationsOf({
        'src-renderer/lib/format.ts': 'export const format = (text: string) => text.trim()\n',
        'src-renderer/db/store.ts': "import { format } from '../lib/format'\nexport const store = format(' a ')\n",
        'src-renderer/context/station.ts': "import { store } from '../db/store'\nexport const station = store\n",
        'src-renderer/features/page.ts': "import { station } from '../context/station'\nexport const page = station\n",
        'src-renderer/app/shell.ts': "import { page } from '../features/page'\nexport const shell = page\n",
      }),
    ).toEqual([])
  })

  it('reports a deliberate upward import', async () => {
    expect(
      await violationsOf({
        'src-renderer/features/page.ts': 'export const page = 1\n',
        'src-renderer/db/store.ts': "import { page } from '../features/page'\nexport const store = page\n",
      }),
    ).toEqual(['renderer-db-no-upward: src-renderer/db/store.ts → src-renderer/features/page.ts'])
  })

  it('reports a feature that takes a context from the app shell', async () => {
    expect(
      await violationsOf({
        'src-renderer/app/station-context.ts': 'export const station = 1\n',
        'src-renderer/features/page.ts': "import { station } from '../app/station-context'\nexport const page = station\n",
      }),
    ).toEqual(['renderer-features-no-upward: src-renderer/features/page.ts → src-renderer/app/station-context.ts'])
  })

  it('reports an import cycle made of type imports', async () => {
    const violations = await violationsOf({
      'src-renderer/db/a.ts': "import type { B } from './b'\nexport type A = { b?: B }\n",
      'src-renderer/db/b.ts': "import type { A } from './a'\nexport type B = { a?: A }\n",
    })
    expect(violations.length).toBeGreaterThan(0)
    expect(violations.every((violation) => violation.startsWith('no-cycles: '))).toBe(true)
  })
})
