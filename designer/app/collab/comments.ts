/**
 * Comment threads on the page's side of `/collab/<flow>.comments`. The document's shape and its
 * edits live in flow-doc/comments.ts, shared with the server that writes the comments file; this
 * file reads it tolerantly for the views and gives each action its ids and time.
 */
import * as Y from 'yjs'
import { addThread, reply, removeThread, setResolved as setThreadResolved, threadsOf, type Anchor, type CommentMessage, type CommentThread, type ThreadMap } from '../flow-doc/comments.ts'
import type { User } from './presence.ts'

export type { Anchor, CommentMessage, CommentThread } from '../flow-doc/comments.ts'

const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

function toThread(map: ThreadMap): CommentThread | undefined {
  const messages = map.get('messages')
  const anchor = map.get('anchor') as Anchor | undefined
  if (typeof map.get('id') !== 'string' || !anchor || !(messages instanceof Y.Array)) return undefined
  return {
    id: map.get('id') as string,
    anchor,
    resolved: map.get('resolved') === true,
    createdAt: Number(map.get('createdAt') ?? 0),
    author: (map.get('author') as CommentThread['author']) ?? { name: '?' },
    messages: (messages.toArray() as CommentMessage[]).filter((m) => m && typeof m.text === 'string'),
  }
}

/** The threads, oldest first; malformed ones (from an old or foreign writer) left out. */
export function readThreads(doc: Y.Doc): CommentThread[] {
  return [...threadsOf(doc).values()]
    .map(toThread)
    .filter((t): t is CommentThread => !!t)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
}

/** Starts a thread with its first message; returns its id. */
export function startThread(doc: Y.Doc, anchor: Anchor, author: User, text: string, at = Date.now()): string {
  const id = newId('t')
  addThread(doc, { id, anchor, createdAt: at, author, text, messageId: newId('m') })
  return id
}

export function replyTo(doc: Y.Doc, threadId: string, author: User, text: string, at = Date.now()): void {
  reply(doc, threadId, { id: newId('m'), author, text, at })
}

export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean): void {
  setThreadResolved(doc, threadId, resolved)
}

export function deleteThread(doc: Y.Doc, threadId: string): void {
  removeThread(doc, threadId)
}

/** What a thread is pinned to, in words. */
export const anchorLabel = (anchor: Anchor, nodeName?: (id: string) => string) => ('node' in anchor ? (nodeName?.(anchor.node) ?? anchor.node) : `canvas point (${Math.round(anchor.x)}, ${Math.round(anchor.y)})`)
