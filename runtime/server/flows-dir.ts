/**
 * Serves a folder of flow files: deploys every *.flow.json at start and again whenever one changes.
 * A file that does not validate is refused with one clear log line; the last good version keeps serving.
 */
import { readFileSync, readdirSync, watch, type FSWatcher } from 'node:fs'
import { join } from 'node:path'
import { validateText } from '../../schemas/validate.ts'
import type { Catalog } from '../host/catalog.ts'
import type { Logger } from './logger.ts'

export const isFlowFile = (name: string) => name.endsWith('.flow.json')

export async function deployFile(catalog: Catalog, path: string, logger: Logger): Promise<boolean> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    logger.warn({ file: path }, `cannot read ${path}: ${(error as Error).message}`)
    return false
  }
  const { flow, problems } = validateText(text)
  const result = flow ? await catalog.deploy(flow, path) : { ok: false as const, problems }
  if (!result.ok) {
    const first = result.problems[0]
    logger.error({ file: path, problems: result.problems }, `refused ${path}: ${first ? `${first.pointer || '/'}: ${first.code} ${first.message}` : 'invalid'}${result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : ''}; the last good version keeps serving`)
    return false
  }
  if (!result.unchanged) logger.info({ file: path, flow: result.id, version: result.version }, `deployed ${result.id} v${result.version} from ${path}`)
  return true
}

/** Deploys the folder's flows, then watches it. Returns a function that stops watching. */
export async function serveFlowsDir(catalog: Catalog, dir: string, logger: Logger): Promise<() => void> {
  const files = readdirSync(dir).filter(isFlowFile).sort()
  for (const file of files) await deployFile(catalog, join(dir, file), logger)
  const timers = new Map<string, NodeJS.Timeout>()
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(dir, (_, name) => {
      if (!name || !isFlowFile(name)) return
      clearTimeout(timers.get(name))
      // editors write in several steps; wait for the file to settle
      timers.set(name, setTimeout(() => void deployFile(catalog, join(dir, name), logger), 150))
    })
  } catch (error) {
    logger.warn(`not watching ${dir}: ${(error as Error).message}`)
  }
  return () => {
    watcher?.close()
    for (const t of timers.values()) clearTimeout(t)
  }
}
