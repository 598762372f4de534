import { defineConfig } from 'vitest/config'

// Three projects: fast unit tests (Node, fake-indexeddb for the data layer), component tests
// (the real React screens in happy-dom, where the form rules are checked) and integration
// tests against the real county server on PGlite and PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          // Projects with different maxWorkers must run as separate groups: unit first.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/component/setup.ts'],
          // One module graph per worker, not per file: antd and React load once (the files used to
          // spend more time importing than testing). Each test unmounts, deletes its database and
          // clears storage and stubs (setup.ts, station-harness.tsx), so nothing carries over.
          isolate: false,
          // A test takes a few seconds of CPU; the margin is for a machine shared with other work.
          testTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One PGlite per file already uses a core; keep the 2-core machine responsive.
          maxWorkers: 2,
          // One module graph per worker, not per file: each file imported the whole server again
          // (about 2 s of CPU, 45 times). The files share no state but their own servers and
          // databases, and none mocks a module.
          isolate: false,
          setupFiles: ['tests/integration/setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
