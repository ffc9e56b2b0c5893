/**
 * Live collaboration end to end: real y-websocket clients (WebsocketProvider over `ws`) against the
 * designer server on 127.0.0.1 port 0, a real workspace folder, and a designer in a child process
 * killed with SIGKILL mid-editing. Every wait polls a bounded number of times; no wall-clock limits.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, renameSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { startDesigner, type Designer } from '../../designer/server/server.ts'
import { readFlow } from '../../designer/app/flow-doc/flow-doc.ts'
import { moveNodes, updateNode, addNode } from '../../designer/app/flow-doc/commands.ts'
import { connectTrigger, updateTrigger } from '../../designer/app/flow-doc/triggers.ts'
import { addThread, readComments, reply, setResolved } from '../../designer/server/collab/comments-doc.ts'
import { formatFlow } from '../../schemas/format.ts'
import type { Flow } from '../../schemas/nodes/step.ts'
import { settle, waitUntil } from './helpers/wait.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const TOKEN = 'editor-secret'
const VIEW = 'viewer-secret'
const FLOW = 'bots/order-bot.flow.json'

interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
}

const clients: Client[] = []

function connect(port: number, name: string, token = TOKEN): Client {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  })
  const client = { doc, provider }
  clients.push(client)
  return client
}

async function synced(...list: Client[]) {
  await waitUntil(() => list.every((c) => c.provider.synced), 'clients synced', 5000)
}

function closeClient(client: Client) {
  client.provider.destroy()
  client.doc.destroy()
}

const fileText = (workspace: string, path = FLOW) => readFileSync(join(workspace, path), 'utf8')
const nodeOf = (flow: Flow, id: string) => flow.nodes.find((n) => n.id === id) as unknown as Record<string, unknown>

/** The status of a hand-made upgrade request on a raw (unnormalised) path. */
function upgradeStatus(port: number, path: string, token = TOKEN): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: path + (token ? `${path.includes('?') ? '&' : '?'}token=${token}` : ''),
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    })
    req.on('response', (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('upgrade', (_res, socket) => {
      socket.destroy()
      resolve(101)
    })
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(-1) : reject(error)))
    req.end()
  })
}

function makeWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-collab-'))
  mkdirSync(join(dir, 'bots'))
  copyFileSync(join(root, 'examples/order-bot.flow.json'), join(dir, FLOW))
  return dir
}

afterEach(() => {
  for (const c of clients.splice(0)) closeClient(c)
})

describe('collaboration server', () => {
  let workspace: string
  let designer: Designer

  beforeAll(async () => {
    workspace = makeWorkspace()
    designer = await startDesigner({ workspace, port: 0, host: '127.0.0.1', token: TOKEN, viewToken: VIEW })
  })
  afterAll(async () => {
    await designer.close()
    rmSync(workspace, { recursive: true, force: true })
  })

  it('two clients editing the same node at once converge, and the file follows after the debounce', async () => {
    const a = connect(designer.port, FLOW)
    const b = connect(designer.port, FLOW)
    await synced(a, b)
    const id = readFlow(a.doc).nodes[1].id
    // Same node, same moment: different fields both survive; the same field converges to one value.
    updateNode(a.doc, id, { name: 'Edited by A', description: 'A' }, 'a')
    moveNodes(b.doc, { [id]: { x: 4242, y: 77 } }, 'b')
    updateNode(b.doc, id, { description: 'B' }, 'b')
    await waitUntil(() => JSON.stringify(readFlow(a.doc)) === JSON.stringify(readFlow(b.doc)) && nodeOf(readFlow(a.doc), id).name === 'Edited by A' && (nodeOf(readFlow(a.doc), id).position as { x: number }).x === 4242, 'convergence')
    expect(['A', 'B']).toContain(nodeOf(readFlow(b.doc), id).description)
    await waitUntil(() => fileText(workspace) === formatFlow(readFlow(a.doc)), 'file written through')
    const server = designer.collab.rooms.get(FLOW)!
    expect(readFlow(server.doc)).toEqual(readFlow(a.doc))
  })

  it('two clients editing different escalation rules at once both keep their edit, in the file too, in order and canonical form', async () => {
    const a = connect(designer.port, FLOW)
    const b = connect(designer.port, FLOW)
    await synced(a, b)
    const ids = readFlow(a.doc).triggers!.map((t) => t.id)
    expect(ids.length).toBeGreaterThan(2)
    updateTrigger(a.doc, ids[1], { keywords: { en: ['agent', 'a real person'] }, name: 'Asks for a person' }, 'a')
    connectTrigger(b.doc, ids[2], 'goodbye', 'b')
    updateTrigger(b.doc, ids[2], { once: true }, 'b')
    const both = (flow: Flow) => !!flow.triggers?.[1]?.keywords?.en?.includes('a real person') && flow.triggers?.[2]?.goto === 'goodbye' && flow.triggers?.[2]?.once === true
    await waitUntil(() => both(readFlow(a.doc)) && both(readFlow(b.doc)), 'both rule edits on both clients')
    expect(JSON.stringify(readFlow(a.doc))).toBe(JSON.stringify(readFlow(b.doc)))
    await waitUntil(() => both(JSON.parse(fileText(workspace)) as Flow), 'both rule edits in the file')
    const file = JSON.parse(fileText(workspace)) as Flow
    expect(file.triggers!.map((t) => t.id)).toEqual(ids)
    expect(Object.keys(file.triggers![1])).toEqual(['id', 'name', 'when', 'keywords', 'do', 'goto'])
    await waitUntil(() => fileText(workspace) === formatFlow(readFlow(a.doc)), 'file is the canonical text of the document')
  })

  it('merges a change made to the file outside the designer, keeping concurrent edits', async () => {
    const a = connect(designer.port, FLOW)
    const b = connect(designer.port, FLOW)
    await synced(a, b)
    await waitUntil(() => fileText(workspace) === formatFlow(readFlow(a.doc)), 'file in step')
    const [first, second] = readFlow(a.doc).nodes
    // A edits one node while someone changes another node in the file (written atomically, like git does).
    const external = JSON.parse(fileText(workspace)) as Flow
    nodeOf(external, second.id).name = 'Renamed on disk'
    updateNode(a.doc, first.id, { name: 'Renamed live' }, 'a')
    writeFileSync(join(workspace, `${FLOW}.ext`), JSON.stringify(external, null, 2))
    renameSync(join(workspace, `${FLOW}.ext`), join(workspace, FLOW))
    for (const c of [a, b]) await waitUntil(() => nodeOf(readFlow(c.doc), second.id).name === 'Renamed on disk' && nodeOf(readFlow(c.doc), first.id).name === 'Renamed live', 'external edit reaches the client')
    await waitUntil(() => fileText(workspace) === formatFlow(readFlow(a.doc)), 'file holds both edits')
  })

  it('never lets an invalid file on disk damage the document, and merges the next valid version', async () => {
    const a = connect(designer.port, FLOW)
    await synced(a)
    await waitUntil(() => fileText(workspace) === formatFlow(readFlow(a.doc)), 'file in step')
    const before = readFlow(a.doc)
    const good = fileText(workspace)
    writeFileSync(join(workspace, FLOW), good.slice(0, good.length / 2))
    const room = designer.collab.rooms.get(FLOW)!
    room.syncFromFile()
    moveNodes(a.doc, { [before.nodes[0].id]: { x: 1, y: 2 } }, 'a')
    await waitUntil(() => (nodeOf(readFlow(room.doc), before.nodes[0].id).position as { x: number }).x === 1, 'edit reaches the server')
    room.flush()
    expect(fileText(workspace)).toBe(good.slice(0, good.length / 2)) // the broken file is left for its author
    expect(readFlow(room.doc).nodes.length).toBe(before.nodes.length)
    const fixed = JSON.parse(good) as Flow
    fixed.name = 'Fixed on disk'
    writeFileSync(join(workspace, FLOW), JSON.stringify(fixed))
    await waitUntil(() => readFlow(a.doc).name === 'Fixed on disk', 'valid version merged')
    expect((nodeOf(readFlow(a.doc), before.nodes[0].id).position as { x: number }).x).toBe(1)
    await waitUntil(() => fileText(workspace) === formatFlow(readFlow(a.doc)), 'file rewritten')
  })

  it('refuses an upgrade without the token (401)', async () => {
    expect(await upgradeStatus(designer.port, `/collab/${FLOW}`, '')).toBe(401)
    expect(await upgradeStatus(designer.port, `/collab/${FLOW}`, 'wrong')).toBe(401)
    expect(await upgradeStatus(designer.port, `/collab/${FLOW}`)).toBe(101)
  })

  it('lets a viewer watch but drops its writes', async () => {
    const editor = connect(designer.port, FLOW)
    const viewer = connect(designer.port, FLOW, VIEW)
    await synced(editor, viewer)
    const id = readFlow(editor.doc).nodes[0].id
    updateNode(viewer.doc, id, { name: 'Viewer was here' }, 'v')
    addNode(viewer.doc, { id: 'viewer-node', type: 'end' } as never, 'v')
    updateNode(editor.doc, id, { description: 'from the editor' }, 'e')
    await waitUntil(() => nodeOf(readFlow(viewer.doc), id).description === 'from the editor', 'viewer sees the update')
    viewer.provider.awareness.setLocalStateField('user', { name: 'Vera' })
    await waitUntil(() => [...editor.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Vera'), 'viewer presence reaches the editor')
    await waitUntil(() => fileText(workspace) === formatFlow(readFlow(editor.doc)), 'file written through')
    await settle()
    const server = readFlow(designer.collab.rooms.get(FLOW)!.doc)
    for (const flow of [readFlow(editor.doc), server, JSON.parse(fileText(workspace)) as Flow]) {
      expect(nodeOf(flow, id).name).not.toBe('Viewer was here')
      expect(flow.nodes.some((n) => n.id === 'viewer-node')).toBe(false)
    }
  })

  it('refuses names that leave the workspace or are not flows', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'sb-outside-'))
    copyFileSync(join(root, 'examples/order-bot.flow.json'), join(outside, 'secret.flow.json'))
    symlinkSync(join(outside, 'secret.flow.json'), join(workspace, 'link.flow.json'))
    symlinkSync(outside, join(workspace, 'linkdir'))
    const attempts = [
      '/collab/../secret.flow.json',
      '/collab/bots/../../secret.flow.json',
      '/collab/..%2fsecret.flow.json',
      '/collab/%2e%2e/secret.flow.json',
      '/collab/%2E%2E%2Fsecret.flow.json',
      '/collab/%252e%252e%252fsecret.flow.json',
      '/collab/..%5csecret.flow.json',
      '/collab/..\\secret.flow.json',
      '/collab//etc/passwd',
      `/collab/${encodeURIComponent(join(outside, 'secret.flow.json'))}`,
      '/collab/link.flow.json',
      '/collab/linkdir/secret.flow.json',
      '/collab/linkdir/secret.flow.json.comments',
      '/collab/package.json',
      '/collab/bots/missing.flow.json',
      '/collab/bots/%00.flow.json',
    ]
    for (const path of attempts) {
      const status = await upgradeStatus(designer.port, path)
      expect([400, 404], `${path} -> ${status}`).toContain(status)
    }
    rmSync(outside, { recursive: true, force: true })
  })

  it('shares comments as their own document, written beside the flow and never into it', async () => {
    const name = `${FLOW}.comments`
    const a = connect(designer.port, name)
    const b = connect(designer.port, name)
    await synced(a, b)
    const node = readFlow(designer.collab.rooms.get(FLOW)?.doc ?? new Y.Doc()).nodes[0]?.id ?? 'start'
    addThread(a.doc, { id: 't1', anchor: { node }, createdAt: 1, author: { name: 'Ada' }, text: 'Is this right @grace?', messageId: 'm1' }, 'a')
    addThread(b.doc, { id: 't2', anchor: { x: 10, y: 20 }, createdAt: 2, author: { name: 'Grace' }, text: 'Free spot', messageId: 'm2' }, 'b')
    await waitUntil(() => readComments(b.doc).threads.some((t) => t.id === 't1'), 'thread reaches B')
    reply(b.doc, 't1', { id: 'm3', author: { name: 'Grace' }, text: 'Yes @ada', at: 3 }, 'b')
    setResolved(a.doc, 't2', true, 'a')
    await waitUntil(() => JSON.stringify(readComments(a.doc)) === JSON.stringify(readComments(b.doc)) && readComments(a.doc).threads.length === 2 && readComments(a.doc).threads[0].messages.length === 2, 'comments converge')
    expect(readComments(a.doc).threads[0].messages.map((m) => m.mentions)).toEqual([['grace'], ['ada']])
    const commentsFile = 'bots/order-bot.comments.json'
    await waitUntil(() => {
      try {
        return JSON.parse(fileText(workspace, commentsFile)).threads.length === 2
      } catch {
        return false
      }
    }, 'comments file written')
    expect(JSON.parse(fileText(workspace, commentsFile))).toEqual(readComments(a.doc))
    expect(fileText(workspace)).not.toContain('Free spot')
  })
})

describe('collaboration server killed with SIGKILL', () => {
  let workspace: string
  let child: ChildProcess | undefined

  function startChild(port: number): Promise<number> {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'designer/server/collab/testdata/serve.ts'), workspace, String(port), TOKEN], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    child = proc
    return new Promise((resolve, reject) => {
      let out = ''
      proc.stdout!.on('data', (chunk) => {
        out += chunk
        const m = /ready (\d+)/.exec(out)
        if (m) resolve(Number(m[1]))
      })
      proc.once('exit', (code) => reject(new Error(`designer exited early (${code}): ${out}`)))
    })
  }

  function kill9(): Promise<void> {
    const proc = child!
    return new Promise((resolve) => {
      proc.once('exit', () => resolve())
      proc.kill('SIGKILL')
    })
  }

  beforeAll(() => {
    workspace = makeWorkspace()
  })
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL')
    rmSync(workspace, { recursive: true, force: true })
  })

  it('loses no acknowledged edit, and the file on disk matches the document after the restart', async () => {
    const port = await startChild(0)
    const writer = connect(port, FLOW)
    const watcher = connect(port, FLOW)
    await synced(writer, watcher)
    const ids = readFlow(writer.doc).nodes.map((n) => n.id)
    // Edit i moves node i % n to (i, i): positions only grow, so "at least what the watcher saw" is checkable.
    let i = 0
    const edit = () => {
      i++
      moveNodes(writer.doc, { [ids[i % ids.length]]: { x: 10_000 + i, y: i } }, 'writer')
    }
    for (let round = 0; round < 40; round++) {
      edit()
      if (round % 8 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    // Acknowledged: the server relayed it to the other client, so its state covers it.
    await waitUntil(() => (readFlow(watcher.doc).nodes.find((n) => n.id === ids[i % ids.length])?.position?.x ?? 0) === 10_000 + i, 'watcher saw the last edit')
    for (let round = 0; round < 30; round++) edit() // more edits in flight while the server dies
    await kill9()
    const seen = readFlow(watcher.doc)
    closeClient(writer)
    closeClient(watcher)
    clients.length = 0

    await startChild(port)
    const fresh = connect(port, FLOW)
    await synced(fresh)
    const after = readFlow(fresh.doc)
    for (const node of seen.nodes) {
      const now = after.nodes.find((n) => n.id === node.id)
      expect(now, node.id).toBeDefined()
      expect(now!.position!.x, node.id).toBeGreaterThanOrEqual(node.position!.x)
    }
    await waitUntil(() => fileText(workspace) === formatFlow(readFlow(fresh.doc)), 'file caught up with the document')
    closeClient(fresh)
    clients.length = 0
    await kill9()
  })
})
