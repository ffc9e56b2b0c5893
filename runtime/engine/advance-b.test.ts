/**
 * Engine-level behaviour of the hand-off SLA ladder, subflows, voicemail and templates, driven
 * through advance() the way the host drives it: events in, actions out, timers by their ids.
 */
import { describe, expect, it } from 'vitest'
import type { Action, ChannelName, EngineEvent, Flow, FlowNode, Session } from '../../schemas/nodes/step.ts'
import { advance, type FlowLookup } from './advance.ts'
import { createSession } from './session.ts'

const flowOf = (id: string, nodes: Record<string, unknown>[], extra: Partial<Flow> = {}): Flow =>
  ({ id, name: id, version: 1, channels: ['whatsapp', 'voice'], languages: ['en'], defaultLanguage: 'en', start: String(nodes[0].id), nodes: nodes as unknown as FlowNode[], ...extra }) as Flow

const escalation = flowOf(
  'escalation',
  [
    { id: 'hi', type: 'message', text: 'Hi!', exits: { next: 'support' } },
    { id: 'support', type: 'handoff', queue: 'support', text: 'Connecting you…', summary: 'Order {{order}}', sla: { alertAfter: 'PT2M', escalateAfter: 'PT5M' }, notify: 'https://hooks.example.com/sla', exits: { escalate: 'supervisor', resolved: 'bye' } },
    { id: 'supervisor', type: 'handoff', queue: 'supervisors', priority: 9, text: 'A supervisor will be with you shortly.', summary: 'Escalated', exits: { resolved: 'bye' } },
    { id: 'rate', type: 'survey', kind: 'csat', question: 'How did we do?', exits: { positive: 'bye' } },
    { id: 'bye', type: 'end', text: 'Bye!' },
  ],
  { triggers: [{ id: 'stop', when: 'keyword', keywords: { en: ['stop'] }, do: 'opt-out' }] },
)

/** Runs events in order, each result feeding the next; returns the last session and every step's actions. */
function drive(flows: Flow | FlowLookup, events: EngineEvent[], session: Session) {
  const steps: Action[][] = []
  for (const event of events) {
    const result = advance(flows, session, event)
    session = result.session
    steps.push(result.actions)
  }
  return { session, steps }
}

const start = (flow: Flow, channel: ChannelName = 'whatsapp') => createSession(flow, { id: 's1', channel, contact: { id: 'c1', name: 'Ada' }, at: 0, variables: { order: 42 } })
const timerId = (actions: Action[], name: string) => actions.flatMap((a) => (a.type === 'start-timer' && a.timer.includes(`/${name}/`) ? [a.timer] : []))[0]
const types = (actions: Action[]) => actions.map((a) => a.type)

/** Conversation standing at the first-tier hand-off, with its two SLA timer ids. */
function inHandoff() {
  const { session, steps } = drive(escalation, [{ type: 'message-received', text: 'hello', at: 0 }], start(escalation))
  return { session, actions: steps[0], alert: timerId(steps[0], 'alert'), escalate: timerId(steps[0], 'escalate') }
}

describe('hand-off SLA ladder', () => {
  it('hands off with the SLA and starts the alert and escalate timers', () => {
    const { session, actions, alert, escalate } = inHandoff()
    expect(types(actions)).toEqual(['say', 'say', 'hand-off', 'start-timer', 'start-timer'])
    expect(actions[2]).toMatchObject({ type: 'hand-off', node: 'support', queue: 'support', priority: 5, summary: 'Order 42', alertAfterSeconds: 120, escalateAfterSeconds: 300, variables: { order: 42 } })
    expect(actions.find((a) => a.type === 'start-timer' && a.timer === alert)).toMatchObject({ at: 120_000 })
    expect(actions.find((a) => a.type === 'start-timer' && a.timer === escalate)).toMatchObject({ at: 300_000 })
    expect(session).toMatchObject({ status: 'handoff', node: 'support', wait: { kind: 'handoff' } })
  })

  it('alerts, keeps waiting with the escalate timer running, then escalates to the second tier', () => {
    const first = inHandoff()
    const { session, steps } = drive(escalation, [
      { type: 'timer-fired', timer: first.alert, at: 120_000 },
      { type: 'timer-fired', timer: first.escalate, at: 300_000 },
    ], first.session)
    const [alerted, escalated] = steps
    expect(alerted).toEqual([{ type: 'notify', node: 'support', event: 'sla-alert', url: 'https://hooks.example.com/sla', body: { queue: 'support', conversation: 's1', node: 'support', waitedSeconds: 120 } }])
    expect(escalated[0]).toEqual({ type: 'notify', node: 'support', event: 'sla-escalated', url: 'https://hooks.example.com/sla', body: { queue: 'support', conversation: 's1', node: 'support', waitedSeconds: 300 } })
    expect(escalated.slice(1)).toEqual([
      { type: 'say', node: 'supervisor', text: 'A supervisor will be with you shortly.' },
      { type: 'hand-off', node: 'supervisor', queue: 'supervisors', priority: 9, skills: [], summary: 'Escalated', variables: { order: 42 } },
    ])
    expect(session).toMatchObject({ status: 'handoff', node: 'supervisor', timers: {} })
  })

  it('the alert step leaves the escalate timer in the session', () => {
    const first = inHandoff()
    const { session } = drive(escalation, [{ type: 'timer-fired', timer: first.alert, at: 120_000 }], first.session)
    expect(Object.keys(session.timers)).toEqual([first.escalate])
    expect(session).toMatchObject({ status: 'handoff', node: 'support', nodeState: { since: 0 } })
  })

  it('the agent resolving the second tier ends the conversation through the resolved exit', () => {
    const first = inHandoff()
    const { session, steps } = drive(escalation, [
      { type: 'timer-fired', timer: first.escalate, at: 300_000 },
      { type: 'handoff-ended', at: 400_000 },
    ], first.session)
    expect(steps[1]).toEqual([{ type: 'say', node: 'bye', text: 'Bye!' }, { type: 'end', reason: 'completed' }])
    expect(session.status).toBe('ended')
  })

  it('handoff-ended with resumeAt cancels the SLA timers and continues at that node', () => {
    const first = inHandoff()
    const { session, steps } = drive(escalation, [{ type: 'handoff-ended', resumeAt: 'rate', at: 60_000 }], first.session)
    expect(steps[0].filter((a) => a.type === 'cancel-timer').map((a) => (a as { timer: string }).timer).sort()).toEqual([first.alert, first.escalate].sort())
    expect(steps[0].find((a) => a.type === 'ask')).toMatchObject({ node: 'rate', text: 'How did we do?' })
    expect(session).toMatchObject({ status: 'waiting', node: 'rate', timers: {} })
  })

  it('while with an agent, customer messages produce no actions', () => {
    const first = inHandoff()
    const { session, steps } = drive(escalation, [{ type: 'message-received', text: 'anyone there?', at: 30_000 }], first.session)
    expect(steps[0]).toEqual([])
    expect(session).toMatchObject({ status: 'handoff', node: 'support' })
    expect(Object.keys(session.timers).sort()).toEqual([first.alert, first.escalate].sort())
  })

  it('while with an agent, STOP still opts the customer out', () => {
    const first = inHandoff()
    const { session, steps } = drive(escalation, [{ type: 'message-received', text: 'STOP', at: 30_000 }], first.session)
    expect(types(steps[0]).sort()).toEqual(['cancel-timer', 'cancel-timer', 'end', 'opt-out'])
    expect(steps[0].at(-1)).toEqual({ type: 'end', reason: 'opted-out' })
    expect(session).toMatchObject({ status: 'ended', contact: { optedOut: true }, timers: {} })
  })
})

describe('subflow', () => {
  const main = flowOf('main', [
    { id: 'verify', type: 'subflow', flow: 'verify-customer', exits: { done: 'welcome', error: 'sorry' } },
    { id: 'welcome', type: 'message', text: 'Welcome back, {{contact.name}}!', exits: { next: 'bye' } },
    { id: 'sorry', type: 'message', text: 'Sorry, something went wrong.' },
    { id: 'bye', type: 'end' },
  ])
  const inner = flowOf('verify-customer', [
    { id: 'ask', type: 'menu', text: 'Is this Ada?', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }], exits: { yes: 'ok' } },
    { id: 'ok', type: 'message', text: 'Verified.' },
  ])
  const flows: FlowLookup = (id) => [main, inner].find((f) => f.id === id)

  it('enters the other flow, waits there, and comes back through done at its dead end', () => {
    const entered = drive(flows, [{ type: 'message-received', text: 'hi', at: 0 }], start(main))
    expect(entered.steps[0].find((a) => a.type === 'ask')).toMatchObject({ node: 'ask', text: 'Is this Ada?' })
    expect(entered.session).toMatchObject({ flow: 'verify-customer', node: 'ask', stack: [{ flow: 'main', node: 'verify', exit: 'done' }] })
    const answered = drive(flows, [{ type: 'message-received', choice: 'yes', at: 1000 }], entered.session)
    expect(answered.steps[0]).toEqual([
      { type: 'say', node: 'ok', text: 'Verified.' },
      { type: 'say', node: 'welcome', text: 'Welcome back, Ada!' },
      { type: 'end', reason: 'completed' },
    ])
    expect(answered.session).toMatchObject({ flow: 'main', status: 'ended', stack: [] })
  })

  it('an unconnected exit inside the other flow also comes back through done', () => {
    const { session, steps } = drive(flows, [
      { type: 'message-received', text: 'hi', at: 0 },
      { type: 'message-received', choice: 'no', at: 1000 },
    ], start(main))
    expect(steps[1]).toEqual([{ type: 'say', node: 'welcome', text: 'Welcome back, Ada!' }, { type: 'end', reason: 'completed' }])
    expect(session.stack).toEqual([])
  })

  it('a missing flow takes the error exit', () => {
    const broken = flowOf('broken', [
      { id: 'verify', type: 'subflow', flow: 'not-deployed', exits: { error: 'sorry' } },
      { id: 'sorry', type: 'message', text: 'Sorry, something went wrong.' },
    ])
    const { session, steps } = drive(broken, [{ type: 'message-received', text: 'hi', at: 0 }], start(broken))
    expect(steps[0]).toEqual([{ type: 'say', node: 'sorry', text: 'Sorry, something went wrong.' }, { type: 'end', reason: 'dead-end' }])
    expect(session).toMatchObject({ flow: 'broken', stack: [] })
  })
})

describe('record', () => {
  const voicemail = flowOf('voicemail', [
    { id: 'vm', type: 'record', text: 'Leave a message', saveAs: 'voicemail', exits: { done: 'thanks', empty: 'bye', unsupported: 'type-it' } },
    { id: 'thanks', type: 'end', text: 'Got it: {{voicemail}}' },
    { id: 'bye', type: 'end', text: 'Goodbye' },
    { id: 'type-it', type: 'end', text: 'Please write to us instead.' },
  ])

  it('records on the phone and keeps the recording url', () => {
    const { session, steps } = drive(voicemail, [
      { type: 'conversation-started', at: 0 },
      { type: 'recording-finished', url: 'https://media.example/1.wav', at: 20_000 },
    ], start(voicemail, 'voice'))
    expect(steps[0]).toEqual([{ type: 'record', node: 'vm', text: 'Leave a message', maxSeconds: 120 }])
    expect(steps[1]).toEqual([{ type: 'say', node: 'thanks', text: 'Got it: https://media.example/1.wav' }, { type: 'end', reason: 'completed' }])
    expect(session.vars.voicemail).toBe('https://media.example/1.wav')
  })

  it('takes unsupported on WhatsApp', () => {
    const { steps } = drive(voicemail, [{ type: 'message-received', text: 'hi', at: 0 }], start(voicemail))
    expect(steps[0]).toEqual([{ type: 'say', node: 'type-it', text: 'Please write to us instead.' }, { type: 'end', reason: 'completed' }])
  })
})

describe('template', () => {
  const cart = flowOf('cart', [
    { id: 'nudge', type: 'template', template: 'abandoned_cart', language: 'en_US', parameters: ['{{contact.name}}'], buttons: [{ id: 'buy', label: 'Complete order' }], fallbackText: 'You left something in your cart', timeout: 'P1D', exits: { buy: 'checkout', other: 'sorry', timeout: 'sorry' } },
    { id: 'checkout', type: 'end', text: 'Here is your cart.' },
    { id: 'sorry', type: 'end' },
  ], { proactive: true })

  it('sends the template, waits for the quick reply and follows the pressed button', () => {
    const { session, steps } = drive(cart, [
      { type: 'conversation-started', at: 0 },
      { type: 'message-received', text: 'Complete order', at: 5000 },
    ], start(cart))
    expect(steps[0][0]).toEqual({ type: 'send-template', node: 'nudge', name: 'abandoned_cart', language: 'en_US', parameters: ['Ada'], buttons: [{ id: 'buy', label: 'Complete order' }], fallbackText: 'You left something in your cart' })
    expect(types(steps[0])).toEqual(['send-template', 'start-timer'])
    expect(types(steps[1])).toEqual(['cancel-timer', 'say', 'end'])
    expect(session.status).toBe('ended')
  })
})
