/**
 * The web chat widget protocol: JSON frames over the /webchat WebSocket, one frame per message.
 *
 * The client says hello first (with the session id it stored, to resume after a reload or a
 * reconnect); the server answers with the session id to store. Quick replies post their `id` as
 * `choice` and the widget shows the label; list rows work the same way.
 */

/** Client → server: open or resume a conversation. */
export interface HelloFrame {
  type: 'hello'
  session?: string
  siteKey?: string
}
/** Client → server: what the customer typed or tapped. `echo` is the client's own id, echoed back to dedupe optimistic sends. */
export interface ClientMessageFrame {
  type: 'message'
  text?: string
  choice?: string
  echo?: string
}
/** Client → server: the customer closed the chat. */
export interface CloseFrame {
  type: 'close'
}
export type ClientFrame = HelloFrame | ClientMessageFrame | CloseFrame

export interface QuickReply {
  id: string
  label: string
}
export interface ListSheet {
  button: string
  rows: { id: string; title: string; description?: string }[]
}
/** Server → client: a bot bubble. `id` is unique within the session, in order. */
export interface ServerMessageFrame {
  type: 'message'
  id: string
  text: string
  quickReplies?: QuickReply[]
  list?: ListSheet
  media?: { kind: 'image' | 'audio' | 'video' | 'document'; url: string }
}
export interface TypingFrame {
  type: 'typing'
  on: boolean
}
export interface EndedFrame {
  type: 'ended'
}
/** Server → client: the session id to store and present on the next hello. */
export interface SessionFrame {
  type: 'session'
  id: string
}
/** Server → client: the conversation went to a human queue (the widget may show it). */
export interface HandedOffFrame {
  type: 'handed-off'
  queue: string
}
export type ServerFrame = ServerMessageFrame | TypingFrame | EndedFrame | SessionFrame | HandedOffFrame
