import { generateFlow } from '../test/fixtures/generate-flow.ts'
import { validateFlow, indexFlow } from '../schemas/validate.ts'
import { lintRules } from '../schemas/lint/index.ts'
const compact = JSON.stringify(generateFlow({ nodes: 1000, seed: 1 }))
const pretty = JSON.stringify(JSON.parse(compact), null, 2)
const flow = JSON.parse(compact)
const invalid = { ...flow, id: 5 } // schema fails -> ajv only (one error)
const best = (fn: () => unknown, batches = 400, per = 1) => { for (let i = 0; i < 20; i++) fn(); let min = Infinity; for (let b = 0; b < batches; b++) { const t = process.hrtime.bigint(); for (let i = 0; i < per; i++) fn(); min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6 / per) } return min }
const r: Record<string, number> = {}
for (let k = 0; k < 2; k++) {
  r.parseCompact = best(() => JSON.parse(compact))
  r.parsePretty = best(() => JSON.parse(pretty))
  r.ajvOnly = best(() => validateFlow(invalid))
  r.lint = best(() => { const ix = indexFlow(flow); for (const x of lintRules) x.check(ix) })
  r.validateFlow = best(() => validateFlow(flow))
}
console.log(Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(' | '), `| ratio compact ${(r.validateFlow / r.parseCompact).toFixed(2)} pretty ${(r.validateFlow / r.parsePretty).toFixed(2)}`)
