import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { connect, createUndoManager } from '../flow-doc/commands.ts'
import { createFlowDoc, readFlow } from '../flow-doc/flow-doc.ts'
import { keyAction } from './canvas-keys.ts'
import { connectKey, startConnect, type ConnectState } from './connect-mode.ts'
import { addFrameAround, copyPayload, deleteSelection, pasteInto, readPayload } from './edits.ts'

const orderBot = JSON.parse(readFileSync('examples/order-bot.flow.json', 'utf8')) as Flow
const positions = new Map(orderBot.nodes.map((n) => [n.id, n.position!]))
const me = { user: 'me' }

describe('canvas keys', () => {
  const onNode = { node: 'welcome', hasSelection: true }
  it('moves the selection by a grid step, four with Shift', () => {
    expect(keyAction({ key: 'ArrowRight' }, onNode)).toEqual({ type: 'move', dx: 16, dy: 0 })
    expect(keyAction({ key: 'ArrowUp', shiftKey: true }, onNode)).toEqual({ type: 'move', dx: 0, dy: -64 })
    expect(keyAction({ key: 'ArrowUp' }, { hasSelection: false })).toBeUndefined()
  })

  it('maps the documented keys', () => {
    expect(keyAction({ key: 'Enter' }, onNode)).toEqual({ type: 'open-inspector', node: 'welcome' })
    expect(keyAction({ key: 'Enter' }, { ...onNode, port: { node: 'welcome', exit: 'next' } })).toEqual({ type: 'start-connect', node: 'welcome', exit: 'next' })
    expect(keyAction({ key: 'c' }, onNode)).toEqual({ type: 'start-connect', node: 'welcome' })
    expect(keyAction({ key: ']' }, onNode)).toEqual({ type: 'follow', node: 'welcome', direction: 1 })
    expect(keyAction({ key: 'Insert' }, onNode)).toEqual({ type: 'add' })
    expect(keyAction({ key: 'A' }, onNode)).toEqual({ type: 'add' })
    expect(keyAction({ key: 'f', ctrlKey: true }, onNode)).toEqual({ type: 'find' })
    expect(keyAction({ key: 'd', metaKey: true }, onNode)).toEqual({ type: 'duplicate' })
    expect(keyAction({ key: 'Delete' }, onNode)).toEqual({ type: 'delete' })
    expect(keyAction({ key: 'c', ctrlKey: true }, onNode)).toBeUndefined()
    expect(keyAction({ key: 'z', ctrlKey: true }, onNode)).toBeUndefined()
  })
})

describe('connect mode', () => {
  it('starts at the first open exit and offers the nearest nodes first', () => {
    const state = startConnect(orderBot, 'main-menu', positions)!
    expect(state.exits).toEqual(['track', 'faq', 'cod', 'agent', 'invalid', 'timeout'])
    expect(state.targets[0]).not.toBe('main-menu')
    expect(state.targets.at(-1)).toBe('main-menu')
    expect(startConnect(orderBot, 'goodbye', positions)).toBeUndefined()
  })

  it('picks an exit with arrows, a target with Tab, and connects with Enter', () => {
    const doc = createFlowDoc({ ...orderBot, nodes: orderBot.nodes.map((n) => (n.id === 'welcome' ? { ...n, exits: {} } : n)) })
    const undo = createUndoManager(doc, me)
    let state = startConnect(readFlow(doc), 'welcome', positions) as ConnectState
    for (const key of ['ArrowDown', 'Tab', 'Tab', 'Tab']) {
      const result = connectKey(state, key, key === 'Tab' && state.target === 2)
      if (!('state' in result)) throw new Error(key)
      state = result.state
    }
    expect(state.exit).toBe(0)
    expect(state.target).toBe(1)
    const result = connectKey(state, 'Enter')
    if (!('connect' in result)) throw new Error('no connection')
    connect(doc, result.connect.source, result.connect.exit, result.connect.target, me)
    expect(readFlow(doc).nodes[0].exits).toEqual({ next: state.targets[1] })
    undo.undo()
    expect(readFlow(doc).nodes[0].exits).toBeUndefined()
    expect(connectKey(state, 'Escape')).toEqual({ cancel: true })
  })
})

describe('canvas edits', () => {
  it('copies nodes as JSON and pastes them beside the originals, exits between copies kept', () => {
    const doc = createFlowDoc(orderBot)
    const text = copyPayload(orderBot, ['faq-menu', 'faq-hours'])!
    const payload = readPayload(text)!
    expect(payload.nodes.map((n) => n.id)).toEqual(['faq-menu', 'faq-hours'])
    expect(payload.triggers).toEqual([])
    expect(readPayload('{"nodes": []}')).toBeUndefined()
    const ids = pasteInto(doc, orderBot, payload, { x: 0, y: 0 }, me)
    const flow = readFlow(doc)
    const copy = flow.nodes.find((n) => n.id === ids[0])!
    expect(copy.position).toEqual({ x: orderBot.nodes.find((n) => n.id === 'faq-menu')!.position!.x + 32, y: orderBot.nodes.find((n) => n.id === 'faq-menu')!.position!.y + 32 })
    expect(Object.values(copy.exits ?? {})).toEqual([ids[1]])
  })

  it('pastes nodes from another flow at the given point', () => {
    const other = createFlowDoc({ ...orderBot, nodes: [] })
    const [id] = pasteInto(other, readFlow(other), readPayload(copyPayload(orderBot, ['welcome']))!, { x: 500, y: 300 }, me)
    expect(readFlow(other).nodes.find((n) => n.id === id)?.position).toEqual({ x: 496, y: 304 })
  })

  it('frames the selection and deletes nodes, exits and frames in one undo step', () => {
    const doc = createFlowDoc(orderBot)
    const undo = createUndoManager(doc, me)
    const frame = addFrameAround(doc, readFlow(doc), [{ x: 0, y: 0, width: 240, height: 100 }, { x: 300, y: 50, width: 240, height: 100 }], me)!
    expect(readFlow(doc).frames?.at(-1)).toEqual({ id: frame, label: 'Group 4', position: { x: -32, y: -48 }, width: 608, height: 240 })
    undo.stopCapturing()
    deleteSelection(doc, readFlow(doc), ['faq-hours'], [{ source: 'welcome', exit: 'next' }], [frame], me)
    const after = readFlow(doc)
    expect(after.nodes.some((n) => n.id === 'faq-hours')).toBe(false)
    expect(after.nodes[0].exits).toBeUndefined()
    expect(after.frames).toHaveLength(3)
    undo.undo()
    expect(readFlow(doc).nodes).toHaveLength(orderBot.nodes.length)
    expect(readFlow(doc).frames).toHaveLength(4)
  })
})

describe('escalation rules: connect, delete, copy', () => {
  const rulePositions = new Map<string, { x: number; y: number }>([...positions, ['trigger:agent', { x: -400, y: 0 }]])

  it('connect mode starts on a rule with its one port and offers nodes only; an opt-out rule has none', () => {
    const state = startConnect(orderBot, 'trigger:agent', rulePositions)!
    expect(state.exits).toEqual(['goto'])
    expect(state.targets).toEqual(expect.arrayContaining(orderBot.nodes.map((n) => n.id)))
    expect(state.targets.some((t) => t.startsWith('trigger:'))).toBe(false)
    expect(orderBot.triggers!.find((t) => t.id === 'agent')!.goto).toBe(state.targets[state.target])
    expect(startConnect(orderBot, 'trigger:stop', rulePositions)).toBeUndefined()
  })

  it('deletes a rule edge (its goto only) and rule cards, in one undo step', () => {
    const doc = createFlowDoc(orderBot)
    const undo = createUndoManager(doc, me)
    deleteSelection(doc, readFlow(doc), [], [{ source: 'trigger:agent', exit: 'goto' }], [], me)
    expect(readFlow(doc).triggers!.find((t) => t.id === 'agent')).toMatchObject({ when: 'keyword' })
    expect(readFlow(doc).triggers!.find((t) => t.id === 'agent')!.goto).toBeUndefined()
    undo.stopCapturing()
    deleteSelection(doc, readFlow(doc), ['trigger:menu', 'faq-hours'], [], [], me)
    expect(readFlow(doc).triggers!.map((t) => t.id)).toEqual(['stop', 'agent'])
    expect(readFlow(doc).nodes.some((n) => n.id === 'faq-hours')).toBe(false)
    undo.undo()
    expect(readFlow(doc).triggers!.map((t) => t.id)).toEqual(['stop', 'agent', 'menu'])
    expect(readFlow(doc).nodes.some((n) => n.id === 'faq-hours')).toBe(true)
  })

  it('copies rules with nodes: a copied rule follows its copied target, or keeps a target this flow has', () => {
    const doc = createFlowDoc(orderBot)
    const payload = readPayload(copyPayload(orderBot, ['trigger:agent', 'trigger:menu', 'main-menu']))!
    expect(payload.triggers.map((t) => t.id)).toEqual(['agent', 'menu'])
    const ids = pasteInto(doc, orderBot, payload, { x: 0, y: 0 }, me)
    expect(ids).toEqual(['menu-1', 'trigger:agent-2', 'trigger:menu-2'])
    const flow = readFlow(doc)
    expect(flow.triggers!.find((t) => t.id === 'menu-2')!.goto).toBe('menu-1')
    expect(flow.triggers!.find((t) => t.id === 'agent-2')!.goto).toBe('handoff')
  })
})
