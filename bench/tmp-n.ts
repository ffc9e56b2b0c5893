import { generateFlow } from '../test/fixtures/generate-flow.ts'
import { validateFlow } from '../schemas/validate.ts'
const text = JSON.stringify(generateFlow({ nodes: 1000, seed: 1 }))
const flow = JSON.parse(text)
const mode = process.argv[2]; const n = Number(process.argv[3] ?? 300)
for (let i = 0; i < 30; i++) { validateFlow(flow); JSON.parse(text) }
if (mode === 'v') for (let i = 0; i < n; i++) validateFlow(flow)
if (mode === 'p') for (let i = 0; i < n; i++) JSON.parse(text)
