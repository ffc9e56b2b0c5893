import { engineBench } from './engine.bench.ts'
const rows = engineBench.run() as any[]
for (const r of rows) console.log(r.name, r.value, r.baselineValue)
