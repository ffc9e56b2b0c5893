// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { act, useEffect, useState } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { validateFlow } from '../../../schemas/validate.ts'
import type { OpenFlow, Selection } from '../contracts.ts'
import { createUndoManager } from '../flow-doc/commands.ts'
import { createFlowDoc, readFlow } from '../flow-doc/flow-doc.ts'
import { FlowCanvas } from './index.ts'
import { nodeKinds } from './node-kinds.ts'
import { triggerKinds } from './trigger-kinds.ts'

const orderBot = JSON.parse(readFileSync('examples/order-bot.flow.json', 'utf8')) as Flow

/** What React Flow needs from a browser that jsdom lacks (collab-designer.md 5.2). */
beforeAll(() => {
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true })
  globalThis.ResizeObserver = class {
    constructor(private callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver)
    }
    unobserve() {}
    disconnect() {}
  }
  globalThis.DOMMatrixReadOnly = class {
    m22: number
    constructor(transform?: string) {
      this.m22 = Number(/scale\(([\d.]+)\)/.exec(transform ?? '')?.[1] ?? 1)
    }
  } as unknown as typeof DOMMatrixReadOnly
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { get: () => 100, configurable: true },
    offsetWidth: { get: () => 240, configurable: true },
  })
  Object.assign(SVGElement.prototype, { getBBox: () => ({ x: 0, y: 0, width: 40, height: 12 }) })
  Element.prototype.scrollIntoView = () => {}
})

let root: Root | undefined
let host: HTMLElement
afterEach(() => {
  act(() => root?.unmount())
  host?.remove()
})

function mount(flow: Flow) {
  const doc = createFlowDoc(flow)
  const origin = { test: true }
  const undo = createUndoManager(doc, origin)
  const state = { selection: { nodes: [] } as Selection }
  const read = (): OpenFlow => {
    const current = readFlow(doc)
    return { path: 't.flow.json', doc, origin, undo, flow: current, problems: validateFlow(current) }
  }
  function Host() {
    const [open, setOpen] = useState(read)
    const [selection, setSelection] = useState<Selection>({ nodes: [] })
    state.selection = selection
    useEffect(() => {
      const update = () => setOpen(read())
      doc.on('update', update)
      return () => doc.off('update', update)
    }, [])
    return <FlowCanvas open={open} selection={selection} onSelect={setSelection} />
  }
  host = document.createElement('div')
  host.style.width = '1200px'
  host.style.height = '800px'
  document.body.append(host)
  act(() => {
    root = createRoot(host)
    root.render(<Host />)
  })
  const node = (id: string) => host.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!
  const press = (target: Element, key: string, init: KeyboardEventInit = {}) =>
    act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })))
  return { doc, state, node, press, flow: () => readFlow(doc) }
}

describe('FlowCanvas', () => {
  it('renders a card per node with screen-reader labels on nodes and ports', () => {
    const { node } = mount(orderBot)
    expect(node('main-menu').getAttribute('aria-label')).toMatch(/^Menu 'Main menu', 4 options/)
    expect(node('main-menu').tabIndex).toBe(0)
    const ports = [...node('main-menu').querySelectorAll('.react-flow__handle.source')]
    expect(ports.map((p) => p.getAttribute('data-handleid'))).toEqual(['track', 'faq', 'cod', 'agent', 'invalid', 'timeout'])
    expect(ports[0].getAttribute('aria-label')).toMatch(/^Exit 'Track your order' of Menu 'Main menu', goes to/)
    expect(node('lookup-order').textContent).toContain('GET https://shop.example/api/orders/{{order_id}}')
    expect(host.querySelectorAll('.react-flow__node-frame')).toHaveLength(3)
    expect(host.querySelector('[aria-label="Node palette"]')!.querySelectorAll('button')).toHaveLength(nodeKinds.length + triggerKinds.length)
  })

  it('selects with Enter, moves with arrows and connects with C, Tab and Enter, all from the keyboard', () => {
    const flow = { ...orderBot, nodes: orderBot.nodes.map((n) => (n.id === 'welcome' ? { ...n, exits: {} } : n)) }
    const { node, press, state, flow: current } = mount(flow)
    press(node('welcome'), 'Enter')
    expect(state.selection.nodes).toEqual(['welcome'])
    press(node('welcome'), 'ArrowRight')
    press(node('welcome'), 'ArrowDown', { shiftKey: true })
    expect(current().nodes[0].position).toEqual({ x: 16, y: 544 })

    press(node('welcome'), 'c')
    expect(host.querySelector('.sb-linking')?.textContent).toMatch(/^Connect Message 'Welcome', exit 'next'/)
    press(node('welcome'), 'Tab')
    const target = host.querySelector('.sb-linking')!.textContent!.match(/to (\w[\w ]*) '([^']+)'\./)!
    press(node('welcome'), 'Enter')
    const connectedTo = current().nodes[0].exits?.next
    expect(connectedTo).toBeDefined()
    expect(current().nodes.find((n) => n.id === connectedTo)?.name).toBe(target[2])
    expect(host.querySelector('.sb-linking')).toBeNull()

    press(node('welcome'), ']')
    expect(state.selection.nodes).toEqual([connectedTo])
  })

  it('adds a node from the keyboard palette and deletes the selection', () => {
    const { node, press, state, flow: current } = mount(orderBot)
    press(node('welcome'), 'Enter')
    press(node('welcome'), 'a')
    const input = host.querySelector<HTMLInputElement>('.sb-picker input')!
    expect(input).not.toBeNull()
    press(input, 'Enter')
    const added = current().nodes.at(-1)!
    expect(added).toMatchObject({ id: 'message-1', type: 'message' })
    expect(added.position!.x).toBeGreaterThan(orderBot.nodes[0].position!.x)
    expect(state.selection.nodes).toEqual(['message-1'])
    press(node('message-1'), 'Delete')
    expect(current().nodes.some((n) => n.id === 'message-1')).toBe(false)
  })

  it('draws rules as trigger cards and edits them from the keyboard: select, connect, delete, add', () => {
    const flow = { ...orderBot, triggers: orderBot.triggers!.map((t) => (t.id === 'agent' ? { ...t, goto: undefined } : t)) } as Flow
    const { node, press, state, flow: current } = mount(flow)
    const card = node('trigger:agent')
    expect(card.classList.contains('react-flow__node-trigger')).toBe(true)
    expect(card.querySelector('.react-flow__handle.target')).toBeNull()
    expect(card.querySelectorAll('.react-flow__handle.source')).toHaveLength(1)
    expect(node('trigger:stop').querySelector('.react-flow__handle')).toBeNull()
    expect(node('trigger:stop').textContent).toContain('Opt out (STOP)')
    expect(card.getAttribute('aria-label')).toMatch(/^Escalation Rule 'agent': .*not connected, rule 2 of 3, 1 problem$/)

    press(card, 'Enter')
    expect(state.selection.nodes).toEqual(['trigger:agent'])
    press(card, 'c')
    expect(host.querySelector('.sb-linking')?.textContent).toMatch(/^Connect Rule 'agent', exit 'goto'/)
    press(card, 'Enter')
    const target = current().triggers!.find((t) => t.id === 'agent')!.goto
    expect(current().nodes.some((n) => n.id === target)).toBe(true)
    expect(host.querySelector(`.react-flow__edge[data-id="trigger:agent>goto"]`)).not.toBeNull()

    press(node('trigger:agent'), 'Delete')
    expect(current().triggers!.map((t) => t.id)).toEqual(['stop', 'menu'])

    press(node('welcome'), 'a')
    const input = host.querySelector<HTMLInputElement>('.sb-picker input')!
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'Rule: Not understood')
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    press(input, 'Enter')
    expect(current().triggers!.at(-1)).toMatchObject({ id: 'not-understood', when: 'no-match', count: 3 })
    expect(state.selection.nodes).toEqual(['trigger:not-understood'])
  })
})
