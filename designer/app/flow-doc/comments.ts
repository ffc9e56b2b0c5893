/**
 * The comments document's shape, the one definition the page (designer/app/collab) and the server
 * (designer/server/collab/comments-doc.ts, which writes it through to `<flow>.comments.json`) share.
 * Comments are their own Yjs document at `/collab/<flow path>.comments`, never inside the flow.
 *
 * A top-level Y.Map `threads` keyed by thread id; each thread a Y.Map with `id`, `anchor` ({node} or
 * {x, y} on the canvas), `resolved`, `createdAt`, `author`, and `messages`, a Y.Array of plain
 * message objects {id, author, text, mentions, at}.
 */
import * as Y from 'yjs'

export interface Author {
  id?: string
  name: string
  color?: string
}

export type Anchor = { node: string } | { x: number; y: number }

export interface CommentMessage {
  id: string
  author: Author
  text: string
  /** Collaborators named with @name in the text. */
  mentions: string[]
  /** Milliseconds since 1970. */
  at: number
}

export interface CommentThread {
  id: string
  anchor: Anchor
  resolved: boolean
  createdAt: number
  author: Author
  messages: CommentMessage[]
}

export type ThreadMap = Y.Map<unknown>

export const threadsOf = (doc: Y.Doc) => doc.getMap<ThreadMap>('threads')
export const messagesOf = (thread: ThreadMap) => thread.get('messages') as Y.Array<CommentMessage>

/** A mention is `@` and a handle: the name with spaces as underscores ("Ada Lovelace" → @Ada_Lovelace). */
export const MENTION = /(?:^|[^\w@])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu

/** The handles mentioned in a text (`@ada`, `@ada.lovelace`), each once, in order of appearance. */
export function mentionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]))]
}

/** A thread as the document keeps it: its fields as values, its messages a Y.Array. */
export function threadMap(thread: CommentThread): ThreadMap {
  const entries: [string, unknown][] = Object.entries(thread)
    .filter(([key, value]) => key !== 'messages' && value !== undefined)
    .map(([key, value]) => [key, structuredClone(value)])
  entries.push(['messages', Y.Array.from(thread.messages.map((m) => structuredClone(m)))])
  return new Y.Map(entries)
}

/** Starts a thread with its first message (mentions read from the text). */
export function addThread(doc: Y.Doc, thread: Omit<CommentThread, 'messages' | 'resolved'> & { text: string; messageId: string }, origin?: unknown): void {
  const { text, messageId, ...rest } = thread
  doc.transact(() => {
    threadsOf(doc).set(rest.id, threadMap({ ...rest, resolved: false, messages: [{ id: messageId, author: rest.author, text, mentions: mentionsIn(text), at: rest.createdAt }] }))
  }, origin)
}

export function reply(doc: Y.Doc, threadId: string, message: Omit<CommentMessage, 'mentions'>, origin?: unknown): void {
  doc.transact(() => {
    const messages = threadsOf(doc).get(threadId)?.get('messages')
    if (messages instanceof Y.Array) messages.push([{ ...message, mentions: mentionsIn(message.text) }])
  }, origin)
}

export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean, origin?: unknown): void {
  doc.transact(() => threadsOf(doc).get(threadId)?.set('resolved', resolved), origin)
}

export function removeThread(doc: Y.Doc, threadId: string, origin?: unknown): void {
  doc.transact(() => threadsOf(doc).delete(threadId), origin)
}
