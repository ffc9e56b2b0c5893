/**
 * Transcripts for people: one chat line per turn (for failure diffs and `chat`), and the file
 * writer `--update` uses, one turn per line so a git diff reads like a chat.
 */
import type { Mismatch } from './run.ts'
import type { BotTurn, Transcript, Turn } from './transcript.ts'

const rowText = (row: NonNullable<BotTurn['list']>[number]) => (typeof row === 'string' ? row : row.description ? `${row.title} (${row.description})` : row.title)

/** A turn as one line of chat: `user: hi`, `bot: Hello [Yes] [No]`, `(after PT10M)`. */
export function describeTurn(turn: Turn | undefined): string {
  if (!turn) return '(nothing)'
  if ('user' in turn) return `user: ${turn.user}`
  if ('choice' in turn) return `user taps: ${turn.choice}`
  if ('press' in turn) return `user presses: ${turn.press}`
  if ('silence' in turn) return '(silence)'
  if ('recording' in turn) return `(caller leaves a voicemail${turn.recording ? `: ${turn.recording}` : ', empty'})`
  if ('after' in turn) return `(after ${turn.after})`
  if ('http' in turn) return `http: ${turn.http} -> ${turn.respond.status}`
  if ('agent' in turn) return `agent: ${turn.agent}${turn.resumeAt ? ` at ${turn.resumeAt}` : ''}`
  if ('close' in turn) return '(customer leaves)'
  if ('end' in turn) return `(end: ${turn.end})`
  const parts = [`bot: ${turn.bot.replace(/\n/g, ' / ')}`]
  if (turn.buttons) parts.push(turn.buttons.map((b) => `[${b}]`).join(' '))
  if (turn.list) parts.push(`☰ ${turn.listButton ?? 'list'}: ${turn.list.map(rowText).join(' | ')}`)
  if (turn.media) parts.push(`<${turn.media.kind} ${turn.media.url}>`)
  if (turn.template) parts.push(`(template ${turn.template})`)
  if (turn.note) parts.push(`(${turn.note})`)
  return parts.join(' ')
}

/** A mismatch as a small chat diff: `- expected` / `+ got`. */
export function describeMismatch(mismatch: Mismatch, indent = '    '): string {
  const where = mismatch.expected ? `turn ${mismatch.turn + 1}` : 'after the last turn'
  return [`${indent}${where}: ${mismatch.message}`, `${indent}- ${describeTurn(mismatch.expected)}`, `${indent}+ ${describeTurn(mismatch.got)}`].join('\n')
}

/** JSON on one line with a space after `:` `,` and inside braces: `{ "user": "hi" }`. */
export function compactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(', ')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${compactJson(v)}`).join(', ')} }` : '{}'
  }
  return JSON.stringify(value)
}

/** The transcript file: header fields one per line, then one turn per line. */
export function writeTranscript(transcript: Transcript): string {
  const { turns, ...header } = transcript
  const lines = Object.entries(header)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${compactJson(v)},`)
  const body = turns.map((turn, i) => `    ${compactJson(turn)}${i < turns.length - 1 ? ',' : ''}`)
  const list = body.length ? `[\n${body.join('\n')}\n  ]` : '[]'
  return `{\n${lines.join('\n')}\n  "turns": ${list}\n}\n`
}
