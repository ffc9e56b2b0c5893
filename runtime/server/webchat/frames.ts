/**
 * Server frames the widget needs beyond protocol.ts: errors, the history sent on hello (so a
 * reloaded page restores the conversation) and the customer's own messages echoed to the
 * conversation's other tabs.
 */
import type { AskOption } from '../../../schemas/nodes/step.ts'
import { webchatOutbound } from '../../channels/webchat/outbound.ts'
import type { ServerMessageFrame } from '../../channels/webchat/protocol.ts'
import type { TranscriptEntry } from '../../host/store.ts'

/** Server → client: a frame was refused; the socket stays open unless `code` says otherwise. */
export interface ErrorFrame {
  type: 'error'
  code: 'bad-frame' | 'hello-first' | 'site-key-required' | 'unknown-site' | 'rate-limited' | 'internal'
  message: string
}

export type HistoryMessage =
  | (ServerMessageFrame & { from: 'bot' | 'agent' })
  | { type: 'message'; id: string; from: 'customer'; text: string }

/** Server → client, right after `session`: the whole conversation so far, oldest first. */
export interface HistoryFrame {
  type: 'history'
  messages: HistoryMessage[]
}

/** Server → the conversation's other sockets: what the customer sent from one tab. */
export interface CustomerFrame {
  type: 'customer'
  text: string
  echo?: string
}

/** Most history lines sent on hello: enough for any chat, bounded for very long ones. */
export const historyLimit = 200

/** Transcript lines → history messages, rendered the way live frames are (quick replies, list sheets). */
export function historyFrame(entries: readonly TranscriptEntry[]): HistoryFrame {
  const messages: HistoryMessage[] = []
  entries.slice(-historyLimit).forEach((entry, i) => {
    const id = `h${i}`
    if (entry.from === 'customer') messages.push({ type: 'message', id, from: 'customer', text: entry.text })
    if (entry.from !== 'bot' && entry.from !== 'agent') return
    const options = (entry.data as { options?: AskOption[] } | undefined)?.options
    const frames = webchatOutbound([options?.length ? { type: 'ask', text: entry.text, options } : { type: 'say', text: entry.text }], { firstId: 0 })
    frames.forEach((frame, n) => {
      if (frame.type === 'message') messages.push({ ...frame, id: `${id}.${n}`, from: entry.from as 'bot' | 'agent' })
    })
  })
  return { type: 'history', messages }
}
