import { generateFlow } from '../test/fixtures/generate-flow.ts'
import { validateFlow, indexFlow } from '../schemas/validate.ts'
import { lintRules } from '../schemas/lint/index.ts'
const text = JSON.stringify(generateFlow({ nodes: 1000, seed: 1 }))
const flow = JSON.parse(text)
// min over batches: robust to other processes on a shared machine
const best = (fn: () => unknown, batches = 60, per = 5) => { for (let i = 0; i < 20; i++) fn(); let min = Infinity; for (let b = 0; b < batches; b++) { const t = process.hrtime.bigint(); for (let i = 0; i < per; i++) fn(); min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6 / per) } return min }
const parse = best(() => JSON.parse(text))
const v = best(() => validateFlow(flow))
console.log('JSON.parse', parse.toFixed(3), 'validateFlow', v.toFixed(3), 'ratio', (v / parse).toFixed(2))
if (process.argv[2]) {
const mins: Record<string, number> = {}
for (let i = 0; i < 300; i++) {
  const ix = indexFlow(flow)
  for (const r of lintRules) { const t = process.hrtime.bigint(); r.check(ix); mins[r.code] = Math.min(mins[r.code] ?? Infinity, Number(process.hrtime.bigint() - t) / 1e6) }
}
console.log(Object.entries(mins).filter(([, t]) => t > 0.02).map(([k, t]) => `${k} ${t.toFixed(3)}`).join(' | '))
}
const lintOnly = best(() => { const ix = indexFlow(flow); for (const r of lintRules) r.check(ix) })
console.log('lint only (fresh index)', lintOnly.toFixed(3))
