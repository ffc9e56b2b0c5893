import { generateFlow, generateFlowText } from '../test/fixtures/generate-flow.ts'
import { validateFlow } from '../schemas/validate.ts'
const flow = generateFlow({ nodes: 1000, seed: 1 })
const counts: Record<string, number> = {}
for (const n of flow.nodes) counts[n.type] = (counts[n.type] ?? 0) + 1
console.log(counts)
console.log('pretty', generateFlowText({ nodes: 1000, seed: 1 }).length, 'compact', JSON.stringify(flow).length)
console.log(validateFlow(flow).slice(0, 10), validateFlow(flow).length)
console.log(JSON.stringify(flow.nodes.slice(0, 4)))
console.log(JSON.stringify(flow.variables))
const sizes: Record<string, number[]> = {}
for (const n of flow.nodes) (sizes[n.type] ??= []).push(JSON.stringify(n).length)
for (const [t, s] of Object.entries(sizes)) console.log(t, s.length, Math.round(s.reduce((a, b) => a + b) / s.length), s.reduce((a, b) => a + b))
