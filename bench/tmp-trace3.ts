import { advance } from '../runtime/engine/advance.ts'
import { createSession } from '../runtime/engine/session.ts'
import { generateFlow, seededRandom } from '../test/fixtures/generate-flow.ts'
const flow = generateFlow({ nodes: 1000, seed: 1 })
let session = createSession(flow, { id: 'bench', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada', language: 'en' }, at: 1_767_225_600_000 })
let actions: any[] = []; let at = session.startedAt
const random = seededRandom(7)
const ANSWERS: Record<string, string> = { number: '42', email: 'ada@example.com', phone: '+393331234567', date: '2026-12-25', 'yes-no': 'yes' }
for (let i = 0; i < 160; i++) {
  at += 1000
  const wait = session.wait
  let event: any
  if (session.status === 'handoff') event = { type: 'handoff-ended', at }
  else if (wait?.kind === 'http' && wait.request) event = { type: 'http-responded', at, request: wait.request, status: 200, body: { ok: true } }
  else if (wait?.kind === 'timer' && Object.keys(session.timers)[0]) { const timer = Object.keys(session.timers)[0]; event = { type: 'timer-fired', at: session.timers[timer], timer } }
  else { const ask = actions.findLast((a) => a.type === 'ask'); event = ask?.options?.length ? { type: 'message-received', at, choice: ask.options[Math.floor(random() * ask.options.length)].id } : { type: 'message-received', at, text: ANSWERS[ask?.expect ?? ''] ?? 'AB123456' } }
  at = Math.max(at, event.at)
  ;({ session, actions } = advance(flow, session, event))
  console.log(i, event.type, event.choice ?? event.text ?? '', '->', session.status, session.node, JSON.stringify(session.wait), actions.map((a) => a.type).join(','))
}
