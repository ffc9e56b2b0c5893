// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { act } from 'react'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { byLabel, cleanup, press, render, type } from './dom.suite.ts'
import type { OpenFlow } from '../contracts.ts'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { validateFlow } from '../../../schemas/validate.ts'
import { createFlowDoc, readFlow } from '../flow-doc/flow-doc.ts'
import { createUndoManager, setMeta } from '../flow-doc/commands.ts'
import { addTrigger, connectTrigger } from '../flow-doc/triggers.ts'
import { newTrigger } from '../canvas/trigger-kinds.ts'
import { Inspector } from './inspector.tsx'
import { flowVariables } from './context.ts'

const example = JSON.parse(readFileSync(join(process.cwd(), 'examples/order-bot.flow.json'), 'utf8')) as Flow

function openFlow(): OpenFlow {
  const doc = createFlowDoc(example)
  const origin = {}
  const flow = readFlow(doc)
  return { path: 'order-bot.flow.json', doc, origin, undo: createUndoManager(doc, origin), flow, problems: validateFlow(flow) }
}

/** Renders the inspector and re-renders it on every document change, as the workbench does. */
function mount(open: OpenFlow, nodes: string[]) {
  const view = render(<Inspector open={open} selection={{ nodes }} />)
  open.doc.on('afterTransaction', () => {
    const flow = readFlow(open.doc)
    Object.assign(open, { flow, problems: validateFlow(flow) })
    view.rerender(<Inspector open={{ ...open }} selection={{ nodes }} />)
  })
  return view
}

const node = (open: OpenFlow, id: string) => readFlow(open.doc).nodes.find((n) => n.id === id) as any

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('Inspector', () => {
  it('writes a burst of typing to the document once, after a pause, as one undo step', () => {
    vi.useFakeTimers()
    const open = openFlow()
    mount(open, ['main-menu'])
    const input = byLabel('Name') as HTMLInputElement
    input.focus()
    for (const name of ['M', 'Ma', 'Mai', 'Main']) type(input, name)
    expect(node(open, 'main-menu').name).toBe('Main menu')
    act(() => void vi.advanceTimersByTime(400))
    expect(node(open, 'main-menu').name).toBe('Main')
    expect(document.activeElement).toBe(byLabel('Name'))
    expect(open.undo.undoStack.length).toBe(1)
    open.undo.undo()
    expect(node(open, 'main-menu').name).toBe('Main menu')
  })

  it('moves an exit with its option when the option id changes', () => {
    vi.useFakeTimers()
    const open = openFlow()
    mount(open, ['main-menu'])
    const before = node(open, 'main-menu')
    const first = before.options[0].id
    const input = document.getElementById('node-main-menu_options_0_id') as HTMLInputElement
    type(input, 'where')
    act(() => void vi.advanceTimersByTime(400))
    const after = node(open, 'main-menu')
    expect(after.options[0].id).toBe('where')
    expect(after.exits.where).toBe(before.exits[first])
    expect(after.exits[first]).toBeUndefined()
  })

  it('edits the flow itself when nothing is selected', () => {
    vi.useFakeTimers()
    const open = openFlow()
    mount(open, [])
    expect(document.querySelector('h2')!.textContent).toBe('Flow settings')
    type(byLabel('Languages *'), 'en, it')
    act(() => void vi.advanceTimersByTime(400))
    expect(readFlow(open.doc).languages).toEqual(['en', 'it'])
  })

  it('refuses a node id that is taken and renames with every link when free', () => {
    const open = openFlow()
    mount(open, ['main-menu'])
    const id = byLabel('Node id') as HTMLInputElement
    type(id, 'welcome')
    expect(document.querySelector('[role=alert]')!.textContent).toMatch(/already called/)
    type(id, 'menu')
    press(id, 'Enter')
    const flow = readFlow(open.doc)
    expect(flow.nodes.some((n) => n.id === 'menu')).toBe(true)
    expect(JSON.stringify(flow)).not.toContain('"main-menu"')
    expect((byLabel('Node id') as HTMLInputElement).value).toBe('menu')
  })

  it('previews the node on each channel', () => {
    const open = openFlow()
    mount(open, ['main-menu'])
    expect(document.querySelector('[aria-label="Channel preview"]')!.textContent).toMatch(/WhatsApp shows this as a list of 4 rows/)
  })

  it('opens the selected escalation rule in its own form and writes a keyword change to that rule', () => {
    vi.useFakeTimers()
    const open = openFlow()
    mount(open, ['trigger:agent'])
    expect(document.querySelector('h2')!.textContent).toBe('Escalation rule')
    expect(document.querySelector('.sb-inspector-head')!.textContent).toContain('When the customer asks for a person')
    expect((byLabel('Rule id') as HTMLInputElement).value).toBe('agent')
    // keyword rules show their words, not other kinds' fields
    expect(document.querySelector('[id$="_count"]')).toBeNull()
    const english = byLabel('Keywords (en)') as HTMLInputElement
    english.focus()
    type(english, 'agent, human, operator')
    act(() => void vi.advanceTimersByTime(400))
    const rule = () => readFlow(open.doc).triggers!.find((t) => t.id === 'agent')!
    expect(rule().keywords!.en).toEqual(['agent', 'human', 'operator'])
    expect(rule().goto).toBe('handoff')
    open.undo.undo()
    expect(rule().keywords!.en).toEqual(example.triggers!.find((t) => t.id === 'agent')!.keywords!.en)
  })

  it('changes a rule\'s kind, its place in the order and its id', () => {
    vi.useFakeTimers()
    const open = openFlow()
    mount(open, ['trigger:menu'])
    const when = document.getElementById('trigger-menu_when') as HTMLSelectElement
    type(when, [...when.options].find((o) => o.textContent === 'The bot did not understand, several times in a row')!.value)
    act(() => void vi.advanceTimersByTime(400))
    const menu = readFlow(open.doc).triggers!.find((t) => t.id === 'menu')!
    expect(menu).toMatchObject({ when: 'no-match', count: 3, goto: 'main-menu' })
    expect(menu.keywords).toBeUndefined()
    expect(document.querySelector('[role=group][aria-label="Rule order"]')!.textContent).toContain('Rule 3 of 3')
    act(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Check earlier'))!.click())
    expect(readFlow(open.doc).triggers!.map((t) => t.id)).toEqual(['stop', 'menu', 'agent'])
    const id = byLabel('Rule id') as HTMLInputElement
    type(id, 'agent')
    expect(document.querySelector('[role=alert]')!.textContent).toMatch(/already called/)
    type(id, 'lost')
    press(id, 'Enter')
    expect(readFlow(open.doc).triggers!.map((t) => t.id)).toEqual(['stop', 'lost', 'agent'])
    expect(document.querySelector('h2')!.textContent).toBe('Escalation rule')
  })

  it('a rule connected on the canvas while its form has an edit pending keeps both the connection and the edit', () => {
    vi.useFakeTimers()
    const open = openFlow()
    addTrigger(open.doc, newTrigger('no-match', 'lost', { x: 0, y: 0 }), {})
    Object.assign(open, { flow: readFlow(open.doc) })
    mount(open, ['trigger:lost'])
    expect(document.querySelector('h2')!.textContent).toBe('Escalation rule')
    type(byLabel('Name'), 'Lost customers')
    connectTrigger(open.doc, 'lost', 'handoff', { canvas: true })
    act(() => void vi.advanceTimersByTime(400))
    const rule = readFlow(open.doc).triggers!.find((t) => t.id === 'lost')!
    expect(rule).toMatchObject({ name: 'Lost customers', goto: 'handoff', count: 3 })
    expect(rule.do).toBeUndefined()
    expect((document.getElementById('trigger-lost_goto') as HTMLSelectElement).value).toBe('handoff')
  })

  it('flow settings typed while someone adds a rule and changes another setting keep all three', () => {
    vi.useFakeTimers()
    const open = openFlow()
    mount(open, [])
    type(byLabel('Name*'), 'Order bot 2')
    addTrigger(open.doc, newTrigger('no-match', 'lost', { x: 0, y: 0 }), { colleague: true })
    setMeta(open.doc, 'description', 'From a colleague', { colleague: true })
    act(() => void vi.advanceTimersByTime(400))
    const flow = readFlow(open.doc)
    expect(flow.name).toBe('Order bot 2')
    expect(flow.description).toBe('From a colleague')
    expect(flow.triggers!.map((t) => t.id)).toEqual(['stop', 'agent', 'menu', 'lost'])
  })

  it('keeps the rules as they are when the flow settings change (no defaults filled in)', () => {
    vi.useFakeTimers()
    const open = openFlow()
    const rules = readFlow(open.doc).triggers!.map((t) => (t.id === 'agent' ? (({ do: _do, ...rest }) => rest)(t) : t))
    setMeta(open.doc, 'triggers', rules, {})
    mount(open, [])
    type(byLabel('Name*'), 'Order bot 2')
    act(() => void vi.advanceTimersByTime(400))
    expect(readFlow(open.doc).name).toBe('Order bot 2')
    expect(readFlow(open.doc).triggers).toEqual(rules)
  })

  it('lists each variable once, also when a node sets a built-in one', () => {
    const flow = { ...example, nodes: [...example.nodes, { id: 'lang', type: 'set', assignments: [{ variable: 'contact.language', value: 'it' }] }] } as Flow
    const names = flowVariables(flow)
    expect(names.filter((n) => n === 'contact.language')).toHaveLength(1)
    expect(new Set(names).size).toBe(names.length)
  })
})
