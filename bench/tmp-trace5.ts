import { advance } from '../runtime/engine/advance.ts'
import { createSession } from '../runtime/engine/session.ts'
import { generateFlow } from '../test/fixtures/generate-flow.ts'
const flow = generateFlow({ nodes: 1000, seed: 1 })
const start = createSession(flow, { id: 'bench', channel: 'whatsapp', contact: { id: 'c1', name: 'Ada', language: 'en' }, at: 1_767_225_600_000 })
console.log(JSON.stringify(start))
