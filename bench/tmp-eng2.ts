import { advance } from '../runtime/engine/advance.ts'
import { createSession } from '../runtime/engine/session.ts'
import { generateFlow, seededRandom } from '../test/fixtures/generate-flow.ts'
import type { Action, EngineEvent, Session } from '../schemas/nodes/step.ts'
const flow = generateFlow({ nodes: 1000, seed: 1 })
const ANSWERS: Record<string, string> = { number: '42', email: 'ada@example.com', phone: '+393331234567', date: '2026-12-25', 'yes-no': 'yes' }
function nextEvent(session: Session, actions: Action[], at: number, random: () => number): EngineEvent {
  const wait = session.wait
  if (session.status === 'handoff') return { type: 'handoff-ended', at }
  if (wait?.kind === 'http' && wait.request) return { type: 'http-responded', at, request: wait.request, status: 200, body: { ok: true } }
  if (wait?.kind === 'timer') { const timer = Object.keys(session.timers)[0]; if (timer) return { type: 'timer-fired', at: session.timers[timer], timer } }
  const ask = actions.findLast((a) => a.type === 'ask')
  if (ask?.type === 'ask' && ask.options?.length) return { type: 'message-received', at, choice: ask.options[Math.floor(random() * ask.options.length)].id }
  return { type: 'message-received', at, text: ANSWERS[ask?.type === 'ask' ? (ask.expect ?? '') : ''] ?? 'AB123456' }
}
const start = createSession(flow, { id: 'bench', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada', language: 'en' }, at: 1_767_225_600_000 })
const random = seededRandom(7); const events: EngineEvent[] = []
let session = start; let actions: Action[] = []; let at = start.startedAt
for (let i = 0; i < 20000; i++) { at += 1000; const e = nextEvent(session, actions, at, random); at = Math.max(at, e.at); events.push(e); ({ session, actions } = advance(flow, session, e)) }
const rounds = Number(process.argv[2] ?? 10)
const c = process.cpuUsage(); const t = process.hrtime.bigint()
for (let r = 0; r < rounds; r++) { session = start; for (const e of events) session = advance(flow, session, e).session }
const u = process.cpuUsage(c); console.log('steps/s wall', Math.round((rounds * events.length) / (Number(process.hrtime.bigint() - t) / 1e9)), 'cpu', Math.round((rounds * events.length) / (u.user / 1e6)))
