import { defineConfig } from '@playwright/test'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Chromium from Debian (never a downloaded browser); the flags keep it quiet on a closed network.
export default defineConfig({
  outputDir: 'test-results',
  // Migrates and seeds one county folder that every test's own county copies.
  globalSetup: './tests/e2e/support/global-setup.ts',
  // No test may override this: a journey that needs longer is too long for one test.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // Two at a time on the two-core CI machine: most of a test is waiting on a sync round,
  // so two overlap well. Every test has its own county and browser context.
  workers: 2,
  fullyParallel: true,
  // One retry on CI only: a journey that passes on a quiet machine can time out on a loaded one; a real failure fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    // Recording a trace costs more CPU than most tests do (a screencast and a DOM snapshot per
    // action), so it is kept for the retry of a failed test on CI; locally, `--trace on`.
    trace: 'on-first-retry',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  },
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
    { name: 'electron', testDir: 'tests/electron' },
  ],
})
