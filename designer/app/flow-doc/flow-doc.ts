/**
 * A flow as a Yjs document: the one model behind the canvas, inspector, code view and problems.
 * Shaped for fine-grained merges: top-level fields in the `meta` map, one Y.Map per node in `nodes`
 * (exits a nested Y.Map so two people wiring different exits of one node both win), node order in
 * `order`. No React here; every edit is a typed command in commands.ts.
 */
import * as Y from 'yjs'
import type { Flow, FlowNode } from '../../../schemas/nodes/step.ts'
import { canonicalFlow } from '../../../schemas/format.ts'

export type NodeMap = Y.Map<unknown>

export const metaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta')
export const nodesOf = (doc: Y.Doc) => doc.getMap<NodeMap>('nodes')
export const orderOf = (doc: Y.Doc) => doc.getArray<string>('order')

/** Builds the Y.Map of one node from its JSON (a prelim map: it cannot be read until it is in a document). */
export function nodeToMap(node: FlowNode): NodeMap {
  const entries: [string, unknown][] = Object.entries(node)
    .filter(([key, value]) => key !== 'exits' && value !== undefined)
    .map(([key, value]) => [key, structuredClone(value)])
  entries.push(['exits', new Y.Map(Object.entries(node.exits ?? {}).filter(([, target]) => target))])
  return new Y.Map<unknown>(entries)
}

/** The JSON of one node map (exits left out when empty). */
export function mapToNode(map: NodeMap): FlowNode {
  const node: Record<string, unknown> = {}
  for (const [key, value] of map.entries()) {
    if (value instanceof Y.Map) {
      const json = value.toJSON()
      if (Object.keys(json).length) node[key] = json
    } else node[key] = value
  }
  return node as unknown as FlowNode
}

/** The flow as JSON, keys in canonical order. Nodes follow `order`; a node missing from it (a merge) goes last. */
export function readFlow(doc: Y.Doc): Flow {
  const nodes = nodesOf(doc)
  const seen = new Set<string>()
  const ids = [...orderOf(doc).toArray(), ...[...nodes.keys()].sort()].filter((id) => nodes.has(id) && !seen.has(id) && (seen.add(id), true))
  return canonicalFlow({ ...(metaOf(doc).toJSON() as Omit<Flow, 'nodes'>), nodes: ids.map((id) => mapToNode(nodes.get(id)!)) } as Flow)
}

/** A document holding the flow (the first load of a file). */
export function createFlowDoc(flow?: Flow): Y.Doc {
  const doc = new Y.Doc()
  if (flow) doc.transact(() => writeAll(doc, flow), 'load')
  return doc
}

function writeAll(doc: Y.Doc, flow: Flow) {
  const meta = metaOf(doc)
  for (const [key, value] of Object.entries(flow)) if (key !== 'nodes' && value !== undefined) meta.set(key, structuredClone(value))
  const nodes = nodesOf(doc)
  for (const node of flow.nodes) nodes.set(node.id, nodeToMap(node))
  orderOf(doc).push(flow.nodes.map((n) => n.id))
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Changes the document to equal the flow, touching only what differs (the code view's valid edits,
 * a file changed on disk). Unchanged nodes and fields are left alone, so concurrent edits elsewhere survive.
 */
export function applyFlow(doc: Y.Doc, flow: Flow, origin: unknown): void {
  doc.transact(() => {
    const meta = metaOf(doc)
    for (const key of [...meta.keys()]) if (!(key in flow) || key === 'nodes') meta.delete(key)
    for (const [key, value] of Object.entries(flow)) if (key !== 'nodes' && !same(meta.get(key), value)) meta.set(key, structuredClone(value))
    const nodes = nodesOf(doc)
    const wanted = new Map(flow.nodes.map((n) => [n.id, n]))
    for (const id of [...nodes.keys()]) if (!wanted.has(id)) nodes.delete(id)
    for (const node of flow.nodes) {
      const map = nodes.get(node.id)
      if (!map || map.get('type') !== node.type) {
        nodes.set(node.id, nodeToMap(node))
        continue
      }
      for (const key of [...map.keys()]) if (!(key in node) && key !== 'exits') map.delete(key)
      for (const [key, value] of Object.entries(node)) {
        if (key === 'exits') continue
        if (!same(map.get(key), value)) map.set(key, structuredClone(value))
      }
      const exits = map.get('exits') as Y.Map<string>
      const next = node.exits ?? {}
      for (const exit of [...exits.keys()]) if (!(exit in next)) exits.delete(exit)
      for (const [exit, target] of Object.entries(next)) if (target && exits.get(exit) !== target) exits.set(exit, target)
    }
    const order = orderOf(doc)
    const ids = flow.nodes.map((n) => n.id)
    if (!same(order.toArray(), ids)) {
      order.delete(0, order.length)
      order.push(ids)
    }
  }, origin)
}
