import { advance } from '../runtime/engine/advance.ts'
import { createSession } from '../runtime/engine/session.ts'
import { generateFlow, seededRandom } from '../test/fixtures/generate-flow.ts'
const flow = generateFlow({ nodes: 1000, seed: 1 })
let session = createSession(flow, { id: 'bench', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada', language: 'en' }, at: 1_767_225_600_000 })
let at = session.startedAt
const ev: any = { type: 'message-received', at: at + 1000, text: 'AB123456' }
const r = advance(flow, session, ev)
console.log(r.session.status, r.session.node, r.session.wait, JSON.stringify(r.actions).slice(0, 600))
