/**
 * The designer server (designer/server/server.ts, serving the build in designer/dist) on a temp
 * copy of examples/, on 127.0.0.1 port 0; optionally a runtime (runtime/server/runtime.ts, memory
 * store) on 127.0.0.1 port 0 with the same token, for the Deploy view.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDesigner, type Designer } from '../../../designer/server/server.ts'
import { startTestRuntime, type TestRuntime } from '../../integration/helpers/index.ts'

export const examplesDir = join(import.meta.dirname, '..', '..', '..', 'examples')

export interface DesignerFixture {
  designer: Designer
  workspace: string
  token: string
  runtime?: TestRuntime
  close(): Promise<void>
}

export async function startDesignerFixture(options: { token?: string; runtime?: boolean; files?: Record<string, string>; copyExamples?: boolean } = {}): Promise<DesignerFixture> {
  const token = options.token ?? 'designer-e2e-token'
  const workspace = mkdtempSync(join(tmpdir(), 'switchboard-designer-e2e-'))
  if (options.copyExamples !== false) cpSync(examplesDir, workspace, { recursive: true })
  for (const [path, text] of Object.entries(options.files ?? {})) writeFileSync(join(workspace, path), text)
  const runtime = options.runtime ? await startTestRuntime({ store: 'memory', env: { SWITCHBOARD_TOKEN: token } }) : undefined
  // As `switchboard start` does: the page suggests this runtime (and the same token) to the Deploy view.
  const designer = await startDesigner({ workspace, port: 0, host: '127.0.0.1', token, runtimeUrl: runtime?.url })
  return {
    designer,
    workspace,
    token,
    runtime,
    async close() {
      await designer.close()
      await runtime?.close()
      rmSync(workspace, { recursive: true, force: true })
    },
  }
}

/**
 * Polls `read` until `holds` is true of its value; a bounded number of polls (no clock deadline:
 * the count bounds it), then throws with `what` and the last value seen.
 */
export async function eventually<T>(read: () => T | Promise<T>, holds: (value: T) => boolean, what = 'a condition', tries = 2000): Promise<T> {
  let value: T | undefined
  for (let i = 0; i < tries; i++) {
    value = await read()
    if (holds(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`gave up waiting for ${what} after ${tries} polls; last seen: ${JSON.stringify(value)}`)
}
