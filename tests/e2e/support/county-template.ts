import { execFile } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { TestCounty, freePort } from './test-county'

/** Where the global setup left the migrated, seeded county folder each test starts from. */
export const COUNTY_TEMPLATE_ENV = 'BIANMIN_E2E_COUNTY_TEMPLATE'

/**
 * Migrates and seeds a county once (PGlite folder, demo key, demo stations) and stops it.
 * A test then starts its own county from a copy: the same isolation as a fresh county,
 * without paying for migrations and the catalog seed in every test.
 */
export async function prepareCountyTemplate(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bianmin-e2e-template-'))
  const county = new TestCounty(await freePort(), dataDir)
  await county.start()
  await county.stop()
  return dataDir
}

/** A fresh county folder: a copy of the template when there is one, else empty (the server then migrates and seeds it). */
export async function freshCountyDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bianmin-e2e-county-'))
  const template = process.env[COUNTY_TEMPLATE_ENV]
  if (template) await copyFolder(template, dataDir)
  return dataDir
}

/**
 * `cp -R` copies the template's thousand small files in tens of milliseconds; Node's own fs.cp
 * walks them in JavaScript and takes more than half a second of CPU per test.
 */
async function copyFolder(from: string, to: string): Promise<void> {
  try {
    await promisify(execFile)('cp', ['-R', `${from}/.`, to])
  } catch {
    await cp(from, to, { recursive: true })
  }
}

export async function removeCountyTemplate(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true })
}
