/**
 * The two kinds of shared document and how each maps to its file: a flow (the flow-doc shape of
 * designer/app/flow-doc, file written with formatFlow) and its comments (comments-doc.ts).
 */
import type * as Y from 'yjs'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { formatFlow } from '../../../schemas/format.ts'
import { applyFlow, createFlowDoc, readFlow } from '../../app/flow-doc/flow-doc.ts'
import { applyComments, createCommentsDoc, formatComments, mergeComments, parseComments, readComments, type Comments } from './comments-doc.ts'
import { mergeFlow } from './merge.ts'

export interface DocKind<T> {
  name: 'flow' | 'comments'
  /** A new document holding the value (first load of a file). */
  create(value: T): Y.Doc
  read(doc: Y.Doc): T
  format(value: T): string
  /** The file's value; throws when the text is not one (the document is then left alone). */
  parse(text: string): T
  apply(doc: Y.Doc, value: T, origin: unknown): void
  merge(base: T, ours: T, theirs: T): T
  /** The value of a file that does not exist yet, or undefined when it must exist. */
  empty?: T
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/**
 * A flow file the document can hold: an object with a `nodes` array of objects with string `id` and
 * `type` and, when present, an `exits` object. Schema validity is not required (the Problems panel
 * reports it); this only keeps a half-written file from reaching the document.
 */
export function parseFlowFile(text: string): Flow {
  const flow = JSON.parse(text) as unknown
  if (!isObject(flow) || !Array.isArray(flow.nodes)) throw new Error('a flow file is an object with a "nodes" array')
  for (const node of flow.nodes as unknown[]) {
    if (!isObject(node) || typeof node.id !== 'string' || typeof node.type !== 'string') throw new Error('every node needs a string "id" and "type"')
    if (node.exits !== undefined && !isObject(node.exits)) throw new Error(`the exits of node '${node.id}' must be an object`)
  }
  return flow as unknown as Flow
}

export const flowKind: DocKind<Flow> = {
  name: 'flow',
  create: (flow) => createFlowDoc(flow),
  read: readFlow,
  // triggers' keys in schema order, as readFlow gives them: a file whose rules were typed in another order is not "behind" the document
  format: formatFlow,
  parse: parseFlowFile,
  apply: applyFlow,
  merge: mergeFlow,
}

export const commentsKind: DocKind<Comments> = {
  name: 'comments',
  create: (comments) => createCommentsDoc(comments),
  read: readComments,
  format: formatComments,
  parse: parseComments,
  apply: applyComments,
  merge: mergeComments,
  empty: { threads: [] },
}
