/**
 * One flow file open in a tab: its Yjs document (the one model), the OpenFlow the views receive, and
 * the file kept in step with it. A file that is not a readable flow opens as plain text.
 *
 * Shared (the usual case, `options.collab`): the document is synced live with the collaboration
 * server, which stores every update and writes the file through; the page writes nothing itself, and
 * "unsaved" means local changes the server has not acknowledged yet. When collaboration is not
 * available (the first connection fails: an older server, a refused upgrade), the session falls back
 * to saving: every change is written back (debounced) in canonical form with PUT, and a change made
 * on disk by someone else is applied to the document with applyFlow, so undo history survives.
 */
import type * as Y from 'yjs'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { formatFlow } from '../../../schemas/format.ts'
import { validateFlow } from '../../../schemas/validate.ts'
import { applyFlow, createFlowDoc, readFlow } from '../flow-doc/flow-doc.ts'
import { createUndoManager } from '../flow-doc/commands.ts'
import type { OpenFlow } from '../contracts.ts'
import type { Subscribable } from '../state/store.ts'
import type { WorkspaceApi } from './workspace-api.ts'
import type { CollabLink } from '../collab/connection.ts'

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error'

export interface SessionSnapshot {
  path: string
  /** The flow, when the file reads as one. */
  open?: OpenFlow
  /** The file's text and why it cannot be drawn, when it does not. */
  broken?: { text: string; error: string }
  status: SaveStatus
  error?: string
  /** The live link when the flow is shared with the collaboration server. */
  collab?: CollabLink
}

export interface FlowSession extends Subscribable<SessionSnapshot> {
  readonly path: string
  /** Re-reads the file after a change on disk and applies it, unless it is what we wrote. */
  externalChange(): Promise<void>
  /** Writes a pending change now (before closing a tab, for instance). */
  flush(): Promise<void>
  /** Writes the text of a file that is not a flow yet (the plain-text view); it opens as a flow once it reads as one. */
  writeText(text: string): Promise<void>
  renamed(to: string): void
  dispose(): void
}

export interface SessionOptions {
  /** Quiet time after the last change before writing, in ms. */
  saveDelay?: number
  /** Runs a function before the next paint (requestAnimationFrame in the browser). */
  frame?: (run: () => void) => void
  log?: (line: string) => void
  /** Shares a flow live (collab/connection.ts connectFlow); without it, or when it is unavailable, changes are saved with PUT. */
  collab?: (path: string) => CollabLink
}

/** The text as a flow, or why it is not one. */
export function parseFlowText(text: string): { flow: Flow } | { error: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { error: `This file is not valid JSON (${(error as Error).message}). Fix it here and save; the canvas opens once it reads as a flow.` }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !Array.isArray((value as { nodes?: unknown }).nodes)) {
    return { error: 'This file is JSON but not a flow: a flow is an object with a "nodes" list. Fix it here and save.' }
  }
  return { flow: value as Flow }
}

const defaultFrame = (run: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => run()) : setTimeout(run, 16))

export async function openFlowSession(api: WorkspaceApi, path: string, options: SessionOptions = {}): Promise<FlowSession> {
  const { saveDelay = 500, frame = defaultFrame, log = () => {}, collab } = options
  const listeners = new Set<() => void>()
  const fromDisk = { source: 'disk' }
  let disk = await api.read(path)
  let snapshot: SessionSnapshot = { path, status: 'saved' }
  let doc: Y.Doc | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let framePending = false
  let dirtySince = 0
  let writes: Promise<void> = Promise.resolve()
  let disposed = false

  const publish = (patch: Partial<SessionSnapshot>) => {
    snapshot = { ...snapshot, ...patch }
    for (const listener of [...listeners]) listener()
  }

  const derive = (): OpenFlow => {
    const flow = readFlow(doc!)
    return { ...snapshot.open!, path: snapshot.path, flow, problems: validateFlow(flow) }
  }

  let link: CollabLink | undefined
  let stopLink = () => {}

  function startFlow(flow: Flow | undefined, shared?: CollabLink) {
    const current = shared ? shared.doc : createFlowDoc(flow)
    doc = current
    link = shared
    const origin = { tab: snapshot.path }
    const open: OpenFlow = { path: snapshot.path, doc, origin, undo: createUndoManager(doc, origin), flow: readFlow(doc), problems: [], ...(shared?.readOnly && { readOnly: true }) }
    snapshot = { ...snapshot, broken: undefined, open, collab: shared, status: 'saved' }
    publish({ open: derive() })
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (!framePending) {
        framePending = true
        frame(() => {
          framePending = false
          if (!disposed && doc === current) publish({ open: derive() })
        })
      }
      if (!shared && origin !== fromDisk) changed()
    })
    if (shared) {
      const follow = () => {
        const status = shared.state.get().pending ? 'unsaved' : 'saved'
        if (status !== snapshot.status) publish({ status })
      }
      stopLink = shared.state.subscribe(follow)
      follow()
    }
  }

  /** Opens the flow shared; false when collaboration is not available (the caller falls back to saving). */
  async function startShared(at: string): Promise<boolean> {
    if (!collab) return false
    const candidate = collab(at)
    if (!(await candidate.ready) || disposed) {
      candidate.dispose()
      candidate.doc.destroy()
      if (!disposed) log(`${at}: live collaboration is not available; changes are saved through the file API.`)
      return false
    }
    startFlow(undefined, candidate)
    return true
  }

  function stopShared() {
    stopLink()
    stopLink = () => {}
    snapshot.open?.undo.destroy()
    link?.dispose()
    doc?.destroy()
    link = undefined
  }

  function changed() {
    dirtySince++
    if (snapshot.status !== 'unsaved') publish({ status: 'unsaved', error: undefined })
    clearTimeout(timer)
    timer = setTimeout(() => void save(), saveDelay)
  }

  function save(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    writes = writes.then(async () => {
      if (!doc || disposed) return
      const text = formatFlow(readFlow(doc))
      const seen = dirtySince
      if (text === disk) return publish({ status: 'saved' })
      publish({ status: 'saving' })
      try {
        await api.write(snapshot.path, text)
        disk = text
        publish({ status: seen === dirtySince ? 'saved' : 'unsaved', error: undefined })
      } catch (error) {
        publish({ status: 'error', error: `Not saved: ${(error as Error).message}` })
        log(`${snapshot.path}: not saved (${(error as Error).message})`)
      }
    })
    return writes
  }

  const first = parseFlowText(disk)
  if ('flow' in first) {
    if (!(await startShared(path))) startFlow(first.flow)
  } else snapshot = { ...snapshot, broken: { text: disk, error: first.error } }

  return {
    get path() {
      return snapshot.path
    },
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async externalChange() {
      if (link) return // the collaboration server merges changes made on disk into the shared document
      await writes
      let text: string
      try {
        text = await api.read(snapshot.path)
      } catch {
        return
      }
      if (text === disk || disposed) return
      disk = text
      const parsed = parseFlowText(text)
      if (!('flow' in parsed)) {
        if (doc) log(`${snapshot.path} changed on disk but does not read as a flow; the open flow was kept.`)
        else publish({ broken: { text, error: parsed.error } })
        return
      }
      if (!doc) return startFlow(parsed.flow)
      applyFlow(doc, parsed.flow, fromDisk)
      log(`${snapshot.path} changed on disk; the change was applied.`)
    },
    flush: () => (link ? link.settled() : timer !== undefined ? save() : writes),
    async writeText(text) {
      publish({ status: 'saving' })
      try {
        await api.write(snapshot.path, text)
        disk = await api.read(snapshot.path)
      } catch (error) {
        return publish({ status: 'error', error: `Not saved: ${(error as Error).message}` })
      }
      const parsed = parseFlowText(disk)
      publish({ status: 'saved', error: undefined })
      if ('flow' in parsed) startFlow(parsed.flow)
      else publish({ broken: { text: disk, error: parsed.error } })
    },
    renamed(to) {
      if (!link) return publish({ path: to, ...(snapshot.open && { open: { ...snapshot.open, path: to } }) })
      // A shared document is named by its path: join the renamed file's room with a fresh document.
      stopShared()
      snapshot = { ...snapshot, path: to }
      void startShared(to).then(async (shared) => {
        if (shared || disposed) return
        const parsed = parseFlowText((disk = await api.read(to)))
        if ('flow' in parsed) startFlow(parsed.flow)
      })
    },
    dispose() {
      disposed = true
      clearTimeout(timer)
      if (link) stopShared()
      else {
        snapshot.open?.undo.destroy()
        doc?.destroy()
      }
      listeners.clear()
    },
  }
}
