import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The Electron executable, found the way `electron/index.js` finds it but without
 * requiring that file: when the binary is missing, requiring it starts a download,
 * which on a closed network hangs or fails the whole run.
 */
export function electronExecutablePath(): string | undefined {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return undefined
  }
  // With only the types installed, path.txt (written after the download) does not exist.
  const pathFile = join(packageDir, 'path.txt')
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const overrideDir = process.env.ELECTRON_OVERRIDE_DIST_PATH
  let executable: string | undefined
  if (overrideDir) executable = join(overrideDir, relativePath || 'electron')
  else if (relativePath) executable = join(packageDir, 'dist', relativePath)
  return executable && existsSync(executable) ? executable : undefined
}

export function hasElectronRuntime(): boolean {
  return electronExecutablePath() !== undefined
}
