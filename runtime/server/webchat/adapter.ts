/**
 * The webchat channel adapter: engine actions become protocol frames (webchatOutbound) in the
 * outbox; sending pushes a frame to every open socket of the conversation. With no socket open
 * the frame is simply not pushed: the transcript keeps the message and a later hello restores it.
 */
import type { ChannelAdapter } from '../../host/host.ts'
import { webchatOutbound } from '../../channels/webchat/outbound.ts'
import type { WebchatHub } from './hub.ts'

/** Frame ids per event: `m<seq * 1000 + n>`, unique within the session and in order. */
const idsPerEvent = 1000

export function createWebchatAdapter(hub: WebchatHub): ChannelAdapter {
  return {
    translate(actions, { session, now, from }) {
      if (from !== 'agent') return { payloads: webchatOutbound(actions, { firstId: session.seq * idsPerEvent }) }
      // An agent's message (the desk): marked so the widget shows who wrote, with ids apart from the bot's.
      return { payloads: webchatOutbound(actions, { firstId: 0 }).map((frame) => (frame.type === 'message' ? { ...frame, id: `a${now.toString(36)}.${frame.id}`, from: 'agent' } : frame)) }
    },
    async send(record) {
      hub.broadcast(record.key, record.payload as object)
      return {}
    },
  }
}
