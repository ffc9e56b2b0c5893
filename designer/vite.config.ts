/**
 * Builds the designer web app into designer/dist (served by designer/server/server.ts). Everything
 * is bundled: Monaco and its workers come from npm through `?worker` imports, never from a CDN, and
 * Monaco is its own chunk, loaded only when the code view first opens.
 */
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // One copy each: two Yjs copies break the CRDT, two Reacts break hooks.
  resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
  worker: { format: 'es' },
  server: { fs: { allow: [join(root, '..')] } },
  build: {
    outDir: join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React first: otherwise, as a dependency of @monaco-editor/react, it lands in the Monaco chunk, which then loads at start.
            // Vite's preload helper, which every lazy import calls, must not sit in a lazy chunk either.
            { name: 'preload', test: /vite\/preload-helper/, priority: 40 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'monaco', test: /node_modules[\\/](monaco-editor|@monaco-editor)[\\/]/, priority: 20 },
            { name: 'elk', test: /node_modules[\\/]elkjs[\\/]/, priority: 15 },
            { name: 'react-flow', test: /node_modules[\\/](@xyflow|d3-[a-z]+)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
})
