/**
 * The page's collaboration client (designer/app/collab) against the real designer server in Node,
 * with `ws` standing in for the browser's WebSocket: flow sessions shared live converge and stop
 * writing the file themselves, "unsaved" clears only once the server has stored the change, undo
 * reverts only one's own edit after a collaborator edited the same node, edits made offline merge on
 * reconnect, a viewer changes nothing, and comment threads written by the page are what the server's
 * comments-doc.ts reads and writes through beside the flow.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startDesigner, type Designer } from '../designer/server/server.ts'
import { connectFlow, type CollabLink } from '../designer/app/collab/connection.ts'
import { readThreads, replyTo, setResolved, startThread } from '../designer/app/collab/comments.ts'
import { mentionsIn as pageMentions } from '../designer/app/collab/mentions.ts'
import { openFlowSession, type FlowSession } from '../designer/app/explorer/flow-session.ts'
import type { WorkspaceApi } from '../designer/app/explorer/workspace-api.ts'
import { readFlow } from '../designer/app/flow-doc/flow-doc.ts'
import { addNode, moveNodes, updateNode } from '../designer/app/flow-doc/commands.ts'
import { mentionsIn as serverMentions, readComments } from '../designer/server/collab/comments-doc.ts'
import { createCommentsDoc } from '../designer/server/collab/comments-doc.ts'
import * as Y from 'yjs'

const FLOW = 'order-bot.flow.json'
let workspace: string
let designer: Designer
const opened: { dispose(): void }[] = []

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'switchboard-collab-client-'))
  cpSync(join(import.meta.dirname, '..', 'examples'), workspace, { recursive: true })
  designer = await startDesigner({ workspace, port: 0, host: '127.0.0.1', token: 'edit-token', viewToken: 'view-token', collabDir: join(workspace, '.switchboard') })
})

afterAll(async () => {
  for (const o of opened) o.dispose()
  await designer?.close()
  rmSync(workspace, { recursive: true, force: true })
})

const url = () => `ws://127.0.0.1:${designer.port}/collab`
const link = (path = FLOW, token = 'edit-token', readOnly = false) => connectFlow(path, { url: url(), token, readOnly, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket })

/** Waits for a condition that follows from messages in flight (polled on the event loop; no wall-clock limit). */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

const noPut: WorkspaceApi = {
  read: async (path: string) => readFileSync(join(workspace, path), 'utf8'),
  write: async () => {
    throw new Error('a shared flow must not be written by the page')
  },
} as unknown as WorkspaceApi

async function session(path = FLOW): Promise<FlowSession> {
  const s = await openFlowSession(noPut, path, { collab: (p) => link(p), frame: (run) => setTimeout(run, 0) })
  opened.push(s)
  return s
}

const nodeOf = (s: FlowSession, id: string) => s.getSnapshot().open!.flow.nodes.find((n) => n.id === id) as Record<string, unknown> | undefined

describe('flow sessions shared live', () => {
  it('converge, report unsaved until the server stored the change, and leave writing the file to the server', async () => {
    const a = await session()
    const b = await session()
    expect(a.getSnapshot().collab).toBeDefined()
    expect(readFlow(a.getSnapshot().open!.doc)).toEqual(readFlow(b.getSnapshot().open!.doc))
    const { doc, origin } = a.getSnapshot().open!
    addNode(doc, { id: 'shared-1', type: 'message', text: 'Added by A', exits: {} } as never, origin)
    expect(a.getSnapshot().status).toBe('unsaved')
    await a.flush()
    expect(a.getSnapshot().status).toBe('saved')
    await until(() => !!nodeOf(b, 'shared-1'))
    designer.collab.flush()
    expect(JSON.parse(readFileSync(join(workspace, FLOW), 'utf8')).nodes.some((n: { id: string }) => n.id === 'shared-1')).toBe(true)
  })

  it('undoes only your own change after a collaborator edited the same node', async () => {
    const a = await session()
    const b = await session()
    const A = a.getSnapshot().open!
    const B = b.getSnapshot().open!
    const before = nodeOf(a, 'welcome')!
    A.undo.stopCapturing()
    moveNodes(A.doc, { welcome: { x: 999, y: 777 } }, A.origin)
    await until(() => (nodeOf(b, 'welcome')!.position as { x: number }).x === 999)
    updateNode(B.doc, 'welcome', { name: 'Renamed by B' }, B.origin)
    await until(() => nodeOf(a, 'welcome')!.name === 'Renamed by B')
    A.undo.undo()
    await until(() => (nodeOf(b, 'welcome')!.position as { x: number }).x !== 999)
    expect(nodeOf(b, 'welcome')!.position).toEqual(before.position)
    expect(nodeOf(a, 'welcome')!.name).toBe('Renamed by B')
    expect(nodeOf(b, 'welcome')!.name).toBe('Renamed by B')
  })

  it('merges edits made while disconnected when the connection is back', async () => {
    const a = link()
    const b = link()
    opened.push(a, b)
    await Promise.all([a.ready, b.ready])
    a.provider.disconnect()
    await until(() => a.state.get().status !== 'connected')
    addNode(a.doc, { id: 'offline-a', type: 'message', text: 'written offline', exits: {} } as never, 'a')
    addNode(b.doc, { id: 'online-b', type: 'message', text: 'written online', exits: {} } as never, 'b')
    expect(a.state.get().pending).toBe(true)
    a.provider.connect()
    await until(() => a.state.get().status === 'connected' && !a.state.get().pending)
    await until(() => readFlow(b.doc).nodes.some((n) => n.id === 'offline-a') && readFlow(a.doc).nodes.some((n) => n.id === 'online-b'))
    expect(readFlow(a.doc)).toEqual(readFlow(b.doc))
  })

  it('gives a viewer the live flow but no way to change it', async () => {
    const editor = link()
    const viewer = link(FLOW, 'view-token', true)
    opened.push(editor, viewer)
    expect(await viewer.ready).toBe(true)
    await editor.ready
    designer.collab.flush()
    const file = readFileSync(join(workspace, FLOW), 'utf8')
    addNode(viewer.doc, { id: 'by-viewer', type: 'message', text: 'no', exits: {} } as never, 'viewer')
    expect(readFlow(viewer.doc).nodes.some((n) => n.id === 'by-viewer')).toBe(false)
    // Even a write that slips past the page is dropped by the server.
    viewer.doc.getMap('meta').set('name', 'Hijacked')
    addNode(editor.doc, { id: 'by-editor', type: 'message', text: 'yes', exits: {} } as never, 'editor')
    await until(() => readFlow(viewer.doc).nodes.some((n) => n.id === 'by-editor'))
    await editor.settled()
    designer.collab.flush()
    const after = JSON.parse(readFileSync(join(workspace, FLOW), 'utf8'))
    expect(after.name).toBe(JSON.parse(file).name)
    expect(after.nodes.some((n: { id: string }) => n.id === 'by-viewer')).toBe(false)
  })

  it('falls back to saving with PUT when collaboration is refused', async () => {
    const writes: string[] = []
    const api = { ...noPut, write: async (_path: string, text: string) => void writes.push(text) } as WorkspaceApi
    const s = await openFlowSession(api, FLOW, { collab: (p) => link(p, 'wrong-token'), saveDelay: 0, frame: (run) => setTimeout(run, 0) })
    opened.push(s)
    expect(s.getSnapshot().collab).toBeUndefined()
    const { doc, origin } = s.getSnapshot().open!
    addNode(doc, { id: 'saved-by-put', type: 'message', text: 'x', exits: {} } as never, origin)
    await s.flush()
    expect(writes.at(-1)).toContain('saved-by-put')
  })
})

describe('comments from the page', () => {
  it('are what the server reads, written through beside the flow, with mentions read the same way', async () => {
    const a = link()
    const b = link()
    opened.push(a, b)
    await Promise.all([a.ready, b.ready])
    const id = startThread(a.comments, { node: 'welcome' }, { name: 'Ada', color: '#e5484d' }, 'Shorter greeting? @Bob_B')
    await until(() => b.state.get().threads.some((t) => t.id === id))
    replyTo(b.comments, id, { name: 'Bob B', color: '#0b8a6f' }, 'Agreed, @Ada')
    setResolved(b.comments, id, true)
    await until(() => a.state.get().threads.find((t) => t.id === id)?.resolved === true)
    const server = createCommentsDoc()
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a.comments))
    const thread = readComments(server).threads.find((t) => t.id === id)!
    expect(thread).toMatchObject({ anchor: { node: 'welcome' }, resolved: true, author: { name: 'Ada' } })
    expect(thread.messages.map((m) => m.mentions)).toEqual([['Bob_B'], ['Ada']])
    expect(readThreads(a.comments).find((t) => t.id === id)!.messages).toEqual(thread.messages)
    await a.settled()
    await until(() => {
      designer.collab.flush()
      try {
        return readFileSync(join(workspace, 'order-bot.comments.json'), 'utf8').includes('Agreed, @Ada')
      } catch {
        return false
      }
    })
    for (const text of ['@a @b.c (@zoë) me@x.y @@no @_x_', 'end.@dot @trail. @-no']) expect(pageMentions(text)).toEqual(serverMentions(text))
  })
})
