import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'
import type { UserConfig } from 'vite'

/** The renderer build, shared by the desktop app (electron-vite) and browser mode (vite). */
export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  plugins: [react()],
  build: {
    rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    chunkSizeWarningLimit: 4096,
  },
}
