import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { nodeTypes } from '../../../schemas/nodes/index.ts'
import { validateFlow } from '../../../schemas/validate.ts'
import type { Problem } from '../../../schemas/validate.ts'
import { createProjection, fallbackPositions, type CardNode } from './derive.ts'
import { exitsOf, newNode, nodeKinds } from './node-kinds.ts'
import { duration, summary } from './summaries.ts'
import { mergeNodes } from './use-canvas-model.ts'

const orderBot = JSON.parse(readFileSync('examples/order-bot.flow.json', 'utf8')) as Flow
const card = (nodes: ReturnType<ReturnType<typeof createProjection>>['nodes'], id: string) => nodes.find((n) => n.id === id) as CardNode

describe('canvas projection', () => {
  const project = createProjection()
  const { nodes, edges } = project({ flow: orderBot, problems: [] })

  it('draws every node and frame, frames first and behind', () => {
    expect(nodes).toHaveLength(orderBot.nodes.length + orderBot.frames!.length)
    expect(nodes.slice(0, 3).map((n) => n.type)).toEqual(['frame', 'frame', 'frame'])
    expect(nodes[0].zIndex).toBe(-1)
    expect(card(nodes, 'welcome').position).toEqual({ x: 0, y: 480 })
  })

  it('gives each node one port per exit, labelled with the option or branch label', () => {
    for (const node of orderBot.nodes) expect(card(nodes, node.id).data.exits.map((e) => e.name)).toEqual(exitsOf(node))
    const menu = card(nodes, 'main-menu').data
    expect(menu.exits.map((e) => e.label)).toEqual(['Track your order', 'FAQ', 'Cash on delivery', 'Talk to us', 'invalid', 'timeout'])
    expect(menu.exits[0]).toMatchObject({ target: 'remember-track', ariaLabel: "Exit 'Track your order' of Menu 'Main menu', goes to Set variables 'Remember: tracking'" })
  })

  it('draws one labelled edge per connected exit', () => {
    const connected = orderBot.nodes.flatMap((n) => Object.entries(n.exits ?? {}).filter(([exit, target]) => target && exitsOf(n).includes(exit)))
    expect(edges).toHaveLength(connected.length)
    expect(edges.find((e) => e.id === 'main-menu>track')).toMatchObject({ source: 'main-menu', sourceHandle: 'track', target: 'remember-track', label: 'Track your order' })
    expect(edges.find((e) => e.id === 'lookup-order>ok')).toMatchObject({ label: 'ok', target: 'order-status' })
  })

  it('summarises each node type', () => {
    expect(card(nodes, 'lookup-order').data.summary).toBe('GET https://shop.example/api/orders/{{order_id}}')
    expect(card(nodes, 'handoff').data.summary).toBe('queue customer-care · SLA 2 min')
    expect(card(nodes, 'ask-order').data.summary).toMatch(/^regex · → order_id · What's your order number\?/)
    expect(card(nodes, 'route-intent').data.summary).toBe('1 branch, else')
    expect(card(nodes, 'welcome').data.summary).toBe('Hi! 👋 Welcome to Example Shop.')
    expect(summary({ id: 'h', type: 'hours', timezone: 'Europe/Rome', weekly: {} } as never, 'en')).toBe('Europe/Rome')
    expect(duration('PT1H30M')).toBe('1 h 30 min')
  })

  it('labels nodes for screen readers with their exits and problems', () => {
    const problems: Problem[] = [
      { code: 'a', severity: 'warning', pointer: '/nodes/1', message: 'Too many options', node: 'main-menu', source: 'lint' },
      { code: 'b', severity: 'error', pointer: '/nodes/1', message: 'Broken', node: 'main-menu', source: 'lint' },
    ]
    const { nodes: withProblems } = createProjection()({ flow: orderBot, problems })
    const menu = card(withProblems, 'main-menu')
    expect(menu.ariaLabel).toBe("Menu 'Main menu', 4 options, 2 problems")
    expect(menu.data.problems).toEqual({ count: 2, severity: 'error', messages: ['Too many options', 'Broken'] })
    expect(card(withProblems, 'welcome').ariaLabel).toBe("Message 'Welcome', 1 exit, start")
  })

  it('keeps the same objects for nodes and edges that did not change', () => {
    const flow = structuredClone(orderBot)
    flow.nodes.find((n) => n.id === 'faq-hours')!.name = 'Opening hours answer'
    const next = project({ flow, problems: [] })
    const changed = new Set(['faq-hours', 'faq-menu'])
    for (const node of next.nodes) {
      const before = nodes.find((n) => n.id === node.id)
      if (changed.has(node.id)) expect(node, node.id).not.toBe(before)
      else expect(node, node.id).toBe(before)
    }
    for (const edge of next.edges) expect(edge).toBe(edges.find((e) => e.id === edge.id))
  })

  it('lights the active node only', () => {
    const lit = createProjection()({ flow: orderBot, problems: [], activeNode: 'handoff' })
    expect(card(lit.nodes, 'handoff').data.active).toBe(true)
    expect(card(lit.nodes, 'welcome').data.active).toBe(false)
  })

  it('lays out nodes saved without a position, by distance from the start', () => {
    const flow = { ...orderBot, frames: undefined, nodes: orderBot.nodes.slice(0, 3).map(({ position: _p, ...n }) => n) } as Flow
    const positions = fallbackPositions(flow)
    expect(positions.get('welcome')).toEqual({ x: 0, y: 0 })
    expect(positions.get('main-menu')).toEqual({ x: 320, y: 0 })
    expect(createProjection()({ flow, problems: [] }).nodes.every((n) => Number.isFinite(n.position.x))).toBe(true)
  })

  it('keeps local measurements and untouched objects when merging the projection', () => {
    const origins = new Map()
    const first = mergeNodes([], nodes, new Set(), origins)
    const measured = first.map((n) => (n.id === 'welcome' ? { ...n, measured: { width: 240, height: 90 } } : n))
    const again = mergeNodes(measured, nodes, new Set(), origins)
    expect(again).toBe(measured)
    const selected = mergeNodes(measured, nodes, new Set(['welcome']), origins)
    expect(selected.find((n) => n.id === 'welcome')).toMatchObject({ selected: true, measured: { width: 240, height: 90 } })
    expect(selected.find((n) => n.id === 'goodbye')).toBe(measured.find((n) => n.id === 'goodbye'))
  })
})

describe('palette', () => {
  it('lists every registered node type with a title, help line and icon', () => {
    expect(nodeKinds.map((k) => k.type)).toEqual(Object.keys(nodeTypes))
    for (const kind of nodeKinds) {
      expect(kind.title, kind.type).not.toBe(kind.type)
      expect(kind.help, kind.type).not.toBe('')
      expect(kind.icon, kind.type).toMatch(/^<svg/)
    }
  })

  it('adds nodes that are schema-valid for every type', () => {
    for (const { type } of nodeKinds) {
      const flow = { ...orderBot, nodes: [...orderBot.nodes, newNode(type, `new-${type}`, { x: 0, y: 0 })] } as Flow
      const schemaProblems = validateFlow(flow).filter((p) => p.source === 'schema')
      expect(schemaProblems, type).toEqual([])
    }
  })
})
