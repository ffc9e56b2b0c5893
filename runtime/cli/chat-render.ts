/** How `switchboard chat` prints a bot turn in the terminal: text, then buttons, list rows, notes. */
import type { PreviewTurn } from '../channels/preview.ts'

const indent = '     '

/** Lines for one rendered turn, the first starting with `bot: `. */
export function renderTurnLines(turn: PreviewTurn): string[] {
  const lines = turn.text ? turn.text.split('\n') : []
  if (turn.media) lines.push(`(${turn.media.kind}: ${turn.media.url})`)
  if (turn.buttons?.length) lines.push(turn.buttons.map((b) => `[${b}]`).join(' '))
  if (turn.list) {
    lines.push(`☰ [${turn.list.button}]`)
    for (const row of turn.list.rows) lines.push(`  - ${row.title}${row.description ? ` — ${row.description}` : ''}`)
  }
  if (turn.template) lines.push(`(template ${turn.template})`)
  if (turn.note) lines.push(`(${turn.note})`)
  if (!lines.length) lines.push('')
  return lines.map((line, i) => `${i === 0 ? 'bot: ' : indent}${line}`)
}

export const chatHelp = [
  'Type what the customer says. Commands:',
  '  /silence        the caller says nothing (no-input)',
  '  /wait PT10M     time passes; due timers fire',
  '  /record [url]   the caller\'s voicemail is ready (no url: it came back empty)',
  '  /agent [node]   the human agent hands the conversation back',
  '  /close          the customer leaves',
  '  /quit           stop',
].join('\n')
