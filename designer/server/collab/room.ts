/**
 * One shared document (a flow or its comments) and the connections editing it, speaking the
 * y-websocket protocol (y-protocols sync + awareness) over `ws`.
 *
 * Order of things for every update: applied to the document, appended to the store (synchronous
 * SQLite), then broadcast, then the file write-through is scheduled. An update the store refused is
 * never broadcast: the room closes and clients resync from disk when they reconnect.
 */
import * as Y from 'yjs'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { WebSocket } from 'ws'
import type { CollabStore } from './store.ts'
import type { DocKind } from './kinds.ts'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const PING_EVERY_MS = 30_000

export class RoomError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

export interface RoomOptions {
  /** Document name: the flow's path relative to the workspace, plus `.comments` for its comments. */
  name: string
  kind: DocKind<any>
  /** Absolute path of the file written through. */
  file: string
  /** Writes the file atomically; returns the text written. */
  write(text: string): string
  store: CollabStore
  /** Write-through debounce (default 300 ms) and the longest a busy document waits (default 2 s). */
  debounceMs: number
  maxWaitMs: number
  /** Updates between compactions of the stored log. */
  compactEvery: number
  log(message: string): void
  onEmpty(room: Room): void
}

interface Connection {
  readOnly: boolean
  /** Awareness client ids this connection controls (removed when it closes). */
  clients: Set<number>
  ping: ReturnType<typeof setInterval>
  alive: boolean
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

export class Room {
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  readonly conns = new Map<WebSocket, Connection>()
  readonly name: string
  private lastStored = 0
  private sinceCompact = 0
  private writeTimer: ReturnType<typeof setTimeout> | undefined
  private firstPending = 0
  private watchTimer: ReturnType<typeof setTimeout> | undefined
  private watcher: FSWatcher | undefined
  private base: string | null
  private pending: string | null
  private badText: string | undefined
  closed = false

  constructor(private readonly options: RoomOptions) {
    this.name = options.name
    const { store, kind, file, name } = options
    if (kind.empty === undefined && !existsSync(file)) {
      store.forget(name) // the file was deleted (or renamed) while no one had it open
      throw new RoomError(`No such file: ${name}`, 404)
    }
    const stored = store.load(name)
    ;({ base: this.base, pending: this.pending } = store.fileBase(name))
    if (stored.updates.length) {
      Y.applyUpdate(this.doc, Y.mergeUpdates(stored.updates), 'store')
      this.lastStored = stored.last
      this.sinceCompact = stored.updates.length - 1
    } else {
      const text = readText(file)
      let value: unknown = kind.empty
      if (text === undefined && value === undefined) throw new RoomError(`No such file: ${name}`, 404)
      if (text !== undefined) {
        try {
          value = kind.parse(text)
        } catch (error) {
          throw new RoomError(`${name} is not a valid ${kind.name} file (${(error as Error).message}); fix it in a text editor first`, 422)
        }
      }
      Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(kind.create(value)), 'load')
      this.lastStored = store.append(name, Y.encodeStateAsUpdate(this.doc))
      this.base = text ?? null
      this.pending = null
      store.setFileBase(name, this.base, null)
    }
    this.doc.on('update', this.onUpdate)
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwareness)
    this.syncFromFile()
    // The file may be behind the stored document (stopped before the write-through): catch it up.
    if (this.behind()) this.scheduleWrite()
    try {
      this.watcher = watch(dirname(file), (_event, changed) => {
        if (changed && String(changed) === basename(file)) this.fileChanged()
      })
      this.watcher.on('error', () => this.watcher?.close())
    } catch {
      // no watcher: the file is still checked on every new connection
    }
  }

  /** Whether the file holds less than the document (by value: a hand-formatted file is not rewritten on open). */
  private behind(): boolean {
    const { kind, file } = this.options
    const text = readText(file)
    const ours = kind.format(kind.read(this.doc))
    if (text === undefined) return kind.empty === undefined || ours !== kind.format(kind.empty)
    try {
      return kind.format(kind.parse(text)) !== ours
    } catch {
      return false
    }
  }

  /** Persist, then broadcast, then schedule the write-through. */
  private onUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.closed) return
    try {
      this.lastStored = this.options.store.append(this.name, update)
    } catch (error) {
      this.options.log(`collab: could not store an update of ${this.name}, closing it: ${(error as Error).message}`)
      this.close()
      return
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    const message = encoding.toUint8Array(encoder)
    for (const conn of this.conns.keys()) if (conn !== origin) this.send(conn, message)
    if (++this.sinceCompact >= this.options.compactEvery) this.compact()
    this.scheduleWrite()
  }

  private onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const conn = this.conns.get(origin as WebSocket)
    if (conn) {
      for (const id of added) conn.clients.add(id)
      for (const id of removed) conn.clients.delete(id)
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]))
    const message = encoding.toUint8Array(encoder)
    for (const c of this.conns.keys()) this.send(c, message)
  }

  /** Merges the stored log into one update. */
  compact(): void {
    if (this.closed || this.sinceCompact === 0) return
    this.options.store.compact(this.name, this.lastStored, Y.encodeStateAsUpdate(this.doc))
    this.sinceCompact = 0
  }

  add(conn: WebSocket, readOnly: boolean): void {
    conn.binaryType = 'arraybuffer'
    const state: Connection = { readOnly, clients: new Set(), alive: true, ping: setInterval(() => this.checkAlive(conn), PING_EVERY_MS) }
    this.conns.set(conn, state)
    conn.on('message', (data: ArrayBuffer | Buffer) => this.receive(conn, state, data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)))
    conn.on('close', () => this.remove(conn))
    conn.on('error', () => this.remove(conn))
    conn.on('pong', () => (state.alive = true))
    this.syncFromFile()
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    this.send(conn, encoding.toUint8Array(encoder))
    const states = this.awareness.getStates()
    if (states.size) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]))
      this.send(conn, encoding.toUint8Array(encoder))
    }
  }

  private checkAlive(conn: WebSocket) {
    const state = this.conns.get(conn)
    if (!state) return
    if (!state.alive) return this.remove(conn)
    state.alive = false
    try {
      conn.ping()
    } catch {
      this.remove(conn)
    }
  }

  private receive(conn: WebSocket, state: Connection, message: Uint8Array) {
    if (this.closed) return
    try {
      const decoder = decoding.createDecoder(message)
      const type = decoding.readVarUint(decoder)
      if (type === MESSAGE_SYNC) {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        if (state.readOnly) {
          // A viewer may ask for the document (sync step 1); its step 2 and updates are dropped.
          if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return
          syncProtocol.readSyncStep1(decoder, encoder, this.doc)
        } else syncProtocol.readSyncMessage(decoder, encoder, this.doc, conn)
        if (encoding.length(encoder) > 1) this.send(conn, encoding.toUint8Array(encoder))
      } else if (type === MESSAGE_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), conn)
      }
    } catch (error) {
      this.options.log(`collab: dropped a malformed message on ${this.name}: ${(error as Error).message}`)
      conn.close(1003, 'malformed message')
    }
  }

  private send(conn: WebSocket, message: Uint8Array) {
    if (conn.readyState > 1) return this.remove(conn)
    try {
      conn.send(message, (error) => error && this.remove(conn))
    } catch {
      this.remove(conn)
    }
  }

  private remove(conn: WebSocket) {
    const state = this.conns.get(conn)
    if (!state) return
    clearInterval(state.ping)
    this.conns.delete(conn)
    awarenessProtocol.removeAwarenessStates(this.awareness, [...state.clients], null)
    if (conn.readyState < 2) conn.close()
    if (!this.conns.size) this.options.onEmpty(this)
  }

  private scheduleWrite() {
    const now = performance.now()
    if (!this.writeTimer) this.firstPending = now
    clearTimeout(this.writeTimer)
    const wait = Math.max(0, Math.min(this.options.debounceMs, this.firstPending + this.options.maxWaitMs - now))
    this.writeTimer = setTimeout(() => this.flush(), wait)
  }

  /** Writes the document to its file now, if it differs from it. */
  flush(): void {
    clearTimeout(this.writeTimer)
    this.writeTimer = undefined
    if (this.closed) return
    const { kind, file, store, name } = this.options
    const current = readText(file)
    if (current === undefined && kind.empty === undefined) {
      this.options.log(`collab: ${name} was deleted; its shared document is dropped`)
      store.forget(name)
      this.close()
      return
    }
    // A change on disk not merged yet (the watcher may be late) is merged first, so it is not overwritten.
    if (current !== undefined && current !== this.base && current !== this.pending) {
      this.syncFromFile()
      if (readText(file) !== this.base) return // an invalid version on disk: left alone until it is fixed
    }
    const text = kind.format(kind.read(this.doc))
    if (text === readText(file)) {
      if (this.base !== text) store.setFileBase(name, (this.base = text), (this.pending = null))
      return
    }
    store.setFileBase(name, this.base, (this.pending = text))
    try {
      const written = this.options.write(text)
      store.setFileBase(name, (this.base = written), (this.pending = null))
    } catch (error) {
      this.options.log(`collab: could not write ${name}: ${(error as Error).message}`)
    }
  }

  private fileChanged() {
    clearTimeout(this.watchTimer)
    this.watchTimer = setTimeout(() => this.syncFromFile(), 20)
  }

  /** Merges a change made to the file outside the designer into the document (origin 'file'). */
  syncFromFile(): void {
    if (this.closed) return
    const { kind, file, store, name } = this.options
    const text = readText(file)
    if (text === undefined) {
      if (kind.empty === undefined && !existsSync(file)) this.scheduleWrite() // flush() decides whether it was deleted
      return
    }
    if (text === this.base) return
    if (text === this.pending) {
      store.setFileBase(name, (this.base = text), (this.pending = null))
      return
    }
    let theirs: unknown
    try {
      theirs = kind.parse(text)
    } catch (error) {
      if (this.badText !== text) this.options.log(`collab: ${name} changed on disk but is not valid (${(error as Error).message}); waiting for a valid version`)
      this.badText = text
      return
    }
    const ours = kind.read(this.doc)
    let base: unknown = ours
    try {
      if (this.base !== null) base = kind.parse(this.base)
    } catch {
      // an unreadable base: take the file's changes everywhere
    }
    kind.apply(this.doc, kind.merge(base, ours, theirs), 'file')
    store.setFileBase(name, (this.base = text), (this.pending = null))
  }

  /** Flushes and compacts, then drops the connections and the document. */
  close(): void {
    if (this.closed) return
    if (this.writeTimer) this.flush()
    if (this.closed) return
    try {
      this.compact()
    } catch {
      // the log stays as it is; it is replayed on the next load
    }
    this.closed = true
    clearTimeout(this.watchTimer)
    this.watcher?.close()
    for (const [conn, state] of this.conns) {
      clearInterval(state.ping)
      conn.close(1001, 'document closed')
    }
    this.conns.clear()
    this.awareness.destroy()
    this.doc.destroy()
  }
}
