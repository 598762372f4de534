import { _electron as electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { DesktopApi } from '../../shared/ipc'
import { USER_DATA_DIR_ENV } from '../../src-main/user-data-dir'
import { electronExecutablePath, hasElectronRuntime } from '../../scripts/electron-runtime'

const projectRoot = resolve(import.meta.dirname, '../..')
const builtFiles = ['out/main/index.js', 'out/preload/preload.cjs', 'out/renderer/index.html'].map((file) => join(projectRoot, file))

// Every function of DesktopApi, checked by the compiler both ways: no name that
// is not in DesktopApi, and the second line stops compiling if one is left out.
const desktopApiFunctions = [
  'getInfo',
  'printPage',
  'savePdf',
  'wrapDataKey',
  'unwrapDataKey',
  'backupFolder',
  'chooseBackupFolder',
  'writeBackup',
  'readIdCard',
] as const satisfies ReadonlyArray<keyof DesktopApi>
const _everyFunctionListed: Exclude<keyof DesktopApi, (typeof desktopApiFunctions)[number]> extends never ? true : never = true

type DesktopFixtures = { desktopApp: ElectronApplication; appWindow: Page }

const test = base.extend<DesktopFixtures>({
  // Launched from the project folder so Electron reads package.json (name, version, main = out/main/index.js).
  // Playwright reads the fixture's first parameter as a pattern; this fixture depends on no other.
  // eslint-disable-next-line no-empty-pattern
  desktopApp: async ({}, use) => {
    const executablePath = electronExecutablePath()
    if (!executablePath) throw new Error('Electron runtime not installed')
    const missing = builtFiles.filter((file) => !existsSync(file))
    if (missing.length > 0) throw new Error(`${missing.join(', ')} missing: run \`npx electron-vite build\` first`)
    // A fresh data folder per test: no enrolment, no database, no single-instance lock held by an earlier run.
    const userDataDir = await mkdtemp(join(tmpdir(), 'bianmin-electron-'))
    const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined))
    delete env.ELECTRON_RENDERER_URL
    env[USER_DATA_DIR_ENV] = userDataDir
    // executablePath is given so Playwright never requires electron/index.js, which would start a download.
    const app = await electron.launch({ executablePath, args: [projectRoot], env, locale: 'zh-CN' })
    try {
      await use(app)
    } finally {
      await app.close()
      await rm(userDataDir, { recursive: true, force: true })
    }
  },
  appWindow: async ({ desktopApp }, use) => {
    const window = await desktopApp.firstWindow()
    await window.waitForLoadState('domcontentloaded')
    await use(window)
  },
})

const skipReason = 'Electron runtime not installed (cannot be downloaded on this machine); desktop tests skipped'
// The list reporter does not print skip reasons, so say it once where CI logs show it.
if (!hasElectronRuntime()) console.log(skipReason)
test.skip(!hasElectronRuntime(), skipReason)

test.describe('desktop app', () => {
  test('opens one window titled 便民服务站', async ({ desktopApp, appWindow }) => {
    await expect(appWindow.locator('body')).toBeVisible()
    const titles = await desktopApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.getTitle()))
    expect(titles).toEqual(['便民服务站'])
  })

  test('exposes only the DesktopApi functions on window.bianmin', async ({ appWindow }) => {
    const exposed = await appWindow.evaluate(() =>
      Object.entries(Reflect.get(window, 'bianmin') as Record<string, unknown>).map(([name, value]) => [name, typeof value]),
    )
    expect(exposed.map(([name]) => name).sort()).toEqual([...desktopApiFunctions].sort())
    expect(exposed.every(([, type]) => type === 'function')).toBe(true)
  })

  test('answers getInfo through the checked IPC channel', async ({ appWindow }) => {
    const info = await appWindow.evaluate(() => (Reflect.get(window, 'bianmin') as DesktopApi).getInfo())
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }
    expect(info).toEqual({ version, platform: process.platform, desktop: true })
  })

  test('gives the page no Node: require, process and module are undefined', async ({ appWindow }) => {
    const types = await appWindow.evaluate(() => ['require', 'process', 'module', 'Buffer'].map((name) => typeof Reflect.get(globalThis, name)))
    expect(types).toEqual(['undefined', 'undefined', 'undefined', 'undefined'])
  })

  test('keeps the window on the app: no navigation to other files, no new windows', async ({ appWindow }) => {
    const appUrl = appWindow.url()
    const opened = await appWindow.evaluate(() => window.open('file:///etc/hosts') === null)
    expect(opened).toBe(true)
    await appWindow.evaluate(() => {
      window.location.href = 'file:///etc/hosts'
    })
    await appWindow.waitForTimeout(500)
    expect(appWindow.url()).toBe(appUrl)
  })

  test('shows the first-run screen (设备注册) with a fresh data folder', async ({ appWindow }) => {
    await expect(appWindow.getByText('设备注册').first()).toBeVisible()
  })
})
