/**
 * One flow shared live: its Y.Doc synced with the designer's collaboration server by the stock
 * y-websocket WebsocketProvider (`/collab/<path>`), its comments document (`/collab/<path>.comments`),
 * this participant's presence on awareness, and the connection state the status bar shows.
 * The server stores and writes the file through; the page never writes a shared flow itself.
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { createStore, type Store } from '../state/store.ts'
import { AckTracker } from './ack.ts'
import { readThreads, type Anchor, type CommentThread } from './comments.ts'
import { peersOf, type Peer, type ViewportState } from './presence.ts'
import { userStore } from './user.ts'

export type CollabStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline'

export interface CollabState {
  status: CollabStatus
  /** Local changes the server has not acknowledged (stored) yet. */
  pending: boolean
  peers: Peer[]
  threads: CommentThread[]
  /** The peer whose viewport this canvas follows. */
  following?: number
  /** Placing a comment: the next canvas click pins it. */
  commentMode: boolean
  /** Where the comment being written will be pinned. */
  draft?: Anchor
  /** The thread the Comments list should show open. */
  focus?: { thread: string; seq: number }
}

export interface CollabClientOptions {
  /** Base URL of the collaboration endpoint: ws://host:port/collab */
  url: string
  token: string
  /** A viewer: the server drops its writes, the page offers no edits. */
  readOnly?: boolean
  WebSocketPolyfill?: typeof WebSocket
}

export interface CollabLink {
  readonly path: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly comments: Y.Doc
  readonly readOnly: boolean
  readonly state: Store<CollabState>
  /** True once the document synced with the server; false when collaboration is not available (the first connection failed). */
  readonly ready: Promise<boolean>
  setCursor(cursor: { x: number; y: number } | null): void
  setSelection(nodes: string[]): void
  setViewport(viewport: ViewportState | null): void
  /** Resolves when every local change is acknowledged, or at once when offline. */
  settled(): Promise<void>
  dispose(): void
}

const MESSAGE_SYNC = 0
const STEP_1 = 0
const STEP_2 = 1
const links = new WeakMap<Y.Doc, CollabLink>()

/** The live link of a shared flow document (the canvas overlay finds its peers this way). */
export const linkOf = (doc: Y.Doc | undefined) => (doc ? links.get(doc) : undefined)

const room = (path: string) => path.split('/').map(encodeURIComponent).join('/')
const online = () => typeof navigator === 'undefined' || navigator.onLine !== false

function share(url: string, name: string, doc: Y.Doc, options: CollabClientOptions) {
  return new WebsocketProvider(url, name, doc, { params: { token: options.token }, disableBc: true, ...(options.WebSocketPolyfill && { WebSocketPolyfill: options.WebSocketPolyfill }) })
}

export function connectFlow(path: string, options: CollabClientOptions): CollabLink {
  const doc = new Y.Doc()
  const comments = new Y.Doc()
  const provider = share(options.url, room(path), doc, options)
  const commentsProvider = share(options.url, `${room(path)}.comments`, comments, options)
  const awareness = provider.awareness
  // A viewer's page makes no edits: every command is one doc.transact, so none gets through (the server would drop it anyway).
  if (options.readOnly) doc.transact = (() => undefined) as typeof doc.transact
  const tracker = new AckTracker()
  const state = createStore<CollabState>({ status: online() ? 'connecting' : 'offline', pending: false, peers: [], threads: [], commentMode: false })
  const waiters = new Set<() => void>()
  let everConnected = false

  const publishPending = () => {
    state.set({ pending: tracker.pending })
    if (!tracker.pending || state.get().status !== 'connected') for (const done of [...waiters]) done()
  }
  const publishStatus = () => {
    const status: CollabStatus = !online() ? 'offline' : provider.wsconnected ? 'connected' : everConnected ? 'reconnecting' : 'connecting'
    state.set({ status })
    publishPending()
  }

  function probe() {
    const ws = provider.ws
    if (!provider.wsconnected || !ws || ws.readyState !== 1 || !tracker.wantsProbe()) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, doc)
    ws.send(encoding.toUint8Array(encoder))
    tracker.probed()
  }
  const handleSync = provider.messageHandlers[MESSAGE_SYNC]
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
    const kind = decoder.arr[decoder.pos]
    handleSync(encoder, decoder, p, emitSynced, type)
    if (kind === STEP_2 && tracker.answered()) {
      publishPending()
      queueMicrotask(probe)
    }
    // Our answer to the server's step 1 (holding what we changed offline) goes out after this returns.
    if (kind === STEP_1) queueMicrotask(probe)
  }
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) return
    tracker.changed()
    publishPending()
    queueMicrotask(probe)
  })
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') {
      everConnected = true
      tracker.connected()
    } else tracker.disconnected()
    publishStatus()
  })

  const ready = new Promise<boolean>((resolve) => {
    provider.on('sync', (synced: boolean) => synced && resolve(true))
    provider.on('connection-close', () => !everConnected && resolve(false))
  })

  const user = () => userStore.get().user
  awareness.setLocalState({ user: user(), cursor: null, selection: [], viewport: null, viewer: !!options.readOnly })
  const stopUser = userStore.subscribe(() => awareness.setLocalStateField('user', user()))
  const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    if ([...added, ...updated, ...removed].every((id) => id === doc.clientID)) return // our own cursor moved
    state.set({ peers: peersOf(awareness.getStates(), doc.clientID) })
  }
  awareness.on('change', onAwareness)
  const onThreads = () => state.set({ threads: readThreads(comments) })
  comments.getMap('threads').observeDeep(onThreads)

  // Browsers notice a dead socket late: go offline (and back) with the network, edits stay local meanwhile.
  const goOffline = () => {
    provider.disconnect()
    commentsProvider.disconnect()
    publishStatus()
  }
  const goOnline = () => {
    provider.connect()
    commentsProvider.connect()
    publishStatus()
  }
  // y-websocket v3 says nothing when a page goes away; saying it ourselves clears our presence at once for the others.
  const leave = () => awareness.setLocalState(null)
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', goOffline)
    window.addEventListener('online', goOnline)
    window.addEventListener('pagehide', leave)
    if (!online()) goOffline()
  }

  let lastSelection = ''
  const link: CollabLink = {
    path,
    doc,
    provider,
    comments,
    readOnly: !!options.readOnly,
    state,
    ready,
    setCursor: (cursor) => awareness.setLocalStateField('cursor', cursor),
    setSelection(nodes) {
      if (nodes.join('\n') === lastSelection) return
      lastSelection = nodes.join('\n')
      awareness.setLocalStateField('selection', nodes)
    },
    setViewport: (viewport) => awareness.setLocalStateField('viewport', viewport),
    settled: () =>
      new Promise<void>((resolve) => {
        const done = () => (waiters.delete(done), resolve())
        waiters.add(done)
        publishPending()
      }),
    dispose() {
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', goOffline)
        window.removeEventListener('online', goOnline)
        window.removeEventListener('pagehide', leave)
      }
      stopUser()
      awareness.off('change', onAwareness)
      for (const done of [...waiters]) done()
      provider.destroy()
      commentsProvider.destroy()
      comments.destroy()
    },
  }
  links.set(doc, link)
  return link
}

/** The collaboration endpoint of the page's own server (ws: or wss: like the page). */
export function pageCollabUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/collab`
}

/** Whether the page was handed a viewer's token (<meta name="switchboard-role" content="viewer">). */
export const pageIsViewer = (doc: Document = document) => doc.querySelector<HTMLMetaElement>('meta[name="switchboard-role"]')?.content === 'viewer'
