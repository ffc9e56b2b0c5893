/**
 * Web chat client frames → what the host needs: a hello to open or resume a session, or an engine
 * event. Never throws; anything off-protocol gives `{ error }`.
 */
import type { EngineEvent } from '../../../schemas/nodes/step.ts'
import { isRecord, stringField } from '../shape.ts'

export type WebchatInbound =
  | { type: 'hello'; session?: string; siteKey?: string }
  | { type: 'event'; event: EngineEvent }
  | { error: string }

/** Translate one frame: the raw WebSocket text or an already parsed object. `now` stamps the event. */
export function webchatInbound(frame: unknown, now: number): WebchatInbound {
  let data = frame
  if (typeof frame === 'string') {
    try {
      data = JSON.parse(frame)
    } catch {
      return { error: 'frame is not JSON' }
    }
  }
  if (!isRecord(data)) return { error: 'frame is not an object' }
  switch (data.type) {
    case 'hello': {
      const session = stringField(data, 'session')
      const siteKey = stringField(data, 'siteKey')
      if (data.session !== undefined && !session) return { error: 'hello.session must be a non-empty string' }
      return { type: 'hello', ...(session && { session }), ...(siteKey && { siteKey }) }
    }
    case 'message': {
      const text = typeof data.text === 'string' && data.text.trim() !== '' ? data.text : undefined
      const choice = stringField(data, 'choice')
      if (!text && !choice) return { error: 'message needs text or choice' }
      const echo = stringField(data, 'echo')
      return { type: 'event', event: { type: 'message-received', at: now, ...(text && { text }), ...(choice && { choice }), ...(echo && { messageId: echo }) } }
    }
    case 'close':
      return { type: 'event', event: { type: 'conversation-closed', at: now } }
    default:
      return { error: `unknown frame type ${JSON.stringify(data.type ?? null)}` }
  }
}
