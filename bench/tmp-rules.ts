import { generateFlow } from '../test/fixtures/generate-flow.ts'
import { validateFlow, indexFlow } from '../schemas/validate.ts'
import { lintRules } from '../schemas/lint/index.ts'
const text = JSON.stringify(generateFlow({ nodes: 1000, seed: 1 }))
const flow = JSON.parse(text)
const cpu = (fn: () => unknown, n = 200) => { for (let i = 0; i < 20; i++) fn(); const c = process.cpuUsage(); for (let i = 0; i < n; i++) fn(); const u = process.cpuUsage(c); return u.user / 1000 / n }
const parse = cpu(() => JSON.parse(text))
const v = cpu(() => validateFlow(flow))
console.log('JSON.parse', parse.toFixed(3), 'validateFlow', v.toFixed(3), 'ratio', (v / parse).toFixed(2))
const total: Record<string, number> = {}
for (let i = 0; i < 200; i++) {
  const ix = indexFlow(flow)
  for (const r of lintRules) { const t = process.hrtime.bigint(); r.check(ix); total[r.code] = (total[r.code] ?? 0) + Number(process.hrtime.bigint() - t) / 1e6 }
}
console.log(Object.entries(total).filter(([, t]) => t / 200 > 0.02).map(([k, t]) => `${k} ${(t / 200).toFixed(3)}`).join(' | '))
