import { generateFlow } from '../test/fixtures/generate-flow.ts'
import { validateFlow, indexFlow } from '../schemas/validate.ts'
import { lintRules } from '../schemas/lint/index.ts'
import { enter } from '../schemas/lint/simulate.ts'
import { scanNode, nodeTexts } from '../schemas/lint/node-json.ts'
import { variableFacts } from '../schemas/lint/variables.ts'
const flow = JSON.parse(JSON.stringify(generateFlow({ nodes: 1000, seed: 1 })))
// bytes allocated per call, measured with the GC's own counter (v8 heap stats after forced GC don't show garbage)
import v8 from 'node:v8'
const allocated = () => { const s = v8.getHeapStatistics(); return s.total_heap_size } // placeholder
const measure = (label: string, fn: () => unknown) => {
  for (let i = 0; i < 5; i++) fn()
  ;(globalThis as any).gc?.()
  const before = process.memoryUsage().heapUsed
  const keep: unknown[] = []
  for (let i = 0; i < 10; i++) keep.push(fn())
  const after = process.memoryUsage().heapUsed
  console.log(label.padEnd(28), ((after - before) / 10 / 1024).toFixed(0), 'KB per call (retained+garbage since no gc)')
}
measure('JSON.parse', () => JSON.parse(JSON.stringify(flow)))
measure('validateFlow', () => validateFlow(flow))
measure('indexFlow', () => indexFlow(flow))
measure('simulate all', () => { const ix = indexFlow(flow); for (const n of flow.nodes) enter(ix, n); return ix })
measure('scan all', () => { const ix = indexFlow(flow); for (const n of flow.nodes) scanNode(ix, n); return ix })
measure('texts all', () => flow.nodes.map(nodeTexts))
for (const r of lintRules) measure(r.code, () => { const ix = indexFlow(flow); for (const n of flow.nodes) { enter(ix, n); scanNode(ix, n) } ; variableFacts(ix); (globalThis as any).gc?.(); const b = process.memoryUsage().heapUsed; r.check(ix); return process.memoryUsage().heapUsed - b })
