/**
 * Comments on a flow as their own Yjs document (never inside the flow document or the flow file,
 * which is what the runtime loads). Shared at `/collab/<flow path>.comments`, written through to
 * `<flow basename>.comments.json` beside the flow.
 *
 * Shape: a top-level Y.Map `threads` keyed by thread id; each thread a Y.Map with `id`, `anchor`
 * ({node} or {x, y} on the canvas), `resolved`, `createdAt`, `author`, and `messages`, a Y.Array of
 * plain message objects {id, author, text, mentions, at}, as designer/app/flow-doc/comments.ts defines
 * (shared with the page). This file adds what only the server does: the file, its format and merge.
 */
import * as Y from 'yjs'
import { messagesOf, threadMap, threadsOf, type CommentThread } from '../../app/flow-doc/comments.ts'
import { mergeById, mergeRecord, same } from './merge.ts'

export { addThread, mentionsIn, removeThread, reply, setResolved, threadsOf } from '../../app/flow-doc/comments.ts'
export type { Anchor, Author, CommentMessage, CommentThread } from '../../app/flow-doc/comments.ts'

export interface Comments {
  threads: CommentThread[]
}

type ThreadMap = Y.Map<unknown>

const THREAD_KEYS = ['id', 'anchor', 'resolved', 'createdAt', 'author', 'messages']
const MESSAGE_KEYS = ['id', 'author', 'text', 'mentions', 'at']

/** Keys in a fixed order (map iteration order differs between peers; the file must not). */
function ordered(value: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of [...order, ...Object.keys(value).sort()]) if (value[key] !== undefined && !(key in out)) out[key] = value[key]
  return out
}

function mapToThread(map: ThreadMap): CommentThread {
  const thread: Record<string, unknown> = {}
  for (const [key, value] of map.entries()) thread[key] = value instanceof Y.Array ? value.toArray().map((m) => ordered(m, MESSAGE_KEYS)) : value
  return ordered(thread, THREAD_KEYS) as unknown as CommentThread
}

/** The comments as JSON: threads oldest first (then by id). */
export function readComments(doc: Y.Doc): Comments {
  const threads = [...threadsOf(doc).values()].map(mapToThread)
  threads.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { threads }
}

export function createCommentsDoc(comments?: Comments): Y.Doc {
  const doc = new Y.Doc()
  if (comments) applyComments(doc, comments, 'load')
  return doc
}

/** Changes the document to equal `comments`, touching only what differs. */
export function applyComments(doc: Y.Doc, comments: Comments, origin: unknown): void {
  doc.transact(() => {
    const threads = threadsOf(doc)
    const wanted = new Map(comments.threads.map((t) => [t.id, t]))
    for (const id of [...threads.keys()]) if (!wanted.has(id)) threads.delete(id)
    for (const thread of comments.threads) {
      const map = threads.get(thread.id)
      if (!map) {
        threads.set(thread.id, threadMap(thread))
        continue
      }
      for (const key of [...map.keys()]) if (!(key in thread)) map.delete(key)
      for (const [key, value] of Object.entries(thread)) if (key !== 'messages' && !same(map.get(key), value)) map.set(key, structuredClone(value))
      const messages = messagesOf(map)
      const current = messages.toArray()
      let prefix = 0
      while (prefix < current.length && prefix < thread.messages.length && same(current[prefix], thread.messages[prefix])) prefix++
      if (prefix < current.length || prefix < thread.messages.length) {
        messages.delete(prefix, current.length - prefix)
        messages.insert(prefix, thread.messages.slice(prefix).map((m) => structuredClone(m)))
      }
    }
  }, origin)
}





/** The comments file text: two-space JSON, final newline. */
export const formatComments = (comments: Comments) => `${JSON.stringify(comments, null, 2)}\n`

/** Parses a comments file; throws when it is not one. */
export function parseComments(text: string): Comments {
  const value = JSON.parse(text) as Comments
  if (!value || typeof value !== 'object' || !Array.isArray(value.threads)) throw new Error('a comments file is {"threads": [...]}')
  for (const t of value.threads) {
    if (!t || typeof t.id !== 'string' || !Array.isArray(t.messages)) throw new Error('every thread needs an id and messages')
    for (const m of t.messages) if (!m || typeof m.id !== 'string') throw new Error('every message needs an id')
  }
  return value
}

export function mergeComments(base: Comments, ours: Comments, theirs: Comments): Comments {
  const threads = mergeById(base.threads, ours.threads, theirs.threads, (b, o, t) => {
    const fields = mergeRecord({ ...(b ?? {}), messages: undefined }, { ...o, messages: undefined }, { ...t, messages: undefined })
    const messages = mergeById(b?.messages ?? [], o.messages, t.messages, (_b, _o, tm) => tm)
    return { ...fields, messages } as unknown as CommentThread
  })
  return { threads }
}
