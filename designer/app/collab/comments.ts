/**
 * Comment threads on the page's side of `/collab/<flow>.comments`: the document shape the server's
 * comments-doc.ts defines (a `threads` map of Y.Maps, messages a Y.Array of plain objects), read
 * into plain threads for the views and changed by one transaction per action. The shape is checked
 * against the server's reader in test/collab-comments.test.ts.
 */
import * as Y from 'yjs'
import { mentionsIn } from './mentions.ts'
import type { User } from './presence.ts'

export type Anchor = { node: string } | { x: number; y: number }

export interface CommentMessage {
  id: string
  author: { name: string; color?: string }
  text: string
  mentions: string[]
  at: number
}

export interface CommentThread {
  id: string
  anchor: Anchor
  resolved: boolean
  createdAt: number
  author: { name: string; color?: string }
  messages: CommentMessage[]
}

type ThreadMap = Y.Map<unknown>
const threadsOf = (doc: Y.Doc) => doc.getMap<ThreadMap>('threads')

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
  const message: CommentMessage = { id: newId('m'), author, text, mentions: mentionsIn(text), at }
  doc.transact(() => {
    threadsOf(doc).set(id, new Y.Map<unknown>([['id', id], ['anchor', anchor], ['resolved', false], ['createdAt', at], ['author', author], ['messages', Y.Array.from([message])]]))
  })
  return id
}

export function replyTo(doc: Y.Doc, threadId: string, author: User, text: string, at = Date.now()): void {
  doc.transact(() => {
    const messages = threadsOf(doc).get(threadId)?.get('messages')
    if (messages instanceof Y.Array) messages.push([{ id: newId('m'), author, text, mentions: mentionsIn(text), at }])
  })
}

export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean): void {
  doc.transact(() => threadsOf(doc).get(threadId)?.set('resolved', resolved))
}

export function deleteThread(doc: Y.Doc, threadId: string): void {
  doc.transact(() => threadsOf(doc).delete(threadId))
}

/** What a thread is pinned to, in words. */
export const anchorLabel = (anchor: Anchor, nodeName?: (id: string) => string) => ('node' in anchor ? (nodeName?.(anchor.node) ?? anchor.node) : `canvas point (${Math.round(anchor.x)}, ${Math.round(anchor.y)})`)
