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
import { createUndoManager } from '../flow-doc/commands.ts'
import { Inspector } from './inspector.tsx'

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
})
