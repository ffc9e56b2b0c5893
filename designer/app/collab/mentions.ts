/**
 * @mentions in comment text. A mention is `@` and a handle: the name with spaces as underscores
 * ("Ada Lovelace" → @Ada_Lovelace); the grammar itself is flow-doc/comments.ts's, shared with the server.
 */

export { mentionsIn } from '../flow-doc/comments.ts'
import { MENTION, mentionsIn } from '../flow-doc/comments.ts'

/** A participant's handle: what follows the @. */
export const handleOf = (name: string) => name.trim().replace(/\s+/g, '_').replace(/[^\p{L}\p{N}_.-]/gu, '')

/** Whether a text mentions this name (case-insensitive). */
export const mentions = (text: string, name: string) => mentionsIn(text).some((h) => h.toLowerCase() === handleOf(name).toLowerCase())

/** The mention being typed at the caret: `@ad|` → {start of the @, query 'ad'}; undefined when none. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | undefined {
  const match = /(?:^|[^\w@])@([\p{L}\p{N}_.-]*)$/u.exec(text.slice(0, caret))
  if (!match) return undefined
  return { start: caret - match[1].length - 1, query: match[1] }
}

/** Names whose handle starts with the query (then those containing it), each once. */
export function mentionCandidates(names: string[], query: string): string[] {
  const q = query.toLowerCase()
  const unique = [...new Set(names.filter((n) => n.trim()))]
  const starts = unique.filter((n) => handleOf(n).toLowerCase().startsWith(q))
  const contains = unique.filter((n) => !starts.includes(n) && handleOf(n).toLowerCase().includes(q))
  return [...starts, ...contains]
}

/** Replaces the mention being typed with the chosen name's handle and a space; returns the text and the new caret. */
export function completeMention(text: string, caret: number, name: string): { text: string; caret: number } {
  const at = mentionAt(text, caret)
  if (!at) return { text, caret }
  const insert = `@${handleOf(name)} `
  return { text: text.slice(0, at.start) + insert + text.slice(caret), caret: at.start + insert.length }
}

/** The text cut into plain runs and mentions, for rendering mentions highlighted. */
export function splitMentions(text: string): { text: string; mention?: string }[] {
  const parts: { text: string; mention?: string }[] = []
  let last = 0
  for (const match of text.matchAll(MENTION)) {
    const start = match.index! + match[0].indexOf('@')
    if (start > last) parts.push({ text: text.slice(last, start) })
    parts.push({ text: `@${match[1]}`, mention: match[1] })
    last = start + match[1].length + 1
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}
