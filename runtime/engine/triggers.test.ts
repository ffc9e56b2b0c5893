/**
 * Escalation rules evaluated by the engine on timers and between turns: queue-wait (while the
 * customer waits for a person), outside-hours (the customer writes while closed) and condition
 * (checked whenever the conversation comes to rest). Each drives advance() with the ids it emitted.
 */
import { describe, expect, it } from 'vitest'
import type { Action, EngineEvent, Flow, FlowNode, HandOffAction, Session, StartTimerAction } from '../../schemas/nodes/step.ts'
import type { Trigger } from '../../schemas/types.gen.ts'
import { advance } from './advance.ts'
import { createSession } from './session.ts'

/** Monday 5 January 2026, 10:00 in Rome. */
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)
const minutes = (n: number) => n * 60_000

const tier1: FlowNode = { id: 'tier1', type: 'handoff', queue: 'support', sla: { alertAfter: 'PT2M', escalateAfter: 'PT5M' }, exits: { escalate: 'supervisor', resolved: 'bye' } }
const supervisor: FlowNode = { id: 'supervisor', type: 'handoff', queue: 'supervisors', text: 'A supervisor will answer.' }
const sorry: FlowNode = { id: 'sorry', type: 'message', text: 'Thanks for waiting, you keep your place.', exits: { next: 'tier1' } }
const bye: FlowNode = { id: 'bye', type: 'end', text: 'Bye!' }

function flowWith(triggers: Trigger[], nodes: FlowNode[] = [tier1, supervisor, sorry, bye]): Flow {
  return { id: 'f', name: 'Test', version: 1, channels: ['whatsapp'], languages: ['en'], defaultLanguage: 'en', start: nodes[0].id, triggers, nodes }
}

/** A conversation that feeds events one by one and keeps every turn's actions. */
function conversation(flow: Flow, variables: Record<string, unknown> = {}) {
  let session: Session = createSession(flow, { id: 's', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada' }, at: T0 })
  const turns: Action[][] = []
  const send = (event: EngineEvent) => {
    const result = advance(flow, session, event)
    session = result.session
    turns.push(result.actions)
    return result.actions
  }
  send({ type: 'conversation-started', at: T0, variables })
  return {
    send,
    get session() {
      return session
    },
    turns,
    /** Fires the pending timer whose id contains `name`. */
    fire(name: string) {
      const [timer, at] = Object.entries(session.timers).find(([id]) => id.includes(name)) ?? []
      if (!timer) throw new Error(`no pending timer ${name}: ${Object.keys(session.timers).join(', ')}`)
      return send({ type: 'timer-fired', at: at!, timer })
    },
  }
}

const says = (actions: Action[]) => actions.filter((a) => a.type === 'say' || a.type === 'ask').map((a) => (a as { text: string }).text)
const handOffs = (actions: Action[]) => actions.filter((a): a is HandOffAction => a.type === 'hand-off')
const timersStarted = (actions: Action[]) => actions.filter((a): a is StartTimerAction => a.type === 'start-timer').map((a) => a.timer.split('/')[2])

describe('queue-wait rules', () => {
  const longWait: Trigger = { id: 'long-wait', when: 'queue-wait', after: 'PT3M', queues: ['support'], goto: 'sorry' }

  it('arm a timer on the hand-off, which fires while the customer waits and keeps their place and service level', () => {
    const chat = conversation(flowWith([longWait]))
    expect(timersStarted(chat.turns[0])).toEqual(['alert', 'escalate', 'trigger:long-wait'])
    expect(chat.session.queued).toEqual({ queue: 'support', since: T0 })

    chat.fire('/alert/')
    const detour = chat.fire('trigger:long-wait')
    expect(says(detour)).toEqual(['Thanks for waiting, you keep your place.'])
    // back in the same queue: no second alert; the escalation stays due at 5 minutes from the first wait
    expect(handOffs(detour)).toEqual([expect.objectContaining({ queue: 'support', escalateAfterSeconds: 120 })])
    expect(handOffs(detour)[0].alertAfterSeconds).toBeUndefined()
    expect(chat.session.queued).toEqual({ queue: 'support', since: T0 })
    expect(Object.values(chat.session.timers).sort()).toEqual([T0 + minutes(5), T0 + minutes(6)])

    // the escalation still happens on time, into the supervisors' queue, which starts a wait of its own
    const escalation = chat.fire('/escalate/')
    expect(escalation.find((a) => a.type === 'notify')).toMatchObject({ event: 'sla-escalated', body: { waitedSeconds: 300 } })
    expect(says(escalation)).toEqual(['A supervisor will answer.'])
    expect(chat.session.queued).toEqual({ queue: 'supervisors', since: T0 + minutes(5) })
    // the rule watches the support queue only
    expect(Object.keys(chat.session.timers)).toEqual([])
  })

  it('watch every queue when they name none, and fire at most once when marked once', () => {
    const chat = conversation(flowWith([{ id: 'long-wait', when: 'queue-wait', after: 'PT1M', once: true, goto: 'sorry' }]))
    expect(says(chat.fire('trigger:long-wait'))).toEqual(['Thanks for waiting, you keep your place.'])
    expect(Object.keys(chat.session.timers).some((t) => t.includes('trigger:'))).toBe(false)
  })

  it('are silent once the conversation leaves the hand-off', () => {
    const chat = conversation(flowWith([longWait]))
    const timer = Object.keys(chat.session.timers).find((t) => t.includes('trigger:'))!
    const at = chat.session.timers[timer]
    chat.send({ type: 'handoff-ended', at: T0 + minutes(1) })
    expect(chat.session.status).toBe('ended')
    expect(chat.session.queued).toBeUndefined()
    expect(chat.send({ type: 'timer-fired', at, timer })).toEqual([])
  })
})

describe('outside-hours rules', () => {
  const weekdays = { mon: [{ from: '09:00', to: '18:00' }], tue: [{ from: '09:00', to: '18:00' }] }
  const closed: Trigger = { id: 'closed', when: 'outside-hours', timezone: 'Europe/Rome', weekly: weekdays, goto: 'closed-note' }
  const menu: FlowNode = { id: 'menu', type: 'menu', text: 'Pick one', options: [{ id: 'a', label: 'Apples' }], exits: { a: 'bye' } }
  const closedNote: FlowNode = { id: 'closed-note', type: 'message', text: 'We are closed; the bot can still help.', exits: { next: 'menu' } }
  const flow = flowWith([closed], [menu, closedNote, bye])

  it('say nothing while open', () => {
    const chat = conversation(flow)
    expect(says(chat.turns[0])).toEqual(['Pick one'])
    expect(says(chat.send({ type: 'message-received', at: T0 + minutes(5), text: 'hello' }))).not.toContain('We are closed; the bot can still help.')
  })

  it('fire when the conversation starts while closed', () => {
    const chat = conversation({ ...flow }, {})
    const night = advance(flow, createSession(flow, { id: 's', channel: 'whatsapp', contact: { id: 'c1' }, at: T0 }), { type: 'conversation-started', at: Date.UTC(2026, 0, 5, 20, 0) })
    expect(says(night.actions)).toEqual(['We are closed; the bot can still help.', 'Pick one'])
    expect(chat.session.firedTriggers).toEqual([])
  })

  it('fire once, on the first message after closing, wherever the conversation stands', () => {
    const chat = conversation(flow)
    const evening = Date.UTC(2026, 0, 5, 17, 30) // 18:30 in Rome
    expect(says(chat.send({ type: 'message-received', at: evening, text: 'hi?' }))).toEqual(['We are closed; the bot can still help.', 'Pick one'])
    expect(says(chat.send({ type: 'message-received', at: evening + 1000, text: 'hm' }))).not.toContain('We are closed; the bot can still help.')
  })

  it('never fire with a time zone the runtime does not know (lint reports it)', () => {
    const broken = flowWith([{ ...closed, timezone: 'Mars/Olympus' }], [menu, closedNote, bye])
    const night = advance(broken, createSession(broken, { id: 's', channel: 'whatsapp', contact: { id: 'c1' }, at: T0 }), { type: 'conversation-started', at: Date.UTC(2026, 0, 5, 23, 0) })
    expect(says(night.actions)).toEqual(['Pick one'])
  })
})

describe('condition rules', () => {
  it('fire as soon as the conversation comes to rest with the condition true, once', () => {
    const vip: Trigger = { id: 'vip', when: 'condition', condition: { '==': [{ var: 'tier' }, 'vip'] }, goto: 'vip-desk' }
    const nodes: FlowNode[] = [
      { id: 'ask', type: 'input', text: 'Your membership code?', saveAs: 'code', exits: { ok: 'lookup' } },
      { id: 'lookup', type: 'set', assignments: [{ variable: 'tier', expression: { if: [{ '==': [{ var: 'code' }, 'GOLD'] }, 'vip', 'standard'] } }], exits: { next: 'menu' } },
      { id: 'menu', type: 'menu', text: 'Pick one', options: [{ id: 'a', label: 'Apples' }], exits: { a: 'bye' } },
      { id: 'vip-desk', type: 'message', text: 'Welcome, VIP!', exits: { next: 'menu' } },
      bye,
    ]
    const chat = conversation(flowWith([vip], nodes))
    expect(says(chat.send({ type: 'message-received', at: T0 + 1000, text: 'GOLD' }))).toEqual(['Pick one', 'Welcome, VIP!', 'Pick one'])
    expect(chat.session.firedTriggers).toEqual(['vip'])
    expect(says(chat.send({ type: 'message-received', at: T0 + 2000, text: 'what?' }))).not.toContain('Welcome, VIP!')
  })
})

describe('rules not connected yet', () => {
  it('never fire: a keyword rule without a node to go to leaves the conversation where it is', () => {
    const menu: FlowNode = { id: 'menu', type: 'menu', text: 'Pick one', options: [{ id: 'a', label: 'Apples' }], exits: { a: 'bye' } }
    const chat = conversation(flowWith([{ id: 'drawn', when: 'keyword', keywords: { en: ['agent'] } }], [menu, bye]))
    const answer = chat.send({ type: 'message-received', at: T0 + 1000, text: 'agent' })
    expect(chat.session.node).toBe('menu')
    expect(chat.session.status).toBe('waiting')
    expect(says(answer)).toContain('Pick one')
  })
})
