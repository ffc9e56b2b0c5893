import { advance } from '../runtime/engine/advance.ts'
import { createSession } from '../runtime/engine/session.ts'
import { generateFlow, seededRandom } from '../test/fixtures/generate-flow.ts'
const flow = generateFlow({ nodes: 1000, seed: 1 })
let session = createSession(flow, { id: 'bench', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada', language: 'en' }, at: 1_767_225_600_000 })
let at = session.startedAt
for (let i = 0; i < 8; i++) {
  at += 1000
  const ev: any = i === 0 ? { type: 'conversation-started', at } : { type: 'message-received', at, text: 'x' }
  const r = advance(flow, session, ev)
  session = r.session
  console.log(i, session.status, session.node, session.wait, JSON.stringify(r.actions).slice(0, 300))
}
