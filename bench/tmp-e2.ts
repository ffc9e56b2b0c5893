/**
 * Engine throughput: one conversation driven through a 1,000-node generated flow by customer
 * events, mostly menu choices (menus loop back, so the conversation keeps going), with advance();
 * once on menus and messages only (the engine's own cost), once with every node type.
 * Baseline: the same number of JSON.parse(JSON.stringify(session)) of the same sessions, the least
 * a host pays per event to store a conversation between events. Target: > 200,000 steps/s.
 * A step is one advance() call (one event in, the session and actions out).
 */
import { advance } from '../runtime/engine/advance.ts'
import { createSession } from '../runtime/engine/session.ts'
import type { Action, EngineEvent, Flow, Session } from '../schemas/nodes/step.ts'
import { nodeTypes } from '../schemas/nodes/index.ts'
import { generateFlow, seededRandom } from '../test/fixtures/generate-flow.ts'
import { compare, keep, row, type Benchmark } from './measure.ts'

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

function measureFlow(label: string, flow: Flow) {
  const start = createSession(flow, { id: 'bench', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada', language: 'en' }, at: 1_767_225_600_000 })
  const events = record(flow, start, TRACE)
  const choices = events.filter((e) => e.type === 'message-received' && e.choice).length
  console.log(`engine: ${label}: ${flow.nodes.length} nodes, ${TRACE} recorded events, ${Math.round((100 * choices) / TRACE)}% menu choices`)

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

  const throughput = compare(step, clone, { batch: BATCH, samples: 150, warmup: 30 })
  const latency = compare(step, clone, { samples: 20_000, warmup: 2_000 })
  keep(session)
  const perSecond = (ns: number) => 1e9 / ns
  const us = (ns: number) => ns / 1e3
  const baseline = 'JSON.parse(JSON.stringify(session))'
  return [
    row(`engine/advance ${label} steps per second`, perSecond(throughput.subject.median), 'steps/s', `${baseline} per second`, perSecond(throughput.baseline.median)),
    row(`engine/advance ${label} step p99`, us(latency.subject.p99), 'µs/step', `${baseline} p99`, us(latency.baseline.p99)),
  ]
}

const _unused: Benchmark = {
  name: 'engine',
  run() {
    const menuLoop = generateFlow({ nodes: NODES, seed: 1, exclude: Object.keys(nodeTypes).filter((t) => t !== 'menu' && t !== 'message') })
    const mixed = generateFlow({ nodes: NODES, seed: 1 })
    return [...measureFlow('menu loop', menuLoop), ...measureFlow('every node type', mixed)]
  },
}
const flow = generateFlow({ nodes: NODES, seed: 1 })
const start = createSession(flow, { id: 'bench', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada', language: 'en' }, at: 1_767_225_600_000 })
const events = record(flow, start, 20000)
let last = 0; events.forEach((e: any, i) => { if (e.choice) last = i }); console.log("last choice at", last, events.slice(last, last + 8).map((e: any) => e.type + ":" + (e.choice ?? e.text ?? "")).join(" "))
