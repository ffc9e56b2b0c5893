/**
 * Engine throughput: one conversation driven through a 1,000-node generated flow by customer
 * events, mostly menu choices (menus loop back, so the conversation keeps going), with advance().
 * Baseline: the same number of JSON.parse(JSON.stringify(session)) of the same sessions, the least
 * a host pays per event to store a conversation between events. Target: > 200,000 steps/s.
 * A step is one advance() call (one event in, the session and actions out).
 */
import { advance } from '../runtime/engine/advance.ts'
import { createSession } from '../runtime/engine/session.ts'
import type { Action, EngineEvent, Flow, Session } from '../schemas/nodes/step.ts'
import { generateFlow, seededRandom } from '../test/fixtures/generate-flow.ts'
import { compare, keep, row, stats, type Benchmark } from './measure.ts'

const NODES = 1000
const TRACE = 20_000
const BATCH = 500

const ANSWERS: Record<string, string> = { number: '42', email: 'ada@example.com', phone: '+393331234567', date: '2026-12-25', 'yes-no': 'yes' }

/** What a customer (or the host) would send next, given where the conversation stands. */
function nextEvent(session: Session, actions: Action[], at: number, random: () => number): EngineEvent {
  const wait = session.wait
  if (session.status === 'handoff') return { type: 'handoff-ended', at }
  if (wait?.kind === 'http' && wait.request) return { type: 'http-responded', at, request: wait.request, status: 200, body: { ok: true } }
  if (wait?.kind === 'timer') {
    const timer = Object.keys(session.timers)[0]
    if (timer) return { type: 'timer-fired', at: session.timers[timer], timer }
  }
  const ask = actions.findLast((a) => a.type === 'ask')
  if (ask?.type === 'ask' && ask.options?.length) return { type: 'message-received', at, choice: ask.options[Math.floor(random() * ask.options.length)].id }
  return { type: 'message-received', at, text: ANSWERS[ask?.type === 'ask' ? (ask.expect ?? '') : ''] ?? 'AB123456' }
}

/** Drives a conversation once and records its events, so the timed loop replays them exactly. */
function record(flow: Flow, start: Session, count: number): EngineEvent[] {
  const random = seededRandom(7)
  const events: EngineEvent[] = []
  let session = start
  let actions: Action[] = []
  let at = start.startedAt
  for (let i = 0; i < count; i++) {
    at += 1000
    const event = nextEvent(session, actions, at, random)
    at = Math.max(at, event.at)
    events.push(event)
    ;({ session, actions } = advance(flow, session, event))
  }
  return events
}

export const engineBench: Benchmark = {
  name: 'engine',
  run() {
    const flow = generateFlow({ nodes: NODES, seed: 1 })
    const start = createSession(flow, { id: 'bench', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada', language: 'en' }, at: 1_767_225_600_000 })
    const events = record(flow, start, TRACE)
    const kinds = stats(events.map((e) => (e.type === 'message-received' && e.choice ? 1 : 0)))
    console.log(`engine: ${NODES}-node flow, ${TRACE} recorded events, ${Math.round(kinds.mean * 100)}% menu choices`)

    let session = start
    let position = 0
    const step = () => {
      if (position === events.length) {
        position = 0
        session = start
      }
      const result = advance(flow, session, events[position++])
      session = result.session
      return result
    }
    const clone = () => JSON.parse(JSON.stringify(session))

    const throughput = compare(step, clone, { batch: BATCH, samples: 200, warmup: 40 })
    const latency = compare(step, clone, { samples: 20_000, warmup: 2_000 })
    keep(session)
    const perSecond = (ns: number) => 1e9 / ns
    const us = (ns: number) => ns / 1e3
    return [
      row(`engine/advance ${NODES} nodes steps per second (median of batches)`, perSecond(throughput.subject.median), 'steps/s', 'JSON.parse(JSON.stringify(session)) per second (median of batches)', perSecond(throughput.baseline.median)),
      row(`engine/advance ${NODES} nodes step latency p99`, us(latency.subject.p99), 'µs/step', 'JSON.parse(JSON.stringify(session)) latency p99', us(latency.baseline.p99)),
    ]
  },
}
