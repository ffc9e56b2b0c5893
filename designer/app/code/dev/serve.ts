/**
 * Serves the dev harness with Vite on 127.0.0.1 (port 0 unless given): `node --import tsx
 * designer/app/code/dev/serve.ts [port]`. The browser tests start it the same way.
 */
import { createServer, type ViteDevServer } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..')

export async function startHarness(port = 0): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({
    configFile: false,
    root: resolve(repo, 'designer'),
    logLevel: 'error',
    plugins: [react()],
    resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
    server: { host: '127.0.0.1', port, strictPort: port !== 0, fs: { allow: [repo] }, hmr: false },
    optimizeDeps: { include: ['react', 'react-dom/client', 'yjs', '@rjsf/core', '@rjsf/utils', '@rjsf/validator-ajv8', 'ajv/dist/2020.js', 'ajv-formats', '@monaco-editor/react', 'monaco-editor/editor', 'monaco-editor/features/register.all', 'monaco-editor/languages/features/json/register', 'json-logic-js', 'fastest-levenshtein'] },
  })
  await server.listen()
  const address = server.httpServer!.address() as { port: number }
  return { url: `http://127.0.0.1:${address.port}/app/code/dev/harness.html`, server }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { url } = await startHarness(Number(process.argv[2] ?? 0))
  console.log(url)
}
