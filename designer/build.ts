/**
 * Builds the designer with Vite's JS API, for `switchboard designer`, `switchboard start` and the
 * browser tests' global setup. A build goes to a fresh folder first and replaces dist at the end,
 * so a server never serves half a build.
 */
import { build } from 'vite'
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const designerRoot = dirname(fileURLToPath(import.meta.url))
export const designerDist = join(designerRoot, 'dist')
const repo = join(designerRoot, '..')

/** What the bundle is made from (tests and the server are not part of it). */
const SOURCES = ['designer/app', 'designer/index.html', 'designer/vite.config.ts', 'schemas', 'runtime/engine', 'runtime/channels', 'runtime/transcripts', 'package-lock.json']

function newest(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs
  return readdirSync(path).reduce((max, name) => (name === 'node_modules' || name === 'testdata' ? max : Math.max(max, newest(join(path, name)))), stat.mtimeMs)
}

/** True when dist is missing or older than a source file of the bundle. */
export function designerIsStale(outDir = designerDist): boolean {
  const index = join(outDir, 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  return SOURCES.some((source) => newest(join(repo, source)) > built)
}

/** Builds the designer into `outDir` (designer/dist by default). */
export async function buildDesigner(options: { outDir?: string; quiet?: boolean } = {}): Promise<string> {
  const outDir = options.outDir ?? designerDist
  const temp = `${outDir}.build-${process.pid}-${Date.now().toString(36)}`
  // vitest sets NODE_ENV=test, which would bundle React's development build (several times slower);
  // the designer is always built for production
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: join(designerRoot, 'vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info', build: { outDir: temp, emptyOutDir: true } })
    rmSync(outDir, { recursive: true, force: true })
    renameSync(temp, outDir)
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
    rmSync(temp, { recursive: true, force: true })
  }
  return outDir
}

/** Builds the designer unless dist is up to date; `say` hears about a build before it starts. */
export async function ensureDesignerBuilt(say: (line: string) => void = () => {}): Promise<boolean> {
  if (!designerIsStale()) return false
  say('building the designer…')
  await buildDesigner({ quiet: true })
  return true
}
