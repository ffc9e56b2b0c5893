/**
 * The transcript format in TypeScript (schemas/transcript.schema.json is the source of truth; the
 * transcript test checks every fixture against it) and how the bot's output becomes transcript turns.
 */
import type { Action, ChannelName, Contact } from '../../schemas/nodes/step.ts'
import type { EndAction } from '../../schemas/nodes/step.ts'
import { previewActions, type PreviewTurn } from '../channels/preview.ts'

export type UserTurn = { user: string }
export type ChoiceTurn = { choice: string }
export type PressTurn = { press: string }
export type SilenceTurn = { silence: true }
/** The caller left a voicemail (its recording's URL); an empty string: the recording came back empty. */
export type RecordingTurn = { recording: string }
export type AfterTurn = { after: string }
export type HttpTurn = { http: string; respond: { status: number; body?: unknown; error?: string } }
export type AgentTurn = { agent: 'resolved'; resumeAt?: string }
export type CloseTurn = { close: true }
export type ListRow = string | { title: string; description?: string }
export type BotTurn = {
  bot: string
  buttons?: string[]
  listButton?: string
  list?: ListRow[]
  numbered?: boolean
  media?: { kind: string; url: string }
  template?: string
  note?: string
}
export type EndTurn = { end: EndAction['reason'] }

/** Turns the customer, the clock or the agent take: the runner sends them to the engine. */
export type InputTurn = UserTurn | ChoiceTurn | PressTurn | SilenceTurn | RecordingTurn | AfterTurn | AgentTurn | CloseTurn
/** Turns the flow takes: the runner compares them with what the engine and the channel produced. */
export type OutputTurn = BotTurn | EndTurn
export type Turn = InputTurn | HttpTurn | OutputTurn

export interface Transcript {
  $schema?: string
  description?: string
  flow: string
  channel: ChannelName
  lang?: string
  at?: string
  contact?: Partial<Contact>
  variables?: Record<string, unknown>
  start?: 'message' | 'conversation'
  turns: Turn[]
}

/** One thing the bot did that a transcript must account for, in the order it happened. */
export type Output =
  | { kind: 'bot'; turn: PreviewTurn }
  | { kind: 'http'; request: string; call: string }
  | { kind: 'end'; reason: EndAction['reason'] }

/**
 * The bot's actions as the channel shows them. HTTP calls and the end split the batch so they sit
 * between the messages around them; the end is its own turn, not a rendered "hangs up".
 */
export function outputsOf(channel: ChannelName, actions: Action[], language?: string): Output[] {
  const outputs: Output[] = []
  let batch: Action[] = []
  const flush = () => {
    if (batch.length) outputs.push(...previewActions(channel, batch, { language }).map((turn) => ({ kind: 'bot' as const, turn })))
    batch = []
  }
  for (const action of actions) {
    if (action.type === 'call-http') {
      flush()
      outputs.push({ kind: 'http', request: action.request, call: `${action.method} ${action.url}` })
    } else if (action.type === 'end') {
      flush()
      outputs.push({ kind: 'end', reason: action.reason })
    } else batch.push(action)
  }
  flush()
  return outputs
}

/** A rendered turn written as a transcript turn, every field included. */
export function botTurnOf(turn: PreviewTurn): BotTurn {
  return {
    bot: turn.text,
    ...(turn.buttons && { buttons: turn.buttons }),
    ...(turn.list && {
      listButton: turn.list.button,
      list: turn.list.rows.map((row) => (row.description ? { title: row.title, description: row.description } : row.title)),
    }),
    ...(turn.numbered && { numbered: true }),
    ...(turn.media && { media: { kind: turn.media.kind, url: turn.media.url } }),
    ...(turn.template && { template: turn.template }),
    ...(turn.note && { note: turn.note }),
  }
}

export const isOutputTurn = (turn: Turn): turn is OutputTurn => 'bot' in turn || 'end' in turn
export const isHttpTurn = (turn: Turn): turn is HttpTurn => 'http' in turn
