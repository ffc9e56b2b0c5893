/**
 * The examples teach, so they must run and be walked whole: each examples/*.flow.json validates
 * without errors or warnings, and its transcripts together enter every node, take every connected
 * exit and fire every trigger. An exit left unconnected is lint's business (dead-end), not a path.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Flow } from '../schemas/nodes/step.ts'
import { validateText } from '../schemas/validate.ts'
import type { PathStep } from '../runtime/engine/advance.ts'
import { runTranscriptFile } from '../runtime/transcripts/files.ts'
import { describeMismatch } from '../runtime/transcripts/format.ts'

const examples = new URL('../examples/', import.meta.url).pathname
const files = readdirSync(examples).sort()
const flowFiles = files.filter((f) => f.endsWith('.flow.json'))
const transcriptFiles = files.filter((f) => f.endsWith('.transcript.json'))

const flows = flowFiles.map((file) => ({ file, text: readFileSync(join(examples, file), 'utf8') }))

/** Every transcript's path, run once for the whole file. */
const visited: { file: string; ok: boolean; failure: string; path: PathStep[] }[] = transcriptFiles.map((file) => {
  const run = runTranscriptFile(join(examples, file))
  return { file, ok: run.ok, failure: run.mismatches.map((m) => describeMismatch(m)).join('\n'), path: run.visited }
})

/** What a flow's transcripts must cover: `node n`, `exit n.e`, `trigger t`. */
function required(flow: Flow): string[] {
  return [
    ...flow.nodes.flatMap((node) => [`node ${node.id}`, ...Object.entries(node.exits ?? {}).filter(([, target]) => target).map(([exit]) => `exit ${node.id}.${exit}`)]),
    ...(flow.triggers ?? []).map((trigger) => `trigger ${trigger.id}`),
  ]
}

function covered(flowId: string): Set<string> {
  const seen = new Set<string>()
  for (const { path } of visited)
    for (const step of path) {
      if (step.flow !== flowId) continue
      if ('trigger' in step) seen.add(`trigger ${step.trigger}`)
      else seen.add(step.exit === undefined ? `node ${step.node}` : `exit ${step.node}.${step.exit}`)
    }
  return seen
}

it('there are example flows, each with transcripts', () => {
  expect(flowFiles.length).toBeGreaterThanOrEqual(5)
  for (const { file } of flows) expect(transcriptFiles.filter((t) => t.startsWith(file.replace(/flow\.json$/, ''))), file).not.toEqual([])
})

describe.each(flows)('examples/$file', ({ file, text }) => {
  const { flow, problems } = validateText(text)

  it('validates without errors or warnings', () => {
    expect(problems.filter((p) => p.severity !== 'info').map((p) => `${p.pointer}: ${p.code} ${p.message}`)).toEqual([])
  })

  it('has transcripts that pass and walk every node, exit and trigger', () => {
    const mine = visited.filter((v) => v.file.startsWith(file.replace(/flow\.json$/, '')))
    for (const run of mine) expect(run.ok, `${run.file}\n${run.failure}`).toBe(true)
    const seen = covered(flow!.id)
    expect(required(flow!).filter((item) => !seen.has(item)), `not walked by any examples transcript`).toEqual([])
  })
})
