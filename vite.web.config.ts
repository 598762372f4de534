import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { rendererConfig } from './vite.renderer.shared.ts'

// Browser mode: the same renderer as a plain web page, served by `npm start` and the e2e tests.
export default defineConfig({
  ...rendererConfig,
  build: { ...rendererConfig.build, outDir: resolve(import.meta.dirname, 'out/web'), emptyOutDir: true },
})
