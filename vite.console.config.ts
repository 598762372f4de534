import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// The county console: a web app the county server serves at /console/ from out/console.
export default defineConfig({
  root: resolve(import.meta.dirname, 'server/console'),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
})
