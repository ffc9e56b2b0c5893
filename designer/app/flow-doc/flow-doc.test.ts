import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readFileSync } from 'node:fs'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { validateFlow } from '../../../schemas/validate.ts'
import { formatFlow } from '../../../schemas/format.ts'
import { applyFlow, createFlowDoc, readFlow } from './flow-doc.ts'
import { addNode, changeNodeId, connect, createUndoManager, disconnect, moveNodes, pasteNodes, removeNodes, renameNode, updateNode } from './commands.ts'

const me = { user: 'me' }
const base: Flow = {
  id: 'demo',
  name: 'Demo',
  version: 1,
  channels: ['whatsapp'],
  languages: ['en'],
  defaultLanguage: 'en',
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', text: 'Hi', exits: { next: 'menu' }, position: { x: 0, y: 0 } },
    { id: 'menu', type: 'menu', text: 'Pick', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], position: { x: 300, y: 0 } },
  ],
} as Flow

describe('flow document', () => {
  it('reads back exactly the flow it was loaded with', () => {
    expect(readFlow(createFlowDoc(base))).toEqual(base)
  })

  it('round-trips every example flow losslessly, in canonical form', () => {
    for (const file of ['order-bot', 'ivr-main-menu']) {
      let text: string
      try {
        text = readFileSync(new URL(`../../../examples/${file}.flow.json`, import.meta.url), 'utf8')
      } catch {
        continue
      }
      const flow = JSON.parse(text) as Flow
      expect(formatFlow(readFlow(createFlowDoc(flow)))).toBe(formatFlow(flow))
    }
  })

  it('commands edit the flow and undo reverts only my own change', () => {
    const doc = createFlowDoc(base)
    const undo = createUndoManager(doc, me)
    addNode(doc, { id: 'bye', type: 'end', text: 'Bye' } as Flow['nodes'][number], me)
    connect(doc, 'menu', 'a', 'bye', me)
    undo.stopCapturing()
    moveNodes(doc, { menu: { x: 310.4, y: 20.6 } }, me)
    renameNode(doc, 'menu', 'Main menu', { user: 'someone else' })
    const flow = readFlow(doc)
    expect(flow.nodes.find((n) => n.id === 'menu')).toMatchObject({ name: 'Main menu', position: { x: 310, y: 21 }, exits: { a: 'bye' } })
    undo.undo()
    const after = readFlow(doc).nodes.find((n) => n.id === 'menu')!
    expect(after.position).toEqual({ x: 300, y: 0 })
    expect(after.name).toBe('Main menu')
    undo.undo()
    expect(readFlow(doc).nodes.map((n) => n.id)).toEqual(['hello', 'menu'])
    undo.redo()
    expect(readFlow(doc).nodes.find((n) => n.id === 'menu')!.exits).toEqual({ a: 'bye' })
  })

  it('removing a node removes the edges into it', () => {
    const doc = createFlowDoc(base)
    removeNodes(doc, ['menu'], me)
    const flow = readFlow(doc)
    expect(flow.nodes.map((n) => n.id)).toEqual(['hello'])
    expect(flow.nodes[0].exits).toBeUndefined()
    expect(validateFlow(flow).filter((p) => p.code === 'exit-to-unknown-node')).toEqual([])
  })

  it('changing an id updates every reference', () => {
    const doc = createFlowDoc(base)
    expect(changeNodeId(doc, 'menu', 'main', me)).toBe(true)
    expect(changeNodeId(doc, 'hello', 'main', me)).toBe(false)
    const flow = readFlow(doc)
    expect(flow.nodes.map((n) => n.id)).toEqual(['hello', 'main'])
    expect(flow.nodes[0].exits).toEqual({ next: 'main' })
  })

  it('paste gives fresh ids and keeps only edges inside the copy', () => {
    const doc = createFlowDoc(base)
    const ids = pasteNodes(doc, base.nodes, { x: 40, y: 40 }, me)
    expect(ids).toEqual(['message-1', 'menu-1'])
    const flow = readFlow(doc)
    expect(flow.nodes.find((n) => n.id === 'message-1')).toMatchObject({ exits: { next: 'menu-1' }, position: { x: 40, y: 40 } })
  })

  it('applyFlow touches only what differs, so a concurrent edit elsewhere survives', () => {
    const a = createFlowDoc(base)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const edited = structuredClone(base)
    ;(edited.nodes[0] as { text: string }).text = 'Hello there'
    applyFlow(a, edited, me)
    updateNode(b, 'menu', { text: 'Choose' }, { user: 'b' })
    disconnect(b, 'hello', 'next', { user: 'b' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readFlow(a)).toEqual(readFlow(b))
    const nodes = readFlow(a).nodes as unknown as { text: string; exits?: object }[]
    expect(nodes.map((n) => n.text)).toEqual(['Hello there', 'Choose'])
    expect(nodes[0].exits).toBeUndefined()
  })
})
