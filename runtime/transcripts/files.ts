/**
 * The thin I/O edge of transcripts: read a transcript and its flow from disk, check both, run,
 * and write `--update`. Flows in the same folder are reachable by id (for subflows).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { Flow } from '../../schemas/nodes/step.ts'
import { hasErrors, validateText } from '../../schemas/validate.ts'
import type { FlowLookup } from '../engine/advance.ts'
import transcriptSchema from '../../schemas/transcript.schema.json' with { type: 'json' }
import { runTranscript, type TranscriptResult } from './run.ts'
import { writeTranscript } from './format.ts'
import type { Transcript } from './transcript.ts'

let compiled: ReturnType<typeof compile> | undefined
function compile() {
  const ajv = new Ajv2020.default({ allErrors: false, strict: true, allowUnionTypes: true })
  addFormats.default(ajv)
  return ajv.compile<Transcript>(transcriptSchema)
}

/** Problems with a parsed transcript against schemas/transcript.schema.json, as `pointer message` lines. */
export function transcriptProblems(value: unknown): string[] {
  const validate = (compiled ??= compile())
  if (validate(value)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`)
}

/** A transcript file that could not run at all: unreadable, not a transcript, or its flow is broken. */
export class TranscriptError extends Error {}

function readJson(path: string, what: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new TranscriptError(`cannot read the ${what} ${path}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new TranscriptError(`the ${what} ${path} is not valid JSON (${(error as Error).message})`)
  }
}

/** Reads and validates a flow file; throws TranscriptError naming its first error. */
export function loadFlow(path: string): Flow {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new TranscriptError(`cannot read the flow ${path}`)
  }
  const { flow, problems } = validateText(text)
  const first = problems.find((p) => p.severity === 'error')
  if (!flow || hasErrors(problems)) throw new TranscriptError(`the flow ${path} has errors (${first?.pointer || '/'}: ${first?.code} ${first?.message}); run switchboard validate`)
  return flow
}

/** Finds flows by id among the *.flow.json files next to the main flow (read when first asked). */
export function siblingLookup(main: Flow, folder: string): FlowLookup {
  let siblings: Map<string, Flow> | undefined
  return (id) => {
    if (id === main.id) return main
    siblings ??= new Map(
      readdirSync(folder)
        .filter((name) => name.endsWith('.flow.json'))
        .flatMap((name) => {
          try {
            const flow = loadFlow(join(folder, name))
            return [[flow.id, flow] as const]
          } catch {
            return []
          }
        }),
    )
    return siblings.get(id)
  }
}

export interface TranscriptRun extends TranscriptResult {
  transcript: Transcript
}

/** Reads, checks and runs one transcript file. Throws TranscriptError when it cannot run. */
export function runTranscriptFile(path: string): TranscriptRun {
  const transcript = readJson(path, 'transcript') as Transcript
  const problems = transcriptProblems(transcript)
  if (problems.length) throw new TranscriptError(`${path} is not a valid transcript: ${problems[0]}`)
  const flowPath = resolve(dirname(path), transcript.flow)
  const flow = loadFlow(flowPath)
  return { transcript, ...runTranscript(transcript, flow, siblingLookup(flow, dirname(flowPath))) }
}

/** Rewrites a transcript with the turns the flow now produces. */
export function updateTranscriptFile(path: string, run: TranscriptRun): void {
  writeFileSync(path, writeTranscript({ ...run.transcript, turns: run.actualTurns }))
}

/** Transcripts that sort next to a flow file: <name>.flow.json -> <name>.*.transcript.json. */
export function transcriptsOfFlow(flowPath: string): string[] {
  const name = basename(flowPath).replace(/\.flow\.json$/, '')
  return readdirSync(dirname(flowPath))
    .filter((file) => file.startsWith(`${name}.`) && file.endsWith('.transcript.json'))
    .sort()
    .map((file) => join(dirname(flowPath), file))
}
