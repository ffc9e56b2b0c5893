/**
 * Assembles a running runtime: store, catalog, host (with channel adapters and effect executors),
 * the express app and its WebSocket upgrades, the served flows folder. Used by `switchboard serve`
 * and by every integration test (on port 0).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createCatalog } from '../host/catalog.ts'
import { createHost, type ChannelAdapter } from '../host/host.ts'
import type { Store } from '../host/store.ts'
import { createMemoryStore } from '../host/stores/memory.ts'
import { createSqliteStore } from '../host/stores/sqlite.ts'
import { createHttpExecutor } from '../host/effects/call-http.ts'
import { createNotifier } from '../host/effects/notify.ts'
import { createApp } from './app.ts'
import type { RuntimeConfig } from './config.ts'
import { serveFlowsDir } from './flows-dir.ts'
import { createLogger, type Logger } from './logger.ts'
import { createMetrics } from './metrics.ts'
import { channelAdapters } from './channel-adapters.ts'

export class UsageError extends Error {}

/** Opens the store a `--store` value names: memory, sqlite:PATH, or redis://HOST:PORT. */
export function openStore(spec: string): Store {
  if (spec === 'memory') return createMemoryStore()
  if (spec.startsWith('sqlite:')) return createSqliteStore(spec.slice('sqlite:'.length) || '.switchboard/switchboard.db')
  if (spec.startsWith('redis://')) throw new UsageError('The Redis store is not available yet; use --store sqlite:PATH or memory.')
  throw new UsageError(`Unknown store '${spec}': use memory, sqlite:PATH or redis://HOST:PORT.`)
}

export interface StartOptions {
  logger?: Logger
  clock?: () => number
  /** Replace channel adapters (tests). */
  channels?: Partial<Record<'whatsapp' | 'voice' | 'webchat', ChannelAdapter>>
}

export async function startRuntime(config: RuntimeConfig, options: StartOptions = {}) {
  const logger = options.logger ?? createLogger()
  const clock = options.clock ?? Date.now
  const store = openStore(config.store)
  const catalog = createCatalog(store, clock)
  const metrics = createMetrics()
  const http = createHttpExecutor({ allow: config.httpAllow, env: config.secrets })
  const notify = createNotifier({ allow: config.httpAllow, env: config.secrets })
  const sockets = channelAdapters(config, logger)
  const host = createHost({
    store,
    catalog,
    clock,
    channels: { ...sockets.adapters, ...options.channels },
    effects: { http, notify: (action) => notify(action) },
    handoffWebhook: config.handoffWebhook,
    observer: {
      ...metrics.observer,
      unrouted: (ref) => {
        metrics.observer.unrouted?.(ref)
        logger.warn({ channel: ref.channel, address: ref.address }, `no flow is bound to ${ref.channel} address ${ref.address}; message acknowledged and left alone`)
      },
      error: (error, context) => {
        metrics.observer.error?.(error, context)
        logger.error({ err: error }, `${context} failed`)
      },
    },
  })
  await host.recover()
  const stopPruning = pruneDedupeIds(store, clock, logger)
  const stopWatching = config.flowsDir ? await serveFlowsDir(catalog, config.flowsDir, logger) : () => {}

  const runtime = createApp({ config, host, catalog, store, logger, metrics, clock, webchatHub: sockets.webchatHub })
  const server: Server = createServer(runtime.app)
  server.on('upgrade', (request, socket, head) => {
    if (!runtime.upgrades.some((handle) => handle(request, socket, head))) socket.destroy()
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      if (config.host) server.listen(config.port, config.host, () => resolve())
      else server.listen(config.port, () => resolve())
    })
  } catch (error) {
    // e.g. EADDRINUSE: release the watcher, timers and store, or the process lives on without a server
    stopPruning()
    stopWatching()
    for (const close of runtime.closers) await close()
    await host.stop()
    await store.close()
    throw error
  }
  const { port } = server.address() as AddressInfo
  const bound = config.host ?? 'localhost'
  const url = `http://${bound.includes(':') ? `[${bound}]` : bound}:${port}`

  return {
    url,
    port,
    host,
    catalog,
    store,
    logger,
    async close() {
      stopPruning()
      stopWatching()
      for (const close of runtime.closers) await close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await host.stop()
      await store.close()
    },
  }
}

export type Runtime = Awaited<ReturnType<typeof startRuntime>>

/** Meta retries an undelivered webhook for up to 7 days; inbound ids older than that guard nothing. */
export const DEDUPE_RETENTION_MS = 8 * 24 * 3600_000

/** Forgets processed inbound ids past the retention now and every hour after, so the dedupe table stays small. */
function pruneDedupeIds(store: Store, clock: () => number, logger: Logger): () => void {
  const prune = () =>
    store.pruneInbound(clock() - DEDUPE_RETENTION_MS).then(
      (pruned) => pruned && logger.info({ pruned }, 'forgot old inbound message ids'),
      (error) => logger.warn({ err: error }, 'pruning old inbound message ids failed'),
    )
  void prune()
  const every = setInterval(prune, 3600_000)
  every.unref()
  return () => clearInterval(every)
}
