import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { nodeTypes } from '../../../schemas/nodes/index.ts'
import { validateFlow } from '../../../schemas/validate.ts'
import type { Problem } from '../../../schemas/validate.ts'
import { createProjection, fallbackPositions, nodeLabel, type CardNode, type TriggerNode } from './derive.ts'
import { layoutFlow } from './layout.ts'
import { exitsOf, newNode, nodeKinds } from './node-kinds.ts'
import { newTrigger, triggerKinds, triggerText } from './trigger-kinds.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import { duration, summary } from './summaries.ts'
import { mergeNodes } from './use-canvas-model.ts'

const orderBot = JSON.parse(readFileSync('examples/order-bot.flow.json', 'utf8')) as Flow
const card = (nodes: ReturnType<ReturnType<typeof createProjection>>['nodes'], id: string) => nodes.find((n) => n.id === id) as CardNode

describe('canvas projection', () => {
  const project = createProjection()
  const { nodes, edges } = project({ flow: orderBot, problems: [] })

  it('draws every node, frame and escalation rule, frames first and behind', () => {
    expect(nodes).toHaveLength(orderBot.nodes.length + orderBot.frames!.length + orderBot.triggers!.length)
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
    const rules = orderBot.triggers!.filter((t) => t.goto && t.do !== 'opt-out')
    expect(edges).toHaveLength(connected.length + rules.length)
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

describe('escalation rules on the canvas', () => {
  const policy = JSON.parse(readFileSync('examples/escalation-policy.flow.json', 'utf8')) as Flow
  const rules = policy.triggers!
  const { nodes, edges } = createProjection()({ flow: policy, problems: [] })
  const ruleCard = (id: string) => nodes.find((n) => n.id === `trigger:${id}`) as TriggerNode

  it('draws every rule as a trigger card before the nodes, with its place in the order', () => {
    const cards = nodes.filter((n) => n.type === 'trigger') as TriggerNode[]
    expect(cards.map((c) => c.id)).toEqual(rules.map((t) => `trigger:${t.id}`))
    expect(cards.map((c) => c.data.rank)).toEqual(rules.map((_, i) => i + 1))
    expect(nodes.indexOf(cards[0])).toBeLessThan(nodes.findIndex((n) => n.id === policy.start))
    expect(cards.every((c) => !policy.nodes.some((n) => n.id === c.id))).toBe(true)
  })

  it('says in plain words what fires each rule', () => {
    const titles = Object.fromEntries(rules.map((t) => [t.when, ruleCard(t.id).data.title]))
    expect(titles.keyword).toBe('When the customer asks for a person')
    expect(titles['no-match']).toBe('Not understood 3 times in a row')
    expect(titles.condition).toBe('When customer.tier is vip')
    expect(titles.negative).toBe('Angry words or ALL CAPS')
    const text = (t: object) => triggerText({ id: 't', ...t } as Trigger, undefined, 'en')
    expect(text({ when: 'queue-wait', after: 'PT3M', queues: ['support-tier1'] })).toEqual({ title: 'Waited in queue > 3 min', summary: 'in support-tier1' })
    expect(text(newTrigger('outside-hours', 't', { x: 0, y: 0 }))).toEqual({ title: 'Outside business hours', summary: 'Europe/Rome · Mon–Fri 09:00–18:00' })
    expect(text({ when: 'keyword', keywords: { en: ['menu'] }, goto: 'main' })).toEqual({ title: 'When the customer says a keyword', summary: 'menu' })
    expect(ruleCard('asks-for-agent').data.summary).toMatch(/^agent, human, operator/)
    const agent = rules.find((t) => t.id === 'asks-for-agent')!
    const target = nodeLabel(policy.nodes.find((n) => n.id === agent.goto)!)
    expect(ruleCard('asks-for-agent').ariaLabel).toBe(`Escalation Rule '${agent.name ?? agent.id}': When the customer asks for a person, goes to ${target}, rule ${rules.indexOf(agent) + 1} of ${rules.length}`)
  })

  it('gives each rule one port whose edge goes to its goto node', () => {
    for (const rule of rules) {
      const card = ruleCard(rule.id)
      expect(card.data.port).toMatchObject({ name: 'goto', target: rule.goto })
      expect(edges.find((e) => e.source === card.id)).toMatchObject({ id: `trigger:${rule.id}>goto`, type: 'trigger', sourceHandle: 'goto', target: rule.goto })
    }
  })

  it('shows an opt-out rule without a port or an edge, and a rule with no target with an open port', () => {
    const flow = { ...policy, triggers: [{ id: 'stop', when: 'keyword', keywords: { en: ['stop'] }, do: 'opt-out' }, { id: 'new', when: 'no-match', count: 3 }] } as Flow
    const projected = createProjection()(({ flow, problems: validateFlow(flow) }))
    const stop = projected.nodes.find((n) => n.id === 'trigger:stop') as TriggerNode
    const fresh = projected.nodes.find((n) => n.id === 'trigger:new') as TriggerNode
    expect(stop.data.port).toBeUndefined()
    expect(stop.data.title).toBe('When the customer says stop')
    expect(fresh.data.port).toMatchObject({ label: 'Connect to a node', target: undefined })
    expect(projected.edges.filter((e) => e.source.startsWith('trigger:'))).toEqual([])
    // The missing goto is a lint warning at /triggers/1 (the rest of the flow is still checked): the card carries it.
    expect(fresh.data.problems).toMatchObject({ severity: 'warning', messages: [expect.stringMatching(/not connected to a node yet/)] })
  })

  it('draws what it can of a half-typed rule list and never trips on it', () => {
    for (const triggers of ['oops', [null, 3, { when: 'keyword' }], [{ id: 'a', when: 'no-match', count: 1 }, { id: 'a', when: 'keyword' }]]) {
      const flow = { ...policy, triggers } as unknown as Flow
      const projected = createProjection()({ flow, problems: validateFlow(flow) })
      const ids = projected.nodes.filter((n) => n.type === 'trigger').map((n) => n.id)
      expect(ids, JSON.stringify(triggers)).toEqual(Array.isArray(triggers) && triggers.length === 2 ? ['trigger:a'] : [])
    }
  })

  it('puts the problems under /triggers/N on that rule card', () => {
    const problems: Problem[] = [{ code: 'trigger-to-unknown-node', severity: 'error', pointer: '/triggers/1/goto', message: 'Goes nowhere', source: 'lint' }]
    const card = createProjection()({ flow: policy, problems }).nodes.find((n) => n.id === `trigger:${rules[1].id}`) as TriggerNode
    expect(card.data.problems).toEqual({ count: 1, severity: 'error', messages: ['Goes nowhere'] })
    expect(card.ariaLabel).toMatch(/, 1 problem$/)
  })

  it('places rules saved without a position in a column left of the nodes, in rule order', () => {
    const flow = { ...policy, triggers: rules.map(({ position: _p, ...t }) => t) } as Flow
    const cards = createProjection()({ flow, problems: [] }).nodes.filter((n) => n.type === 'trigger')
    const left = Math.min(...policy.nodes.map((n) => n.position!.x))
    expect(cards.every((c) => c.position.x + 240 < left)).toBe(true)
    expect(new Set(cards.map((c) => c.position.x)).size).toBe(1)
    const ys = cards.map((c) => c.position.y)
    expect(ys).toEqual([...ys].sort((a, b) => a - b))
    expect(new Set(ys).size).toBe(ys.length)
  })

  it('auto-layout places the rules in a column left of the laid-out nodes', async () => {
    const positions = await layoutFlow(policy, new Map())
    const ruleAt = rules.map((t) => positions[`trigger:${t.id}`])
    const nodeXs = policy.nodes.map((n) => positions[n.id].x)
    expect(ruleAt.every((p) => p.x + 240 < Math.min(...nodeXs))).toBe(true)
    expect(ruleAt.map((p) => p.y)).toEqual([...ruleAt.map((p) => p.y)].sort((a, b) => a - b))
  })

  it('adds rules of every kind that are schema-valid as drawn, and warn until connected', () => {
    for (const kind of triggerKinds) {
      const rule = newTrigger(kind.when, kind.base, { x: 0, y: 0 })
      expect(rule.goto).toBeUndefined()
      const unconnected = validateFlow({ ...policy, triggers: [rule] } as Flow)
      expect(unconnected.filter((p) => p.source === 'schema'), kind.when).toEqual([])
      expect(unconnected.filter((p) => p.code === 'trigger-not-connected').map((p) => p.pointer), kind.when).toEqual(['/triggers/0'])
      const connected = validateFlow({ ...policy, triggers: [{ ...rule, goto: 'tier1' }] } as Flow).filter((p) => p.source === 'schema')
      expect(connected, kind.when).toEqual([])
    }
  })
})
