// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { byText, cleanup, click, press, render } from '../inspector/dom.suite.ts'
import type { OpenFlow } from '../contracts.ts'
import type { Problem } from '../../../schemas/validate.ts'
import { ProblemsPanel } from './problems-panel.tsx'

const flow = { id: 'f', name: 'F', version: 1, channels: ['whatsapp'], languages: ['en'], defaultLanguage: 'en', start: 'menu', nodes: [{ id: 'menu', type: 'end', name: 'Main menu' }] } as unknown as OpenFlow['flow']
const problems: Problem[] = [
  { code: 'dead-end', severity: 'warning', pointer: '/nodes/0/exits', message: 'Menu has a dead end', node: 'menu', source: 'lint' },
  { code: 'SCHEMA', severity: 'error', pointer: '/languages', message: "'languages' must not be empty", source: 'schema' },
  { code: 'unreachable', severity: 'info', pointer: '/nodes/0', message: 'Never reached', node: 'menu', source: 'lint' },
]
const openFlow = (p: Problem[]) => ({ path: 'f.flow.json', flow, problems: p }) as unknown as OpenFlow

afterEach(cleanup)

describe('Problems panel', () => {
  it('says so when there is nothing to fix', () => {
    render(<ProblemsPanel open={openFlow([])} onRevealNode={vi.fn()} onRevealPointer={vi.fn()} />)
    expect(document.querySelector('[role=status]')!.textContent).toBe('No problems')
  })

  it('groups by severity, errors first, with counts, codes and node names', () => {
    render(<ProblemsPanel open={openFlow(problems)} onRevealNode={vi.fn()} onRevealPointer={vi.fn()} />)
    const options = [...document.querySelectorAll('[role=option]')]
    expect(options.map((o) => o.querySelector('.sb-problem-code')!.textContent)).toEqual(['SCHEMA', 'dead-end', 'unreachable'])
    expect(options[1].textContent).toContain('Main menu')
    expect([...document.querySelectorAll('[role=group]')].map((g) => g.getAttribute('aria-labelledby'))).toEqual(['sb-problems-error', 'sb-problems-warning', 'sb-problems-info'])
    expect(document.querySelector('.sb-problems-summary')!.textContent).toContain('1 error')
  })

  it('reveals the node of a node problem and the pointer of a flow problem on click', () => {
    const onRevealNode = vi.fn()
    const onRevealPointer = vi.fn()
    render(<ProblemsPanel open={openFlow(problems)} onRevealNode={onRevealNode} onRevealPointer={onRevealPointer} />)
    click(byText('Menu has a dead end'))
    expect(onRevealNode).toHaveBeenCalledWith('menu')
    click(byText("'languages' must not be empty"))
    expect(onRevealPointer).toHaveBeenCalledWith('/languages')
  })

  it('is navigable from the keyboard', () => {
    const onRevealNode = vi.fn()
    render(<ProblemsPanel open={openFlow(problems)} onRevealNode={onRevealNode} onRevealPointer={vi.fn()} />)
    const list = document.querySelector('[role=listbox]')!
    expect(list.getAttribute('aria-activedescendant')).toBe('sb-problem-0')
    press(list, 'ArrowDown')
    expect(list.getAttribute('aria-activedescendant')).toBe('sb-problem-1')
    expect([...document.querySelectorAll('[role=option]')][1].getAttribute('aria-selected')).toBe('true')
    press(list, 'Enter')
    expect(onRevealNode).toHaveBeenCalledWith('menu')
    press(list, 'End')
    expect(list.getAttribute('aria-activedescendant')).toBe('sb-problem-2')
  })

  it('reveals the rule card of a problem under /triggers and names the rule', () => {
    const onRevealNode = vi.fn()
    const withRules = { ...flow, triggers: [{ id: 'stop', when: 'keyword', do: 'opt-out' }, { id: 'agent', name: 'Asks for a person', when: 'keyword', goto: 'gone' }] } as unknown as OpenFlow['flow']
    const problem: Problem = { code: 'trigger-to-unknown-node', severity: 'error', pointer: '/triggers/1/goto', message: "Trigger 'agent' goes to node 'gone'", source: 'lint' }
    render(<ProblemsPanel open={{ path: 'f.flow.json', flow: withRules, problems: [problem] } as unknown as OpenFlow} onRevealNode={onRevealNode} onRevealPointer={vi.fn()} />)
    expect(document.querySelector('.sb-problem-where')!.textContent).toBe("Rule 'Asks for a person'")
    click(byText("Trigger 'agent' goes to node 'gone'"))
    expect(onRevealNode).toHaveBeenCalledWith('trigger:agent')
  })
})
