/**
 * The designer's server: the built web app (with the access token handed to the page), the
 * workspace file API, and file-change events. Collaboration (y-websocket) attaches to the same
 * HTTP server through `upgrades`.
 */
import express, { type ErrorRequestHandler } from 'express'
import { createServer, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { AddressInfo } from 'node:net'
import { existsSync, readFileSync, watch } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { presentedToken, requireToken, tokenMatches } from '../../runtime/server/auth.ts'
import { createWorkspace, WorkspaceError } from './workspace.ts'
import { templates } from './templates.ts'
import { createCollab } from './collab/index.ts'

export const distDir = fileURLToPath(new URL('../dist', import.meta.url))

export interface DesignerOptions {
  workspace: string
  port: number
  host?: string
  token: string
  /** URL of the runtime the Deploy view offers by default. */
  runtimeUrl?: string
  /** Read-only viewers' token for collaboration (default SWITCHBOARD_VIEW_TOKEN); folder of collab.db (default <workspace>/.switchboard). */
  viewToken?: string
  collabDir?: string
}

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

export async function startDesigner(options: DesignerOptions) {
  const workspace = createWorkspace(options.workspace)
  const app = express()
  app.disable('x-powered-by')
  const upgrades: UpgradeHandler[] = []
  const listeners = new Set<(path: string) => void>()

  const viewToken = options.viewToken ?? process.env.SWITCHBOARD_VIEW_TOKEN
  /** A read-only viewer's request: the view token on a GET (viewers read files and follow changes; they never write). */
  const viewing = (req: express.Request) => !!viewToken && req.method === 'GET' && tokenMatches(presentedToken(req.headers, req.originalUrl), viewToken)
  const api = express.Router()
  const editors = requireToken(options.token)
  api.use((req, res, next) => (viewing(req) ? next() : editors(req, res, next)))
  api.use(express.text({ type: '*/*', limit: '10mb' }))
  api.get('/files', (_req, res) => {
    res.json({ root: workspace.root, files: workspace.list(), templates: Object.entries(templates).map(([id, t]) => ({ id, title: t.title })) })
  })
  api.get('/files/*path', (req, res) => {
    res.type('application/json').send(workspace.read(pathParam(req.params)))
  })
  api.put('/files/*path', (req, res) => {
    const path = pathParam(req.params)
    const written = workspace.write(path, typeof req.body === 'string' ? req.body : '')
    res.json({ path, size: written.length })
  })
  api.delete('/files/*path', (req, res) => {
    workspace.remove(pathParam(req.params))
    res.status(204).end()
  })
  api.post('/rename', (req, res) => {
    const { from, to } = JSON.parse(String(req.body || '{}')) as { from?: string; to?: string }
    if (!from || !to) throw new WorkspaceError('"from" and "to" are required', 400)
    workspace.rename(from, to)
    res.json({ path: to })
  })
  api.post('/duplicate', (req, res) => {
    const { from, to } = JSON.parse(String(req.body || '{}')) as { from?: string; to?: string }
    if (!from || !to) throw new WorkspaceError('"from" and "to" are required', 400)
    if (workspace.exists(to)) throw new WorkspaceError(`A file named ${to} already exists`, 409)
    const text = workspace.read(from)
    let copy = text
    try {
      const flow = JSON.parse(text)
      copy = JSON.stringify({ ...flow, id: to.replace(/^.*\//, '').replace(/\.flow\.json$/, ''), name: `${flow.name ?? 'Flow'} (copy)` })
    } catch {
      // a broken file is copied as it is
    }
    workspace.write(to, copy)
    res.status(201).json({ path: to })
  })
  api.post('/new', (req, res) => {
    const { path, template = 'blank', name } = JSON.parse(String(req.body || '{}')) as { path?: string; template?: string; name?: string }
    if (!path?.endsWith('.flow.json')) throw new WorkspaceError('The new file name must end in .flow.json', 400)
    if (workspace.exists(path)) throw new WorkspaceError(`A file named ${path} already exists`, 409)
    const make = templates[template]?.make
    if (!make) throw new WorkspaceError(`Unknown template '${template}'`, 400)
    const id = path.replace(/^.*\//, '').replace(/\.flow\.json$/, '')
    workspace.write(path, JSON.stringify(make(id, name ?? id)))
    res.status(201).json({ path })
  })
  api.get('/events', (req, res) => {
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    const send = (path: string) => res.write(`event: file-changed\ndata: ${JSON.stringify({ path })}\n\n`)
    listeners.add(send)
    req.on('close', () => listeners.delete(send))
  })
  app.use('/api', api)

  app.get(['/', '/index.html'], (req, res) => {
    const index = join(distDir, 'index.html')
    if (!existsSync(index)) return res.status(503).type('text/plain').send('The designer is not built yet: run `npx vite build --config designer/vite.config.ts` (npm start does it).')
    // `/?token=<view token>` is a viewer's page: it carries the view token, and the app offers no edits.
    const viewer = viewing(req)
    const meta = `<meta name="switchboard-token" content="${escapeAttribute(viewer ? viewToken! : options.token)}">${viewer ? '<meta name="switchboard-role" content="viewer">' : ''}${options.runtimeUrl ? `<meta name="switchboard-runtime" content="${escapeAttribute(options.runtimeUrl)}">` : ''}`
    res.type('html').set('Cache-Control', 'no-store').send(readFileSync(index, 'utf8').replace('</head>', `${meta}</head>`))
  })
  app.use(express.static(distDir, { index: false, maxAge: '1h' }))
  app.use((req, res) => res.status(404).json({ error: 'not-found', message: `Nothing at ${req.method} ${req.path}.` }))
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = error instanceof WorkspaceError ? error.status : typeof error.status === 'number' ? error.status : 500
    res.status(status).json({ error: 'error', message: status >= 500 ? 'Internal error.' : error.message })
  }
  app.use(onError)

  let watcher: ReturnType<typeof watch> | undefined
  try {
    watcher = watch(workspace.root, { recursive: true }, (_, name) => {
      if (name && String(name).endsWith('.json') && !String(name).endsWith('.tmp')) for (const send of listeners) send(String(name).split('\\').join('/'))
    })
  } catch {
    // without recursive watch support, external changes show up on the next open
  }

  const collab = createCollab({ workspace, token: options.token, viewToken, dataDir: options.collabDir })
  upgrades.push(collab.upgrade)
  const server = createServer(app)
  server.on('upgrade', (request, socket, head) => {
    if (!upgrades.some((handle) => handle(request, socket, head))) socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    if (options.host) server.listen(options.port, options.host, () => resolve())
    else server.listen(options.port, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const bound = options.host ?? 'localhost'
  return {
    url: `http://${bound.includes(':') ? `[${bound}]` : bound}:${port}`,
    port,
    server,
    workspace,
    upgrades,
    collab,
    async close() {
      watcher?.close()
      collab.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function pathParam(params: Record<string, unknown>): string {
  const value = params.path
  return Array.isArray(value) ? value.join('/') : String(value ?? '')
}

export type Designer = Awaited<ReturnType<typeof startDesigner>>
