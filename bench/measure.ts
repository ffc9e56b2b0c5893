/**
 * Timing helpers shared by the benchmarks: a hand-written loop over process.hrtime.bigint (no extra
 * dependency), warm-up first, subject and baseline interleaved sample by sample so that a noisy
 * neighbour on a shared machine slows both alike, and robust statistics (median, p99).
 */

/** One line of the table and of bench-results.json (DESIGN.md contract: these six fields). */
export interface BenchRow {
  name: string
  value: number
  unit: string
  baseline: string
  baselineValue: number
  /** value / baselineValue. */
  ratio: number
}

/** A benchmark: one file in bench/, one line in bench/run.ts. */
export interface Benchmark {
  name: string
  run(): BenchRow[] | Promise<BenchRow[]>
}

export interface Stats {
  median: number
  p99: number
  mean: number
  count: number
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
  return { median: at(0.5), p99: at(0.99), mean: sorted.reduce((s, v) => s + v, 0) / sorted.length, count: sorted.length }
}

/** Keeps results alive so the optimiser cannot drop the measured work. */
export let sink: unknown
export const keep = (value: unknown) => {
  sink = value
}

/** Nanoseconds per call of `fn`, over `count` calls timed together. */
export function timeBatch(fn: (i: number) => unknown, count: number): number {
  const start = process.hrtime.bigint()
  for (let i = 0; i < count; i++) sink = fn(i)
  return Number(process.hrtime.bigint() - start) / count
}

export interface CompareOptions {
  /** Calls per timed sample (use > 1 when one call takes well under a microsecond or two). */
  batch?: number
  /** Timed samples of each side. */
  samples: number
  /** Untimed samples of each side first, for the JIT and the caches. */
  warmup: number
}

/** Per-call nanoseconds of subject and baseline, sampled alternately. */
export function compare(subject: (i: number) => unknown, baseline: (i: number) => unknown, options: CompareOptions) {
  const batch = options.batch ?? 1
  for (let i = 0; i < options.warmup; i++) {
    timeBatch(subject, batch)
    timeBatch(baseline, batch)
  }
  const s: number[] = []
  const b: number[] = []
  for (let i = 0; i < options.samples; i++) {
    s.push(timeBatch(subject, batch))
    b.push(timeBatch(baseline, batch))
  }
  return { subject: stats(s), baseline: stats(b) }
}

const round = (n: number) => Number(n.toPrecision(4))

export function row(name: string, value: number, unit: string, baseline: string, baselineValue: number): BenchRow {
  return { name, value: round(value), unit, baseline, baselineValue: round(baselineValue), ratio: round(value / baselineValue) }
}
