import { describe, expect, it } from 'vitest'
import type { Action, HandOffAction, Session } from '../../schemas/nodes/step.ts'
import { byUrgency, queueChange, queueFigures, slaState, waitingSeconds } from './queues.ts'
import type { ConversationRef, QueueEntry } from './store.ts'

const ref: ConversationRef = { channel: 'whatsapp', address: '1000', contact: '393331234567' }
const key = 'whatsapp:1000:393331234567'
const t0 = 1_000_000

const session = (patch: Partial<Session> = {}): Session => ({
  id: 's1', channel: 'whatsapp', flow: 'shop', flowVersion: 2, status: 'handoff', node: 'tier1', wait: { kind: 'handoff' }, nodeState: {}, noMatch: 0, stack: [],
  vars: { order: { id: 'A1' } }, contact: { id: ref.contact, name: 'Giulia' }, language: 'it', timers: {}, firedTriggers: [], seq: 3, startedAt: 0, updatedAt: 0, ...patch,
})
const handOff = (patch: Partial<HandOffAction> = {}): HandOffAction => ({
  type: 'hand-off', node: 'tier1', queue: 'support', priority: 5, skills: ['italian'], summary: 'Order A1', alertAfterSeconds: 120, escalateAfterSeconds: 300, variables: { order: { id: 'A1' } }, ...patch,
})
const entry = (patch: Partial<QueueEntry> = {}): QueueEntry => {
  const change = queueChange({ key, ref, before: 'waiting', session: session(), actions: [handOff()], now: t0 })
  return { ...(change as { put: QueueEntry }).put, ...patch }
}

describe('queueChange', () => {
  it('queues a hand-off with its contact, context and SLA deadlines', () => {
    expect(entry()).toEqual({
      key, ref, channel: 'whatsapp', contact: { id: ref.contact, name: 'Giulia', language: 'it' }, flow: 'shop', node: 'tier1', queue: 'support', priority: 5, skills: ['italian'],
      summary: 'Order A1', variables: { order: { id: 'A1' } }, enqueuedAt: t0, tier: 1, alertAt: t0 + 120_000, escalateAt: t0 + 300_000, status: 'queued', notes: [],
    })
  })

  it('without an SLA the entry has no deadlines and stays ok', () => {
    const plain = (queueChange({ key, ref, before: undefined, session: session(), actions: [handOff({ alertAfterSeconds: undefined, escalateAfterSeconds: undefined })], now: t0 }) as { put: QueueEntry }).put
    expect(plain.alertAt).toBeUndefined()
    expect(slaState(plain, t0 + 10 ** 9)).toBe('ok')
  })

  it('removes the entry when the conversation leaves the hand-off (resolved, escalated elsewhere, opted out, closed)', () => {
    for (const status of ['waiting', 'ended', 'active'] as const) {
      expect(queueChange({ key, ref, before: 'handoff', session: session({ status }), actions: [], existing: entry(), now: t0 })).toEqual({ remove: true })
    }
  })

  it('an escalation to the next tier re-queues in the new queue, keeping the notes', () => {
    const notes = [{ at: t0, agent: 'ada', text: 'angry' }]
    const next = queueChange({ key, ref, before: 'handoff', session: session({ node: 'supervisor' }), actions: [handOff({ node: 'supervisor', queue: 'supervisors', priority: 10 })], existing: entry({ notes }), now: t0 + 300_000 })
    expect(next).toMatchObject({ put: { queue: 'supervisors', priority: 10, node: 'supervisor', enqueuedAt: t0 + 300_000, tier: 2, status: 'queued', notes } })
  })

  it('back to the same queue (a "sorry for the wait" rule, then the same hand-off), the customer keeps their place and tier', () => {
    const again = queueChange({ key, ref, before: 'handoff', session: session(), actions: [handOff()], existing: entry({ tier: 2 }), now: t0 + 180_000 })
    expect(again).toMatchObject({ put: { queue: 'support', enqueuedAt: t0, tier: 2, alertAt: t0 + 180_000 + 120_000, status: 'queued' } })
    // After the alert fired, the hand-off asks for no second one: the entry keeps the alert it had.
    const alerted = entry({ alertedAt: t0 + 120_000 })
    const later = queueChange({ key, ref, before: 'handoff', session: session(), actions: [handOff({ alertAfterSeconds: undefined, escalateAfterSeconds: 120 })], existing: alerted, now: t0 + 180_000 })
    expect(later).toMatchObject({ put: { enqueuedAt: t0, alertAt: t0 + 120_000, alertedAt: t0 + 120_000, escalateAt: t0 + 300_000 } })
    expect(slaState((later as { put: QueueEntry }).put, t0 + 180_000)).toBe('alerted')
  })

  it('marks the alert when the SLA alert fires, and changes nothing on other turns', () => {
    const alert: Action = { type: 'notify', event: 'sla-alert', body: {} }
    expect(queueChange({ key, ref, before: 'handoff', session: session(), actions: [alert], existing: entry(), now: t0 + 120_000 })).toEqual({ put: { ...entry(), alertedAt: t0 + 120_000 } })
    expect(queueChange({ key, ref, before: 'handoff', session: session(), actions: [], existing: entry(), now: t0 + 5 })).toBeUndefined()
    expect(queueChange({ key, ref, before: 'waiting', session: session({ status: 'waiting' }), actions: [], now: t0 })).toBeUndefined()
  })
})

describe('SLA and waiting time', () => {
  it('is ok, then alerted, then breached; a claim stops the clock', () => {
    const e = entry()
    expect(slaState(e, t0 + 119_999)).toBe('ok')
    expect(slaState(e, t0 + 120_000)).toBe('alerted')
    expect(slaState({ ...e, alertedAt: t0 + 100 }, t0 + 1000)).toBe('alerted')
    expect(slaState(e, t0 + 300_000)).toBe('breached')
    const claimed = { ...e, status: 'active' as const, agent: 'ada', claimedAt: t0 + 60_000 }
    expect(slaState(claimed, t0 + 10 ** 7)).toBe('ok')
    expect(waitingSeconds(claimed, t0 + 10 ** 7)).toBe(60)
    expect(waitingSeconds(e, t0 + 90_500)).toBe(90)
  })

  it('orders waiting conversations by priority, then by longest wait', () => {
    const a = entry({ key: 'a', priority: 5, enqueuedAt: 10 })
    const b = entry({ key: 'b', priority: 9, enqueuedAt: 30 })
    const c = entry({ key: 'c', priority: 5, enqueuedAt: 5 })
    expect([a, b, c].sort(byUrgency).map((e) => e.key)).toEqual(['b', 'c', 'a'])
  })

  it('sums up each queue for the supervisor', () => {
    const now = t0 + 400_000
    const entries = [
      entry({ key: 'a' }),
      entry({ key: 'b', enqueuedAt: t0 + 200_000, alertAt: t0 + 320_000, escalateAt: t0 + 500_000 }),
      entry({ key: 'c', status: 'active', agent: 'ada', claimedAt: t0 + 10_000 }),
      entry({ key: 'd', queue: 'vip', priority: 9, enqueuedAt: t0 + 390_000, alertAt: undefined, escalateAt: undefined }),
    ]
    expect(queueFigures(entries, now)).toEqual([
      { queue: 'support', queued: 2, active: 1, longestWaitSeconds: 400, breaches: 1, alerts: 1 },
      { queue: 'vip', queued: 1, active: 0, longestWaitSeconds: 10, breaches: 0, alerts: 0 },
    ])
  })
})
