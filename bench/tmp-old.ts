import { generateFlow } from '../test/fixtures/old-generate-flow.tmp.ts'
import { validateFlow } from '../schemas/validate.ts'
const flow = generateFlow({ nodes: 1000, seed: 1 })
const p = validateFlow(flow); const c: Record<string, number> = {}
for (const x of p) c[x.code + ' ' + x.severity] = (c[x.code + ' ' + x.severity] ?? 0) + 1
console.log(c)
