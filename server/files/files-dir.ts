import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { CountyConfig } from '../config'

type FilesDir = { dir: string; temporary: boolean }

/**
 * Where attachments go: `filesDir` when set, else `<dataDir>/files` (also on PostgreSQL, so
 * files outlive a restart as the rows naming them do; several instances must name one shared
 * folder with COUNTY_FILES_DIR). With an in-memory database (tests) the files are as
 * short-lived as the data: a temporary folder, removed when the server closes.
 */
export function resolveFilesDir(config: Pick<CountyConfig, 'filesDir' | 'dataDir'>): FilesDir {
  if (config.filesDir) return { dir: resolve(config.filesDir), temporary: false }
  if (!config.dataDir.includes('://')) return { dir: resolve(config.dataDir, 'files'), temporary: false }
  return { dir: mkdtempSync(join(tmpdir(), 'bianmin-county-files-')), temporary: true }
}
