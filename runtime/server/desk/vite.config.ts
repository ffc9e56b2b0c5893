/**
 * The agent desk page (/desk): a small React app, bundled with Vite like the designer, into
 * runtime/server/desk/dist. Nothing comes from a CDN; assets are served under /desk/.
 */
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root,
  base: '/desk/',
  plugins: [react()],
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
})
