/**
 * Serves the simulator / deploy harness (designer/app/simulator/harness/) with Vite on 127.0.0.1,
 * port 0 unless given. By hand: `npx tsx test/e2e/simulator-harness.ts [port]`.
 */
import { createServer, type ViteDevServer } from 'vite'
import react from '@vitejs/plugin-react'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..')
const designer = join(repo, 'designer')

/** The harness page on `flow` (an examples/ file name without .flow.json). */
export const harnessPage = (url: string, flow = 'order-bot', view = 'simulator') =>
  `${url}app/simulator/harness/index.html?view=${view}&src=${encodeURIComponent(`/@fs${join(repo, 'examples', `${flow}.flow.json`)}`)}`

/** Starts the dev server (root designer/, no config file, no HMR socket). */
export async function serveHarness(port = 0): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: false,
    // its own dependency cache: dev servers of test files running in parallel must not optimise into one folder
    cacheDir: 'node_modules/.vite-test-simulator',
    root: designer,
    logLevel: 'warn',
    plugins: [react()],
    resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
    server: { host: '127.0.0.1', port, strictPort: port !== 0, fs: { allow: [repo] }, hmr: false },
  })
  await server.listen()
  const address = server.httpServer!.address()
  const actual = typeof address === 'object' && address ? address.port : port
  return { server, url: `http://127.0.0.1:${actual}/` }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serveHarness(Number(process.argv[2] ?? 0))
  console.log(harnessPage(url, process.argv[3]))
}
