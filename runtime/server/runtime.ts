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
import { connectRedisStore, RedisUnavailableError } from '../host/stores/redis.ts'
import { createHttpExecutor } from '../host/effects/call-http.ts'
import { createNotifier } from '../host/effects/notify.ts'
import { createApp } from './app.ts'
import type { RuntimeConfig } from './config.ts'
import { serveFlowsDir } from './flows-dir.ts'
import { createLogger, type Logger } from './logger.ts'
import { createMetrics } from './metrics.ts'
import { channelAdapters } from './channel-adapters.ts'
import { connectRedisBus, type RedisBus } from './webchat/redis-bus.ts'

export class UsageError extends Error {}

/** The store cannot be opened (Redis unreachable): an operator's error like a port in use, said in one line (exit 2). */
export class StoreUnavailableError extends UsageError {}

const isRedis = (spec: string) => spec.startsWith('redis://') || spec.startsWith('rediss://')

/**
 * Opens the store a `--store` value names: memory, sqlite:PATH, or redis://HOST:PORT (`rediss://`
 * for TLS, `/DB` and `?prefix=app:` optional). Redis is checked (PING) before it is returned.
 */
export async function openStore(spec: string, logger?: Logger): Promise<Store> {
  if (spec === 'memory') return createMemoryStore()
  if (spec.startsWith('sqlite:')) return createSqliteStore(spec.slice('sqlite:'.length) || '.switchboard/switchboard.db')
  if (isRedis(spec)) {
    try {
      return await connectRedisStore(spec, {
        onError: (error) => logger?.warn({ err: error }, 'Redis connection error; commands wait for it to come back'),
        onDurability: ({ appendonly, appendfsync }) => {
          if (appendonly === 'yes') return
          logger?.warn({ appendonly, appendfsync }, 'Redis runs without its append-only file: a crash of Redis loses accepted messages. Set appendonly yes (and appendfsync always for no loss at all).')
        },
      })
    } catch (error) {
      if (error instanceof RedisUnavailableError) throw new StoreUnavailableError(error.message)
      throw error
    }
  }
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
  const store = await openStore(config.store, logger)
  // several runtimes on one Redis: web chat frames travel to the runtime holding the customer's socket
  let bus: RedisBus | undefined
  try {
    if (isRedis(config.store))
      bus = await connectRedisBus(
        config.store,
        (key, data) => sockets.webchatHub.deliver(key, data),
        (error) => logger.warn({ err: error }, 'Redis pub/sub connection error'),
        // a deploy or rollback through another runtime: new conversations here start on it at once
        (flowId) => void catalog.load().then(() => logger.info({ flow: flowId }, 'flow deployed by another runtime; catalog reloaded'), (error) => logger.warn({ err: error }, 'catalog reload failed')),
      )
  } catch (error) {
    await store.close()
    throw new StoreUnavailableError(`cannot subscribe to Redis for web chat (${(error as Error).message})`)
  }
  const catalog = createCatalog(store, clock, (flowId) => bus?.announceDeploy(flowId))
  const metrics = createMetrics()
  const http = createHttpExecutor({ allow: config.httpAllow, env: config.secrets })
  const notify = createNotifier({ allow: config.httpAllow, env: config.secrets })
  const sockets = channelAdapters(config, logger, bus)
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
    await bus?.close()
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
      await bus?.close()
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
