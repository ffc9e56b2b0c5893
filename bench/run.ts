/**
 * `npm run bench [-- NAME]`: runs every benchmark (or those whose name contains NAME), prints a
 * table with each value's ratio to a baseline measured in the same run, and writes the rows to
 * bench-results.json at the repository root (DESIGN.md contract). Adding a benchmark: one file in
 * bench/ exporting a Benchmark, plus one line in the list below.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Benchmark, BenchRow } from './measure.ts'
import { validateBench } from './validate.bench.ts'
import { engineBench } from './engine.bench.ts'
import { collabBench } from './collab.bench.ts'
import { webhookBench } from './webhook.bench.ts'

export const benchmarks: Benchmark[] = [
  validateBench,
  engineBench,
  webhookBench,
  collabBench,
  (await import('./designer.bench.ts')).designerBench,
]

function table(rows: BenchRow[]): string {
  const header = ['name', 'value', 'unit', 'baseline', 'baseline value', 'ratio']
  const cells = rows.map((r) => [r.name, String(r.value), r.unit, r.baseline, String(r.baselineValue), String(r.ratio)])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: string[]) => c.map((v, i) => (i === 1 || i === 4 || i === 5 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
}

async function main(filter: string | undefined) {
  const selected = benchmarks.filter((b) => !filter || b.name.includes(filter))
  if (!selected.length) {
    console.error(`no benchmark name contains '${filter}'; known: ${benchmarks.map((b) => b.name).join(', ')}`)
    process.exitCode = 2
    return
  }
  const rows: BenchRow[] = []
  for (const benchmark of selected) {
    const started = process.hrtime.bigint()
    rows.push(...(await benchmark.run()))
    console.log(`${benchmark.name}: done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`)
  }
  console.log(`\n${table(rows)}\n`)
  const out = fileURLToPath(new URL('../bench-results.json', import.meta.url))
  writeFileSync(out, JSON.stringify(rows, null, 2) + '\n')
  console.log(`wrote ${rows.length} rows to bench-results.json`)
}

await main(process.argv[2])
