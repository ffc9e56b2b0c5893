import { generateFlow } from '../test/fixtures/generate-flow.ts'
import { validateFlow } from '../schemas/validate.ts'
const flow = JSON.parse(JSON.stringify(generateFlow({ nodes: 1000, seed: 1 })))
for (let i = 0; i < 1500; i++) validateFlow(flow)
