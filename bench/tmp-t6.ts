import { generateFlow } from '../test/fixtures/generate-flow.ts'
const flow = generateFlow({ nodes: 1000, seed: 1 })
for (const n of flow.nodes.slice(980)) console.log(n.id, JSON.stringify(n.exits))
