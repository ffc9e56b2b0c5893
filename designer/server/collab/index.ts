/**
 * Live collaboration on the designer's HTTP server: `ws://HOST:PORT/collab/<flow path>` (and
 * `<flow path>.comments` for its comment threads) speaking the y-websocket protocol, so the stock
 * y-websocket client (WebsocketProvider) connects as it is.
 *
 * Why not @y/websocket-server's setupWSConnection: its documents, persistence and initialiser are
 * module globals (two designers in one process would share rooms), its persistence hook is not
 * awaited before the first sync, and read-only connections need a fork of its message listener.
 * room.ts is the same protocol on y-protocols (sync + awareness), about as small.
 *
 * Access: the upgrade carries SWITCHBOARD_TOKEN (Bearer header or `?token=`) for editors, or the
 * viewer token (SWITCHBOARD_VIEW_TOKEN) for read-only viewers; anything else gets 401 before the
 * WebSocket handshake. Names go through workspace.locate, so nothing outside the workspace is reached.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { join } from 'node:path'
import { WebSocketServer } from 'ws'
import { presentedToken, tokenMatches } from '../../../runtime/server/auth.ts'
import type { Workspace } from '../workspace.ts'
import { openCollabStore } from './store.ts'
import { commentsKind, flowKind } from './kinds.ts'
import { Room, RoomError } from './room.ts'

export interface CollabOptions {
  workspace: Workspace
  /** Editors' token (SWITCHBOARD_TOKEN). */
  token: string
  /** Read-only viewers' token (SWITCHBOARD_VIEW_TOKEN); no viewers when unset. */
  viewToken?: string
  /** Folder of collab.db (default `<workspace>/.switchboard`). */
  dataDir?: string
  /** File write-through debounce in ms (default 300). */
  debounceMs?: number
  /** Longest a continuously edited document waits for its write-through, in ms (default 2000). */
  maxWaitMs?: number
  /** Stored updates between compactions (default 500). */
  compactEvery?: number
  log?: (message: string) => void
}

export const COLLAB_PREFIX = '/collab/'
const COMMENTS_SUFFIX = '.comments'
const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 422: 'Unprocessable Entity', 500: 'Internal Server Error' }

function refuse(socket: Duplex, status: number, message: string) {
  const body = JSON.stringify({ error: status === 401 ? 'unauthorized' : 'refused', message })
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${status === 401 ? 'WWW-Authenticate: Bearer\r\n' : ''}\r\n${body}`)
  socket.destroy()
}

export function createCollab(options: CollabOptions) {
  const { workspace } = options
  const log = options.log ?? ((message: string) => console.warn(message))
  const store = openCollabStore(join(options.dataDir ?? join(workspace.root, '.switchboard'), 'collab.db'))
  const rooms = new Map<string, Room>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: 32 * 1024 * 1024 })

  /** The document a raw request path names, or a RoomError. Never decodes more than workspace.locate does. */
  function resolve(raw: string) {
    const comments = raw.endsWith(COMMENTS_SUFFIX)
    const flowRaw = comments ? raw.slice(0, -COMMENTS_SUFFIX.length) : raw
    let flowFile: string
    try {
      flowFile = workspace.locate(flowRaw)
    } catch (error) {
      throw new RoomError((error as Error).message, 400)
    }
    const flowPath = decodeURIComponent(flowRaw)
    if (!flowPath.endsWith('.flow.json')) throw new RoomError(`Only flows (*.flow.json) are shared: ${flowPath}`, 400)
    if (!comments) return { name: flowPath, path: flowPath, file: flowFile, kind: flowKind }
    const path = flowPath.replace(/\.flow\.json$/, '.comments.json')
    if (!workspace.exists(flowPath)) throw new RoomError(`No such file: ${flowPath}`, 404)
    return { name: flowPath + COMMENTS_SUFFIX, path, file: workspace.locate(path), kind: commentsKind }
  }

  function open(raw: string): Room {
    const target = resolve(raw)
    const existing = rooms.get(target.name)
    if (existing && !existing.closed) return existing
    const room: Room = new Room({
      name: target.name,
      kind: target.kind,
      file: target.file,
      write: (text) => workspace.write(target.path, text),
      store,
      debounceMs: options.debounceMs ?? 300,
      maxWaitMs: options.maxWaitMs ?? 2000,
      compactEvery: options.compactEvery ?? 500,
      log,
      onEmpty: (r) => {
        r.close()
        if (rooms.get(r.name) === r) rooms.delete(r.name)
      },
    })
    rooms.set(target.name, room)
    return room
  }

  /** The designer's upgrade handler: true when the request was for /collab/ (served or refused). */
  function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = request.url ?? ''
    if (!url.startsWith(COLLAB_PREFIX)) return false
    const presented = presentedToken(request.headers, url)
    const readOnly = !tokenMatches(presented, options.token)
    if (readOnly && !(options.viewToken && tokenMatches(presented, options.viewToken))) {
      refuse(socket, 401, 'Send ?token=<SWITCHBOARD_TOKEN>.')
      return true
    }
    let room: Room
    try {
      room = open(url.slice(COLLAB_PREFIX.length).split(/[?#]/)[0])
    } catch (error) {
      const status = error instanceof RoomError ? error.status : 500
      if (status === 500) log(`collab: could not open ${url.split('?')[0]}: ${(error as Error).stack}`)
      refuse(socket, status, status === 500 ? 'Internal error.' : (error as Error).message)
      return true
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (room.closed) return ws.close(1011, 'document closed')
      room.add(ws, readOnly)
    })
    return true
  }

  return {
    upgrade,
    rooms,
    store,
    /** Opens a document (as a connection would), for tests and tools. */
    open,
    /** Writes every open document through to its file now. */
    flush() {
      for (const room of rooms.values()) room.flush()
    },
    /** Flushes, compacts and closes every document and the store. Synchronous. */
    close() {
      for (const room of rooms.values()) room.close()
      rooms.clear()
      for (const client of wss.clients) client.terminate()
      wss.close()
      store.close()
    },
  }
}

export type Collab = ReturnType<typeof createCollab>
