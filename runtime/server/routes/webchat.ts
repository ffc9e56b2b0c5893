/**
 * Web chat: the customer WebSocket on /webchat (public: the site key picks the flow, the random
 * session id is the customer's only credential), the embeddable widget at /webchat/widget.js and
 * a demo shop page at /webchat/demo that embeds it.
 */
import { readFileSync } from 'node:fs'
import { Router } from 'express'
import { WebSocketServer, type WebSocket } from 'ws'
import type { RouteContext, RuntimeApp } from '../app.ts'
import { createWebchatConnections, defaultWebchatLimits, siteKeyPattern, type WebchatLimits } from '../webchat/connection.ts'
import { createWebchatHub } from '../webchat/hub.ts'

const asset = (name: string) => readFileSync(new URL(`../webchat/${name}`, import.meta.url), 'utf8')

/** Mounts the router, the upgrade handler and the keepalive on the runtime app. */
export function mountWebchat(runtime: RuntimeApp, context: RouteContext, limits: WebchatLimits = defaultWebchatLimits) {
  const hub = context.webchatHub ?? createWebchatHub()
  const accept = createWebchatConnections({ ...context, hub, limits })
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes })
  const alive = new WeakSet<WebSocket>()
  wss.on('connection', (socket) => {
    alive.add(socket)
    socket.on('pong', () => alive.add(socket))
    accept(socket)
  })
  const keepalive = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate()
        continue
      }
      alive.delete(socket)
      socket.ping()
    }
  }, limits.pingMs)
  keepalive.unref()

  runtime.upgrades.push((request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/webchat') return false
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
    return true
  })
  runtime.closers.push(() => {
    clearInterval(keepalive)
    for (const socket of wss.clients) socket.close(1001, 'server shutting down')
    wss.close()
  })
  runtime.app.use('/webchat', webchatPages(context))
}

function webchatPages({ catalog }: RouteContext): Router {
  const router = Router()
  const widget = asset('widget.js')
  const demo = asset('demo.html')
  router.get('/widget.js', (_req, res) => {
    res.set({ 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'Cross-Origin-Resource-Policy': 'cross-origin' })
    res.send(widget)
  })
  router.get('/demo', (req, res) => {
    const site = typeof req.query.site === 'string' && siteKeyPattern.test(req.query.site) ? req.query.site : demoSiteKey(catalog)
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' })
    res.send(demo.replaceAll('{{siteKey}}', escapeHtml(site)))
  })
  return router
}

/** The site key of the first flow bound to web chat by name, else any key ('*' and unbound flows take it). */
function demoSiteKey(catalog: RouteContext['catalog']): string {
  for (const { flow } of catalog.list()) {
    const key = flow.channels.includes('webchat') ? flow.bindings?.webchat?.find((k) => k !== '*') : undefined
    if (key) return key
  }
  return 'demo'
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
