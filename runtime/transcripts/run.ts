/**
 * Replays a transcript through the engine and the channel's rendering, and says where the flow
 * now answers differently. Pure: the flows come in parsed, the clock is the transcript's own.
 * Every bot turn, HTTP call and end must be written in the transcript, in order; output the
 * transcript does not expect (before the next customer turn or after the last turn) is a failure,
 * so transcripts stay complete conversations.
 */
import type { Flow } from '../../schemas/nodes/step.ts'
import type { FlowLookup, PathStep } from '../engine/advance.ts'
import { durationSeconds } from '../../schemas/duration.ts'
import { startConversation, startsWithConversation, type Input } from './conversation.ts'
import { botTurnOf, isHttpTurn, isOutputTurn, outputsOf, type BotTurn, type HttpTurn, type InputTurn, type Output, type OutputTurn, type Transcript, type Turn } from './transcript.ts'

/** The default start: Monday 5 January 2026, 09:00 UTC (business hours almost everywhere). */
export const DEFAULT_START = '2026-01-05T09:00:00Z'

export interface Mismatch {
  /** Index of the transcript turn where the difference shows (turns.length: after the last turn). */
  turn: number
  /** What the transcript expected there (absent: nothing more). */
  expected?: Turn
  /** What the flow did there (absent: nothing). */
  got?: Turn
  message: string
}

export interface TranscriptResult {
  ok: boolean
  mismatches: Mismatch[]
  /** The conversation as the flow now has it: what `--update` writes. Matching turns are kept as written. */
  actualTurns: Turn[]
  /** Every node entered, exit taken and trigger fired, in order (for coverage reports). */
  visited: PathStep[]
}

/** Runs a parsed transcript against its flow (and the flows it calls, through `lookup`). */
export function runTranscript(transcript: Transcript, flow: Flow, lookup: FlowLookup = (id) => (id === flow.id ? flow : undefined)): TranscriptResult {
  const start = Date.parse(transcript.at ?? DEFAULT_START)
  const visited: PathStep[] = []
  const conversation = startConversation(flow, lookup, {
    path: visited,
    channel: transcript.channel,
    contact: { id: 'transcript', ...transcript.contact, ...(transcript.lang && { language: transcript.lang }) },
    at: Number.isNaN(start) ? Date.parse(DEFAULT_START) : start,
    variables: transcript.variables,
  })
  const queue: Output[] = []
  const actualTurns: Turn[] = []
  const mismatches: Mismatch[] = []
  const emit = (actions: ReturnType<typeof conversation.send>) => queue.push(...outputsOf(transcript.channel, actions, conversation.session.language))

  /** Output nobody expected (up to the next HTTP call, for an http turn): recorded for --update, reported once. */
  function flushUnexpected(index: number, expected?: Turn) {
    let reported = false
    while (queue.length && !(expected && isHttpTurn(expected) && queue[0].kind === 'http')) {
      const got = turnOf(queue.shift()!)
      actualTurns.push(got)
      if (!reported) mismatches.push({ turn: index, expected, got, message: expected ? 'the bot did more before this turn' : 'the bot did more after the last turn' })
      reported = true
    }
  }

  if ((transcript.start ?? (startsWithConversation(flow, transcript.channel) ? 'conversation' : 'message')) === 'conversation') {
    emit(conversation.send({ type: 'conversation-started', ...(transcript.variables && { variables: transcript.variables }) }))
  }

  transcript.turns.forEach((turn, index) => {
    if (isOutputTurn(turn)) {
      const output = queue.shift()
      const got = output && turnOf(output)
      if (got && matchesTurn(turn, got)) actualTurns.push(turn)
      else {
        if (got) actualTurns.push(got)
        mismatches.push({ turn: index, expected: turn, got, message: got ? 'the bot did something else' : 'the bot did not do this' })
      }
      return
    }
    if (isHttpTurn(turn)) {
      flushUnexpected(index, turn)
      const output = queue.shift()
      if (!output || output.kind !== 'http') {
        mismatches.push({ turn: index, expected: turn, message: 'the flow made no HTTP call here' })
        return
      }
      if (matchesText(turn.http, output.call)) actualTurns.push(turn)
      else {
        actualTurns.push({ http: output.call, respond: turn.respond })
        mismatches.push({ turn: index, expected: turn, got: { http: output.call, respond: turn.respond }, message: 'the flow called another URL' })
      }
      emit(conversation.send({ type: 'http-responded', request: output.request, ...turn.respond }))
      return
    }
    flushUnexpected(index, turn)
    actualTurns.push(turn)
    emit(sendInput(conversation, turn))
  })
  flushUnexpected(transcript.turns.length)
  return { ok: mismatches.length === 0, mismatches, actualTurns, visited }
}

function sendInput(conversation: ReturnType<typeof startConversation>, turn: InputTurn) {
  if ('after' in turn) return conversation.advanceTo(conversation.now + (durationSeconds(turn.after) ?? 0) * 1000)
  return conversation.send(inputOf(turn))
}

/** The engine event a customer / agent turn stands for. */
export function inputOf(turn: Exclude<InputTurn, { after: string }>): Input {
  if ('user' in turn) return { type: 'message-received', text: turn.user }
  if ('choice' in turn) return { type: 'message-received', choice: turn.choice }
  if ('press' in turn) return { type: 'message-received', digits: turn.press }
  if ('silence' in turn) return { type: 'no-input' }
  if ('recording' in turn) return { type: 'recording-finished', ...(turn.recording && { url: turn.recording }) }
  if ('agent' in turn) return { type: 'handoff-ended', ...(turn.resumeAt && { resumeAt: turn.resumeAt }) }
  return { type: 'conversation-closed' }
}

export function turnOf(output: Output): OutputTurn | HttpTurn {
  if (output.kind === 'bot') return botTurnOf(output.turn)
  if (output.kind === 'end') return { end: output.reason }
  return { http: output.call, respond: { status: 0 } }
}

/** `…` (or `...`) in the expected text matches any run of characters; the rest must be equal. */
export function matchesText(expected: string, actual: string): boolean {
  if (!/…|\.\.\./.test(expected)) return expected === actual
  const parts = expected.split(/…|\.\.\./).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('[\\s\\S]*')}$`).test(actual) || expected === actual
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const rowsOf = (rows: BotTurn['list']) => rows?.map((row) => (typeof row === 'string' ? { title: row } : row))

/** Whether the flow's turn is the expected one. Fields the transcript leaves out are not compared. */
export function matchesTurn(expected: OutputTurn, got: Turn): boolean {
  if ('end' in expected) return 'end' in got && got.end === expected.end
  if (!('bot' in got)) return false
  if (!matchesText(expected.bot, got.bot)) return false
  if (expected.note !== undefined && !matchesText(expected.note, got.note ?? '')) return false
  if (expected.list !== undefined && !same(rowsOf(expected.list), rowsOf(got.list))) return false
  const exact = ['buttons', 'listButton', 'numbered', 'media', 'template'] as const
  return exact.every((field) => expected[field] === undefined || same(expected[field], got[field]))
}
