// @vitest-environment jsdom
/**
 * The Simulator component in jsdom: the WhatsApp face through the list sheet to a hand-off, the
 * node lit through onActiveNode, the live region, the HTTP mock editor, and "Save as test".
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Flow } from '../../schemas/nodes/step.ts'
import orderBotJson from '../../examples/order-bot.flow.json' with { type: 'json' }
import type { OpenFlow } from '../../designer/app/contracts.ts'
import { createUndoManager, updateNode } from '../../designer/app/flow-doc/commands.ts'
import { createFlowDoc, readFlow } from '../../designer/app/flow-doc/flow-doc.ts'
import { Simulator } from '../../designer/app/simulator/index.ts'
import { runTranscript } from '../../runtime/transcripts/run.ts'
import { transcriptProblems } from '../../runtime/transcripts/files.ts'
import type { Transcript } from '../../runtime/transcripts/transcript.ts'

const orderBot = orderBotJson as unknown as Flow

function openFlow(flow: Flow): OpenFlow {
  const origin = {}
  const doc = createFlowDoc(flow)
  return { path: 'shop/order-bot.flow.json', doc, origin, undo: createUndoManager(doc, origin), flow: readFlow(doc), problems: [] }
}

function send(text: string) {
  const box = screen.getByLabelText('Message as the customer')
  fireEvent.change(box, { target: { value: text } })
  fireEvent.submit(box.closest('form')!)
}

afterEach(() => {
  cleanup()
  localStorage.clear()
})

describe('Simulator view', () => {
  it('runs the menu to a hand-off, lights the node and announces bot messages', async () => {
    const onActiveNode = vi.fn()
    const saved: [string, Transcript][] = []
    const open = openFlow(orderBot)
    render(<Simulator open={open} onActiveNode={onActiveNode} onSaveTranscript={async (name, t) => void saved.push([name, t as Transcript])} />)
    expect(screen.getByRole('radio', { name: 'WhatsApp' }).getAttribute('aria-checked')).toBe('true')
    expect(screen.queryByRole('radio', { name: 'Phone' })).toBeNull()
    send('hi')
    expect(onActiveNode).toHaveBeenLastCalledWith('main-menu')
    expect(document.querySelector('[aria-live="polite"]')!.textContent).toBe('How can we help you today?')
    fireEvent.click(screen.getByRole('button', { name: '☰ Choose' }))
    const sheet = screen.getByRole('dialog', { name: 'Choose' })
    expect(document.activeElement).toBe(within(sheet).getAllByRole('button')[1])
    fireEvent.click(within(sheet).getByRole('button', { name: /Talk to us/ }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(onActiveNode).toHaveBeenLastCalledWith('handoff')
    expect(document.querySelector('.sb-sim-wa-chat')!.textContent).toContain('transfers to a human (queue customer-care)')
    expect(screen.getByRole('button', { name: 'Agent hands back' })).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Move the clock on by 10 min' }))
    expect(document.querySelector('.sb-sim-wa-chat')!.textContent).toContain('everyone is busy right now')
    expect(onActiveNode).toHaveBeenLastCalledWith(undefined)

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Busy agents' } })
    await act(async () => fireEvent.submit(screen.getByRole('button', { name: 'Save as test' }).closest('form')!))
    expect(saved).toHaveLength(1)
    const [name, transcript] = saved[0]
    expect(name).toBe('busy-agents')
    expect(transcript.flow).toBe('order-bot.flow.json')
    expect(transcriptProblems(transcript)).toEqual([])
    expect(runTranscript(transcript, orderBot).ok).toBe(true)
    expect(screen.getByRole('status').textContent).toMatch(/Saved order-bot\.busy-agents\.transcript\.json/)
  })

  it('answers an HTTP call from the editor, refuses bad JSON, and follows flow edits', () => {
    const open = openFlow(orderBot)
    const props = { onActiveNode: () => {}, onSaveTranscript: async () => {} }
    const view = render(<Simulator open={open} {...props} />)
    send('hi')
    fireEvent.click(screen.getByRole('button', { name: '☰ Choose' }))
    fireEvent.click(screen.getByRole('button', { name: /Track your order/ }))
    send('1234567')
    const editor = screen.getByRole('form', { name: 'Answer the HTTP call' })
    expect(within(editor).getByText('GET https://shop.example/api/orders/1234567')).toBeTruthy()
    const box = within(editor).getByRole('textbox')
    fireEvent.change(box, { target: { value: '{ "status": 200, ' } })
    expect(within(editor).getByRole('alert').textContent).toMatch(/Not valid JSON/)
    expect((within(editor).getByRole('button', { name: 'Answer' }) as HTMLButtonElement).disabled).toBe(true)
    fireEvent.change(box, { target: { value: '{ "status": 404 }' } })
    fireEvent.click(within(editor).getByRole('button', { name: 'Answer' }))
    expect(screen.queryByRole('form', { name: 'Answer the HTTP call' })).toBeNull()
    expect(JSON.parse(localStorage.getItem('switchboard.simulator.mocks.order-bot')!)).toEqual([['GET https://shop.example/api/orders/*', { status: 404 }]])

    act(() => updateNode(open.doc, 'order-not-found', { text: 'Edited: no such order.' }, open.origin))
    view.rerender(<Simulator open={{ ...open, flow: readFlow(open.doc) }} {...props} />)
    expect(screen.getByText(/the flow was edited during this conversation/)).toBeTruthy()
  })
})
