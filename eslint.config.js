import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'https',
  'url',
  'stream',
  'util',
  'worker_threads',
  'events',
  'buffer',
  'process',
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: '只用具名导出 (named exports only).' }],
    },
  },
  {
    // A promise nobody awaits loses its error: an outbox write that fails silently is data lost.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Config files are loaded by their tools through a default export.
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The renderer runs sandboxed: it reaches the desktop only through the Platform interface.
    // The county console is a browser page too: it reaches the server only over HTTP.
    files: ['src-renderer/**/*.{ts,tsx}', 'server/console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: '只用具名导出 (named exports only).' },
        {
          // Dexie keeps track of what a live query read across native awaits only when the querier
          // itself is an async function; a plain arrow calling an async helper stops updating after
          // the helper's first await, so the screen silently goes stale.
          selector: "CallExpression[callee.name='useLiveQuery'] > ArrowFunctionExpression.arguments:first-child[async=false]",
          message: 'useLiveQuery 的查询函数须为 async 函数 (the querier must be async, or Dexie stops tracking after the first await).',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins, ...nodeBuiltins.map((name) => `node:${name}`)],
          patterns: [{ group: ['node:*', 'electron/*', '**/src-main/**', '**/server/**'], message: '渲染进程不得引用 Node 或 Electron 模块。' }],
        },
      ],
    },
  },
  {
    // shared/ is the domain: it may import nothing of ours but itself, and nothing of Node.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins],
          patterns: [{ group: ['node:*', '**/src-main/**', '**/src-renderer/**', '**/server/**'], message: 'shared/ 只能引用自身。' }],
        },
      ],
    },
  },
)
