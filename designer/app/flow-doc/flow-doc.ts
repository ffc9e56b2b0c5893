/**
 * A flow as a Yjs document: the one model behind the canvas, inspector, code view and problems.
 * Shaped for fine-grained merges: top-level fields in the `meta` map, one Y.Map per node in `nodes`
 * (exits a nested Y.Map so two people wiring different exits of one node both win), node order in
 * `order`; triggers (escalation rules) the same way, one Y.Map per trigger in `triggers` and their
 * order, which decides which rule fires first, in `triggerOrder`. No React here; every edit is a
 * typed command in commands.ts and triggers.ts.
 */
import * as Y from 'yjs'
import type { Flow, FlowNode } from '../../../schemas/nodes/step.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import { canonicalFlow, canonicalTrigger } from '../../../schemas/format.ts'

export type NodeMap = Y.Map<unknown>
export type TriggerMap = Y.Map<unknown>

export const metaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta')
export const nodesOf = (doc: Y.Doc) => doc.getMap<NodeMap>('nodes')
export const orderOf = (doc: Y.Doc) => doc.getArray<string>('order')
export const triggersOf = (doc: Y.Doc) => doc.getMap<TriggerMap>('triggers')
export const triggerOrderOf = (doc: Y.Doc) => doc.getArray<string>('triggerOrder')

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

/** Ids of a keyed collection in their order; one missing from the order (a merge) goes last, a duplicate (two people reordering) counts once. */
function orderedIds(order: Y.Array<string>, map: { has(id: string): boolean; keys(): IterableIterator<string> }): string[] {
  const seen = new Set<string>()
  return [...order.toArray(), ...[...map.keys()].sort()].filter((id) => map.has(id) && !seen.has(id) && (seen.add(id), true))
}

/** The flow as JSON, keys in canonical order. Nodes follow `order`; a node missing from it (a merge) goes last. */
export function readFlow(doc: Y.Doc): Flow {
  const nodes = nodesOf(doc)
  const meta = metaOf(doc).toJSON() as Omit<Flow, 'nodes'>
  return canonicalFlow({ ...meta, triggers: readTriggers(doc), nodes: orderedIds(orderOf(doc), nodes).map((id) => mapToNode(nodes.get(id)!)) } as Flow)
}

/** A trigger with its keys in schema order, as the file writes it (schemas/format.ts). */
export { canonicalTrigger }

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value)

/**
 * Whether the document can keep these triggers one Y.Map each: a non-empty list of objects with
 * distinct string ids. Anything else (an empty list, a duplicate id, a half-typed file) is kept as it
 * is in `meta`, so nothing is lost and the Problems panel reports it.
 */
export function keyedTriggers(value: unknown): value is Trigger[] {
  if (!Array.isArray(value) || !value.length || !value.every((t) => isObject(t) && typeof t.id === 'string')) return false
  return new Set(value.map((t: Trigger) => t.id)).size === value.length
}

/** The Y.Map of one trigger (a prelim map). */
export function triggerToMap(trigger: Trigger): TriggerMap {
  return new Y.Map<unknown>(Object.entries(trigger).filter(([, value]) => value !== undefined).map(([key, value]) => [key, structuredClone(value)]))
}

export const mapToTrigger = (map: TriggerMap): Trigger => canonicalTrigger(map.toJSON() as Trigger)

/** The flow's triggers in their order: the keyed ones, or the list kept as it is in `meta` (see keyedTriggers). */
export function readTriggers(doc: Y.Doc): Trigger[] | undefined {
  const meta = metaOf(doc)
  if (meta.has('triggers')) return meta.get('triggers') as Trigger[]
  const triggers = triggersOf(doc)
  const ids = orderedIds(triggerOrderOf(doc), triggers)
  return ids.length ? ids.map((id) => mapToTrigger(triggers.get(id)!)) : undefined
}

/**
 * Changes the document's triggers to equal `triggers`, touching only what differs: a field of one
 * trigger, one trigger added or removed, the order. Used by applyFlow, the flow form (setMeta) and to
 * move a list kept in `meta` into Y.Maps before a trigger command.
 */
export function applyTriggers(doc: Y.Doc, triggers: Trigger[] | undefined): void {
  const meta = metaOf(doc)
  const maps = triggersOf(doc)
  const order = triggerOrderOf(doc)
  if (!keyedTriggers(triggers)) {
    for (const id of [...maps.keys()]) maps.delete(id)
    if (order.length) order.delete(0, order.length)
    if (triggers === undefined) meta.delete('triggers')
    else if (!same(meta.get('triggers'), triggers)) meta.set('triggers', structuredClone(triggers))
    return
  }
  if (meta.has('triggers')) meta.delete('triggers')
  const wanted = new Set(triggers.map((t) => t.id))
  for (const id of [...maps.keys()]) if (!wanted.has(id)) maps.delete(id)
  for (const trigger of triggers) {
    const map = maps.get(trigger.id)
    if (!map) {
      maps.set(trigger.id, triggerToMap(trigger))
      continue
    }
    const fields = trigger as unknown as Record<string, unknown>
    for (const key of [...map.keys()]) if (fields[key] === undefined) map.delete(key)
    for (const [key, value] of Object.entries(fields)) if (value !== undefined && !same(map.get(key), value)) map.set(key, structuredClone(value))
  }
  const ids = triggers.map((t) => t.id)
  if (!same(order.toArray(), ids)) {
    order.delete(0, order.length)
    order.push(ids)
  }
}

/** A document holding the flow (the first load of a file). */
export function createFlowDoc(flow?: Flow): Y.Doc {
  const doc = new Y.Doc()
  if (flow) doc.transact(() => writeAll(doc, flow), 'load')
  return doc
}

function writeAll(doc: Y.Doc, flow: Flow) {
  const meta = metaOf(doc)
  for (const [key, value] of Object.entries(flow)) if (key !== 'nodes' && key !== 'triggers' && value !== undefined) meta.set(key, structuredClone(value))
  if (flow.triggers !== undefined) applyTriggers(doc, flow.triggers)
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
    for (const key of [...meta.keys()]) if (key !== 'triggers' && (!(key in flow) || key === 'nodes')) meta.delete(key)
    for (const [key, value] of Object.entries(flow)) if (key !== 'nodes' && key !== 'triggers' && !same(meta.get(key), value)) meta.set(key, structuredClone(value))
    applyTriggers(doc, flow.triggers)
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
