/**
 * Starts a real runtime on 127.0.0.1 port 0 for an integration test: flows written into a temp
 * folder (served like `switchboard serve --flows`), settings from an env object (the names DESIGN.md
 * fixes), logs captured as parsed JSON lines instead of printed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { ChannelAdapter } from '../../../runtime/host/host.ts'
import { loadConfig } from '../../../runtime/server/config.ts'
import { createLogger } from '../../../runtime/server/logger.ts'
import { startRuntime, type Runtime } from '../../../runtime/server/runtime.ts'

export interface LogLine {
  level: string
  msg: string
  [field: string]: unknown
}

export interface TestRuntimeOptions {
  /** Flow objects; each is written to `<id>.flow.json` in the temp folder. */
  flows?: object[]
  /** Environment variables (WHATSAPP_APP_SECRET, SWITCHBOARD_TOKEN, …); nothing is read from process.env. */
  env?: Record<string, string>
  /**
   * 'memory' (default), 'sqlite' (a file in the temp folder; pass `dir` to reopen the same one), or a
   * Redis store spec (`redis://127.0.0.1:PORT?prefix=…`, see test/fixtures/redis-server.ts): several
   * runtimes given the same one share it, as runtimes on several machines do.
   */
  store?: 'memory' | 'sqlite' | `redis://${string}`
  /** Reuse a folder from an earlier runtime (restart tests). */
  dir?: string
  clock?: () => number
  channels?: Partial<Record<'whatsapp' | 'voice' | 'webchat', ChannelAdapter>>
}

export interface TestRuntime extends Runtime {
  dir: string
  logs: LogLine[]
  /** Stops the runtime; removes the temp folder unless `keepDir`. */
  close(options?: { keepDir?: boolean }): Promise<void>
}

/** Captures the runtime's pino output as parsed lines. */
export function captureLogs() {
  const logs: LogLine[] = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine)
      done()
    },
  })
  return { logs, logger: createLogger({ level: 'debug', destination }) }
}

export async function startTestRuntime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'switchboard-test-'))
  const flowsDir = join(dir, 'flows')
  mkdirSync(flowsDir, { recursive: true })
  for (const flow of options.flows ?? []) writeFileSync(join(flowsDir, `${(flow as { id: string }).id}.flow.json`), JSON.stringify(flow, null, 2))
  const store = options.store === 'sqlite' ? `sqlite:${join(dir, 'switchboard.db')}` : options.store?.startsWith('redis://') ? options.store : 'memory'
  const config = loadConfig({ port: 0, host: '127.0.0.1', flows: flowsDir, store }, { SWITCHBOARD_TOKEN: 'test-token', ...options.env })
  const { logs, logger } = captureLogs()
  const runtime = await startRuntime(config, { logger, clock: options.clock, channels: options.channels })
  for (const flow of options.flows ?? []) {
    const id = (flow as { id: string }).id
    if (!runtime.catalog.active(id)) {
      await runtime.close()
      const refused = logs.filter((l) => l.level === 'error').map((l) => l.msg).join('\n')
      throw new Error(`test flow '${id}' was refused:\n${refused}`)
    }
  }
  const stop = runtime.close
  return Object.assign(runtime, {
    dir,
    logs,
    async close(closeOptions: { keepDir?: boolean } = {}) {
      await stop()
      if (!closeOptions.keepDir && !options.dir) rmSync(dir, { recursive: true, force: true })
    },
  }) as TestRuntime
}
