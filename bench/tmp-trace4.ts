import { generateFlow } from '../test/fixtures/generate-flow.ts'
import { nodeTypes } from '../schemas/nodes/index.ts'
const a = JSON.stringify(generateFlow({ nodes: 1000, seed: 1 }))
generateFlow({ nodes: 1000, seed: 1, exclude: Object.keys(nodeTypes).filter((t) => t !== 'menu' && t !== 'message') })
const b = JSON.stringify(generateFlow({ nodes: 1000, seed: 1 }))
console.log(a === b, a.length, b.length)
