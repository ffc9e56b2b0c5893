/**
 * Builds the desk page with Vite's JS API. The runtime calls ensureDeskBuilt() on the first request
 * for /desk when dist is missing or older than the sources (so `npm start` needs no build step);
 * a release can build ahead with `npx vite build --config runtime/server/desk/vite.config.ts`.
 * A build goes to a fresh folder first and replaces dist at the end, so no one is served half a build.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const deskRoot = dirname(fileURLToPath(import.meta.url))
export const deskDist = join(deskRoot, 'dist')
const SOURCES = ['app', 'index.html', 'vite.config.ts']

function newest(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs)
}

/** True when dist is missing or older than a source of the page. */
export function deskIsStale(outDir = deskDist): boolean {
  const index = join(outDir, 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  return SOURCES.some((source) => newest(join(deskRoot, source)) > built)
}

export async function buildDesk(outDir = deskDist): Promise<string> {
  const { build } = await import('vite')
  const temp = `${outDir}.build-${process.pid}-${Date.now().toString(36)}`
  try {
    await build({ configFile: join(deskRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: temp, emptyOutDir: true } })
    rmSync(outDir, { recursive: true, force: true })
    try {
      renameSync(temp, outDir)
    } catch (error) {
      // Another process finished the same build first: theirs is as good as ours.
      if (!existsSync(join(outDir, 'index.html'))) throw error
    }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
  return outDir
}

let building: Promise<void> | undefined

/** Builds once per process when needed; concurrent callers share the build. */
export function ensureDeskBuilt(): Promise<void> {
  if (!deskIsStale()) return Promise.resolve()
  building ??= buildDesk().then(
    () => {
      building = undefined
    },
    (error: unknown) => {
      building = undefined
      throw error
    },
  )
  return building
}
