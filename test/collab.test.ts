/**
 * Collaboration without sockets: N in-memory Y.Docs running random typed commands concurrently, with
 * updates delivered in random order, peers dropping off and coming back, and undo; they must all
 * converge to the same flow, and the validator must report on it rather than throw (fast-check,
 * bounded runs, fixed seed). Also the three-way file merge and the SQLite update log.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as Y from 'yjs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { applyFlow, createFlowDoc, readFlow } from '../designer/app/flow-doc/flow-doc.ts'
import { addNode, changeNodeId, connect, createUndoManager, disconnect, moveNodes, pasteNodes, removeNodes, renameNode, setMeta, updateNode } from '../designer/app/flow-doc/commands.ts'
import { addTrigger, connectTrigger, moveTriggers, removeTriggers, reorderTrigger, updateTrigger } from '../designer/app/flow-doc/triggers.ts'
import { mergeFlow } from '../designer/server/collab/merge.ts'
import { addThread, createCommentsDoc, mergeComments, readComments, reply, setResolved } from '../designer/server/collab/comments-doc.ts'
import { openCollabStore } from '../designer/server/collab/store.ts'
import { parseFlowFile } from '../designer/server/collab/kinds.ts'
import { validateFlow } from '../schemas/validate.ts'
import type { Flow, FlowNode } from '../schemas/nodes/step.ts'
import { generateFlow, seededRandom } from './fixtures/generate-flow.ts'

const REMOTE = Symbol('remote')

interface Peer {
  doc: Y.Doc
  origin: object
  undo: Y.UndoManager
  online: boolean
}

/** A network of peers: every local update is queued for every other peer and delivered in any order. */
class Network {
  peers: Peer[]
  queue: { to: number; update: Uint8Array }[] = []

  constructor(flow: Flow, count: number) {
    const seed = Y.encodeStateAsUpdate(createFlowDoc(flow))
    this.peers = Array.from({ length: count }, (_, i) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, seed, REMOTE)
      const origin = { peer: i }
      const peer: Peer = { doc, origin, undo: createUndoManager(doc, origin), online: true }
      doc.on('update', (update: Uint8Array, from: unknown) => {
        if (from === REMOTE || !peer.online) return
        this.peers.forEach((other, j) => j !== i && this.queue.push({ to: j, update }))
      })
      return peer
    })
  }

  /** Delivers one queued update chosen at random (to an offline peer it is lost, as on a dropped socket). */
  deliver(random: () => number) {
    if (!this.queue.length) return
    const [{ to, update }] = this.queue.splice(Math.floor(random() * this.queue.length), 1)
    if (this.peers[to].online) Y.applyUpdate(this.peers[to].doc, update, REMOTE)
  }

  /** Back online: the sync step 1 / 2 exchange with every online peer (what y-websocket does on reconnect). */
  reconnect(i: number) {
    const peer = this.peers[i]
    peer.online = true
    for (const other of this.peers) {
      if (other === peer || !other.online) continue
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(other.doc)), REMOTE)
      Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc)), REMOTE)
    }
  }

  settle(random: () => number) {
    this.peers.forEach((_, i) => !this.peers[i].online && this.reconnect(i))
    while (this.queue.length) this.deliver(random)
    this.peers.forEach((_, i) => this.reconnect(i))
  }
}

type Command = { peer: number; op: number; a: number; b: number; c: number }

const OPS = ['add', 'remove', 'move', 'connect', 'disconnect', 'rename', 'update', 'meta', 'change-id', 'paste', 'undo', 'redo', 'deliver', 'deliver', 'deliver', 'offline', 'online', 'file', 'rule-add', 'rule-edit', 'rule-connect', 'rule-move', 'rule-reorder', 'rule-remove'] as const

function run(peer: Peer, net: Network, index: number, command: Command, random: () => number) {
  const { doc, origin } = peer
  const ids = readFlow(doc).nodes.map((n) => n.id)
  const pick = (n: number) => ids[n % Math.max(1, ids.length)]
  const rules = (readFlow(doc).triggers ?? []).map((t) => t.id)
  const rule = (n: number) => rules[n % Math.max(1, rules.length)]
  const op = OPS[command.op % OPS.length]
  switch (op) {
    case 'add':
      addNode(doc, { id: `m${command.a % 6}`, type: 'message', text: `new ${command.b}`, position: { x: command.b, y: command.c } } as FlowNode, origin)
      break
    case 'remove':
      if (ids.length > 1) removeNodes(doc, [pick(command.a)], origin)
      break
    case 'move':
      if (ids.length) moveNodes(doc, { [pick(command.a)]: { x: command.b, y: command.c } }, origin)
      break
    case 'connect':
      if (ids.length) connect(doc, pick(command.a), ['next', 'ok', 'error', 'timeout'][command.c % 4], pick(command.b), origin)
      break
    case 'disconnect':
      if (ids.length) disconnect(doc, pick(command.a), ['next', 'ok', 'error', 'timeout'][command.c % 4], origin)
      break
    case 'rename':
      if (ids.length) renameNode(doc, pick(command.a), `Name ${command.b}`, origin)
      break
    case 'update':
      if (ids.length) updateNode(doc, pick(command.a), { text: command.b % 5 === 0 ? undefined : `Text ${command.b}` }, origin)
      break
    case 'meta':
      setMeta(doc, command.a % 2 ? 'name' : 'start', command.a % 2 ? `Flow ${command.b}` : pick(command.b), origin)
      break
    case 'change-id':
      if (ids.length) changeNodeId(doc, pick(command.a), `renamed-${command.b % 5}`, origin)
      break
    case 'paste': {
      const flow = readFlow(doc)
      if (flow.nodes.length) pasteNodes(doc, [flow.nodes[command.a % flow.nodes.length]], { x: 40, y: 40 }, origin)
      break
    }
    case 'undo':
      peer.undo.undo()
      break
    case 'redo':
      peer.undo.redo()
      break
    case 'deliver':
      for (let k = 0; k <= command.a % 4; k++) net.deliver(random)
      break
    case 'offline':
      peer.online = false
      break
    case 'online':
      if (!peer.online) net.reconnect(index)
      break
    case 'rule-add':
      addTrigger(doc, { id: `r${command.a % 5}`, when: 'no-match', count: 1 + (command.b % 4), position: { x: -400, y: command.c } }, origin)
      break
    case 'rule-edit':
      if (rules.length) updateTrigger(doc, rule(command.a), command.b % 3 ? { name: `Rule ${command.b}` } : { once: command.c % 2 === 0 }, origin)
      break
    case 'rule-connect':
      if (rules.length) connectTrigger(doc, rule(command.a), command.c % 4 === 0 ? undefined : pick(command.b), origin)
      break
    case 'rule-move':
      if (rules.length) moveTriggers(doc, { [rule(command.a)]: { x: command.b, y: command.c } }, origin)
      break
    case 'rule-reorder':
      if (rules.length) reorderTrigger(doc, rule(command.a), command.b % 4, origin)
      break
    case 'rule-remove':
      if (rules.length) removeTriggers(doc, [rule(command.a)], origin)
      break
    case 'file': {
      // Someone edits the file on disk: the server merges it into its copy with applyFlow.
      const flow = readFlow(doc)
      if (flow.nodes.length) applyFlow(doc, { ...flow, nodes: flow.nodes.map((n, k) => (k === command.a % flow.nodes.length ? { ...n, name: `On disk ${command.b}` } : n)) } as Flow, 'file')
      break
    }
  }
}

const command = (peers: number) => fc.record({ peer: fc.nat(peers - 1), op: fc.nat(OPS.length - 1), a: fc.nat(50), b: fc.nat(1000), c: fc.nat(1000) })

describe('collaborative editing converges', () => {
  it('random concurrent commands, delivery orders and disconnects: all peers end with the same valid-or-reported flow', () => {
    const base = generateFlow({ nodes: 10, seed: 3 })
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }).chain((n) => fc.tuple(fc.constant(n), fc.array(command(n), { maxLength: 60 }), fc.nat())), ([count, commands, seed]) => {
        const random = seededRandom(seed)
        const net = new Network(base, count)
        commands.forEach((c) => run(net.peers[c.peer], net, c.peer, c, random))
        net.settle(random)
        const flows = net.peers.map((p) => JSON.stringify(readFlow(p.doc)))
        expect(new Set(flows).size).toBe(1)
        const flow = readFlow(net.peers[0].doc)
        expect(() => validateFlow(flow)).not.toThrow()
        expect(Array.isArray(validateFlow(flow))).toBe(true)
        expect(() => parseFlowFile(JSON.stringify(flow))).not.toThrow()
      }),
      { numRuns: 150, seed: 20_261_125 },
    )
  })

  it('comments converge too', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ peer: fc.nat(2), op: fc.nat(3), a: fc.nat(5), b: fc.nat(100) }), { maxLength: 40 }), fc.nat(), (ops, seed) => {
        const random = seededRandom(seed)
        const docs = [0, 1, 2].map(() => createCommentsDoc())
        const queue: { to: number; update: Uint8Array }[] = []
        docs.forEach((doc, i) => doc.on('update', (u: Uint8Array, from: unknown) => from !== REMOTE && docs.forEach((_, j) => j !== i && queue.push({ to: j, update: u }))))
        ops.forEach((o, k) => {
          const doc = docs[o.peer]
          if (o.op === 0) addThread(doc, { id: `t${o.a}`, anchor: { x: o.b, y: o.a }, createdAt: k, author: { name: `p${o.peer}` }, text: `hi @p${o.a % 3}`, messageId: `m${k}` }, 'me')
          else if (o.op === 1) reply(doc, `t${o.a}`, { id: `m${k}`, author: { name: `p${o.peer}` }, text: 'ok', at: k }, 'me')
          else if (o.op === 2) setResolved(doc, `t${o.a}`, o.b % 2 === 0, 'me')
          else if (queue.length) {
            const [{ to, update }] = queue.splice(Math.floor(random() * queue.length), 1)
            Y.applyUpdate(docs[to], update, REMOTE)
          }
        })
        while (queue.length) {
          const [{ to, update }] = queue.splice(Math.floor(random() * queue.length), 1)
          Y.applyUpdate(docs[to], update, REMOTE)
        }
        const all = docs.map((d) => JSON.stringify(readComments(d)))
        expect(new Set(all).size).toBe(1)
      }),
      { numRuns: 100, seed: 7 },
    )
  })
})

describe('three-way merge of a file changed outside the designer', () => {
  const base = generateFlow({ nodes: 6, seed: 11 })
  const rename = (flow: Flow, index: number, name: string) => ({ ...flow, nodes: flow.nodes.map((n, k) => (k === index ? { ...n, name } : n)) }) as Flow

  it('keeps what only one side changed', () => {
    const ours = rename(base, 1, 'ours')
    const theirs = rename({ ...base, name: 'Theirs' } as Flow, 2, 'theirs')
    const merged = mergeFlow(base, ours, theirs)
    expect(merged.name).toBe('Theirs')
    expect(merged.nodes[1].name).toBe('ours')
    expect(merged.nodes[2].name).toBe('theirs')
    expect(mergeFlow(base, ours, base)).toEqual(ours)
    expect(mergeFlow(base, base, theirs)).toEqual(theirs)
  })

  it('an edit beats a delete, and nodes added on either side are kept', () => {
    const ours = { ...rename(base, 3, 'edited live'), nodes: [...rename(base, 3, 'edited live').nodes, { id: 'live-new', type: 'end' } as FlowNode] } as Flow
    const theirs = { ...base, nodes: [...base.nodes.filter((_, k) => k !== 3), { id: 'disk-new', type: 'end' } as FlowNode] } as Flow
    const ids = mergeFlow(base, ours, theirs).nodes.map((n) => n.id)
    expect(ids).toContain(base.nodes[3].id)
    expect(ids).toContain('live-new')
    expect(ids).toContain('disk-new')
  })

  it('merges escalation rules rule by rule and field by field', () => {
    const withRules = { ...base, triggers: [{ id: 'a', when: 'no-match', count: 3, goto: base.nodes[0].id }, { id: 'b', when: 'keyword', keywords: { en: ['agent'] }, goto: base.nodes[1].id }] } as Flow
    const ours = structuredClone(withRules)
    ours.triggers![0].name = 'edited live'
    ours.triggers!.push({ id: 'live-new', when: 'negative', allCaps: true, goto: base.nodes[0].id })
    const theirs = structuredClone(withRules)
    theirs.triggers![0].count = 5
    theirs.triggers![1].keywords = { en: ['agent', 'human'] }
    const merged = mergeFlow(withRules, ours, theirs)
    expect(merged.triggers!.map((t) => t.id)).toEqual(['a', 'b', 'live-new'])
    expect(merged.triggers![0]).toMatchObject({ name: 'edited live', count: 5 })
    expect(merged.triggers![1].keywords).toEqual({ en: ['agent', 'human'] })
    expect(mergeFlow(withRules, { ...withRules, triggers: undefined } as Flow, withRules).triggers).toBeUndefined()
  })

  it('merges comment threads and messages by id', () => {
    const b = { threads: [{ id: 't', anchor: { node: 'a' }, resolved: false, createdAt: 1, author: { name: 'A' }, messages: [{ id: 'm1', author: { name: 'A' }, text: 'x', mentions: [], at: 1 }] }] }
    const ours = structuredClone(b)
    ours.threads[0].messages.push({ id: 'm2', author: { name: 'B' }, text: 'live', mentions: [], at: 2 })
    const theirs = structuredClone(b)
    theirs.threads[0].resolved = true
    theirs.threads[0].messages.push({ id: 'm3', author: { name: 'C' }, text: 'disk', mentions: [], at: 3 })
    const merged = mergeComments(b, ours, theirs)
    expect(merged.threads[0].resolved).toBe(true)
    expect(merged.threads[0].messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3'])
  })
})

describe('collab store', () => {
  it('rebuilds a document from its update log, before and after compaction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-store-'))
    try {
      const store = openCollabStore(join(dir, 'collab.db'))
      const doc = createFlowDoc(generateFlow({ nodes: 20, seed: 5 }))
      let last = store.append('f', Y.encodeStateAsUpdate(doc))
      doc.on('update', (u: Uint8Array) => (last = store.append('f', u)))
      for (let i = 0; i < 50; i++) moveNodes(doc, { [readFlow(doc).nodes[i % 20].id]: { x: i, y: i } }, 'me')
      const rebuild = () => {
        const copy = new Y.Doc()
        Y.applyUpdate(copy, Y.mergeUpdates(store.load('f').updates))
        return readFlow(copy)
      }
      expect(rebuild()).toEqual(readFlow(doc))
      expect(store.stats('f').count).toBe(51)
      store.compact('f', last, Y.encodeStateAsUpdate(doc))
      expect(store.stats('f').count).toBe(1)
      moveNodes(doc, { [readFlow(doc).nodes[0].id]: { x: -1, y: -1 } }, 'me')
      expect(rebuild()).toEqual(readFlow(doc))
      store.setFileBase('f', 'base', 'pending')
      expect(store.fileBase('f')).toEqual({ base: 'base', pending: 'pending' })
      store.forget('f')
      expect(store.load('f').updates).toEqual([])
      store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
