import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { rendererConfig } from './vite.renderer.shared.ts'

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      lib: { entry: resolve(import.meta.dirname, 'src-main/index.ts') },
    },
  },
  preload: {
    build: {
      // Bundled whole and emitted as CommonJS so the window can keep `sandbox: true`.
      externalizeDeps: false,
      lib: { entry: resolve(import.meta.dirname, 'src-main/preload.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, outDir: resolve(import.meta.dirname, 'out/renderer') },
  },
})
