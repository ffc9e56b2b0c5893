/**
 * The runtime's HTTP surface: one express app, each area a router in routes/ mounted from the
 * table below, plus WebSocket upgrades (web chat) dispatched by path.
 */
import express, { type ErrorRequestHandler, type Express } from 'express'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Catalog } from '../host/catalog.ts'
import type { Host } from '../host/host.ts'
import type { Store } from '../host/store.ts'
import { requireToken } from './auth.ts'
import { designerCors } from './cors.ts'
import type { RuntimeConfig } from './config.ts'
import type { Logger } from './logger.ts'
import type { Metrics } from './metrics.ts'
import { conversationRoutes } from './routes/conversations.ts'
import { deskPage, deskRoutes } from './routes/desk.ts'
import { flowRoutes } from './routes/flows.ts'
import { healthRoutes } from './routes/health.ts'
import { mountWebchat } from './routes/webchat.ts'
import type { WebchatHub } from './webchat/hub.ts'
import { voiceRoutes } from './routes/voice.ts'
import { whatsappRoutes } from './routes/whatsapp.ts'

export interface RouteContext {
  config: RuntimeConfig
  host: Host
  catalog: Catalog
  store: Store
  logger: Logger
  metrics: Metrics
  clock: () => number
  /** Live web chat sockets, shared with the webchat channel adapter. */
  webchatHub?: WebchatHub
}

/** Handles a WebSocket upgrade for its path; returns false when the path is not its own. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean

export interface RuntimeApp {
  app: Express
  upgrades: UpgradeHandler[]
  /** Closes sockets and other resources the routes hold. */
  closers: (() => void | Promise<void>)[]
}

export function createApp(context: RouteContext): RuntimeApp {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  const runtime: RuntimeApp = { app, upgrades: [], closers: [] }
  const auth = requireToken(context.config.token)

  // the WhatsApp webhook first: it is the busiest path, and no other router answers under its prefix
  app.use('/webhooks/whatsapp', whatsappRoutes(context))
  app.use(healthRoutes(context))
  app.use('/api/flows', designerCors(), auth, flowRoutes(context))
  mountWebchat(runtime, context)
  app.use('/webhooks/voice', voiceRoutes(context))
  app.use('/api/conversations', auth, conversationRoutes(context))
  app.use('/api/desk', auth, deskRoutes(context))
  app.use('/desk', deskPage(context))

  app.use((req, res) => {
    res.status(404).json({ error: 'not-found', message: `Nothing at ${req.method} ${req.path}.` })
  })
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const status = typeof error.status === 'number' ? error.status : 500
    if (status >= 500) context.logger.error({ err: error, path: req.path }, 'request failed')
    const message =
      error.type === 'entity.too.large' ? `The body is larger than ${context.config.bodyLimit}.`
      : error.type === 'entity.parse.failed' ? 'The body is not valid JSON.'
      : status >= 500 ? 'Internal error.' : error.message
    res.status(status).json({ error: error.type ?? 'error', message })
  }
  app.use(onError)
  return runtime
}
