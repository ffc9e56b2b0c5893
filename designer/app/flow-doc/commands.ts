/**
 * Typed commands on a flow document. Each is one Yjs transaction with the caller's origin, so
 * Y.UndoManager undoes exactly one user action, and only that user's (tracked origins).
 */
import * as Y from 'yjs'
import type { FlowNode } from '../../../schemas/nodes/step.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import { applyTriggers, mapToNode, metaOf, nodeToMap, nodesOf, orderOf, triggerOrderOf, triggersOf, type NodeMap } from './flow-doc.ts'

export interface Position {
  x: number
  y: number
}

const exitsOf = (map: NodeMap) => map.get('exits') as Y.Map<string>

/** An id not used yet in the flow: the type name and the next free number (menu-3). */
export function freshNodeId(doc: Y.Doc, type: string, taken: Set<string> = new Set()): string {
  const nodes = nodesOf(doc)
  for (let n = 1; ; n++) {
    const id = `${type}-${n}`
    if (!nodes.has(id) && !taken.has(id)) return id
  }
}

export function addNode(doc: Y.Doc, node: FlowNode, origin: unknown): string {
  doc.transact(() => {
    nodesOf(doc).set(node.id, nodeToMap(node))
    orderOf(doc).push([node.id])
    if (!metaOf(doc).get('start')) metaOf(doc).set('start', node.id)
  }, origin)
  return node.id
}

/** Removes nodes and every exit (and trigger's goto) that pointed at them, so no dangling edge is left behind. */
export function removeNodes(doc: Y.Doc, ids: string[], origin: unknown): void {
  const gone = new Set(ids)
  doc.transact(() => {
    const nodes = nodesOf(doc)
    for (const id of ids) nodes.delete(id)
    for (const map of nodes.values()) {
      const exits = exitsOf(map)
      for (const [exit, target] of [...exits.entries()]) if (gone.has(target)) exits.delete(exit)
    }
    for (const trigger of triggersOf(doc).values()) if (gone.has(trigger.get('goto') as string)) trigger.delete('goto')
    const order = orderOf(doc)
    for (let i = order.length - 1; i >= 0; i--) if (gone.has(order.get(i))) order.delete(i, 1)
  }, origin)
}

export function moveNodes(doc: Y.Doc, positions: Record<string, Position>, origin: unknown): void {
  doc.transact(() => {
    for (const [id, position] of Object.entries(positions)) nodesOf(doc).get(id)?.set('position', { x: Math.round(position.x), y: Math.round(position.y) })
  }, origin)
}

/** Points a node's exit at a target node (replacing what it pointed at). */
export function connect(doc: Y.Doc, source: string, exit: string, target: string, origin: unknown): void {
  doc.transact(() => {
    const map = nodesOf(doc).get(source)
    if (map && nodesOf(doc).has(target)) exitsOf(map).set(exit, target)
  }, origin)
}

export function disconnect(doc: Y.Doc, source: string, exit: string, origin: unknown): void {
  doc.transact(() => exitsOf(nodesOf(doc).get(source) ?? new Y.Map()).delete(exit), origin)
}

export function renameNode(doc: Y.Doc, id: string, name: string, origin: unknown): void {
  updateNode(doc, id, { name: name.trim() || undefined }, origin)
}

/** Sets fields of a node; an undefined value removes the field. `id`, `type` and `exits` are not changed here. */
export function updateNode(doc: Y.Doc, id: string, patch: Record<string, unknown>, origin: unknown): void {
  doc.transact(() => {
    const map = nodesOf(doc).get(id)
    if (!map) return
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'id' || key === 'type' || key === 'exits') continue
      if (value === undefined) map.delete(key)
      else if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, structuredClone(value))
    }
  }, origin)
}

/** Sets a top-level field of the flow (name, languages, start, triggers…); undefined removes it. Triggers change one trigger at a time (applyTriggers). */
export function setMeta(doc: Y.Doc, key: string, value: unknown, origin: unknown): void {
  doc.transact(() => {
    if (key === 'triggers') applyTriggers(doc, value as Trigger[] | undefined)
    else if (value === undefined) metaOf(doc).delete(key)
    else metaOf(doc).set(key, structuredClone(value))
  }, origin)
}

/** Changes a node's id and every reference to it (exits, start, triggers). */
export function changeNodeId(doc: Y.Doc, from: string, to: string, origin: unknown): boolean {
  const nodes = nodesOf(doc)
  const map = nodes.get(from)
  if (!map || nodes.has(to) || !/^[A-Za-z0-9_-]{1,64}$/.test(to)) return false
  doc.transact(() => {
    const node = { ...mapToNode(map), id: to }
    nodes.delete(from)
    nodes.set(to, nodeToMap(node))
    for (const other of nodes.values()) for (const [exit, target] of [...exitsOf(other).entries()]) if (target === from) exitsOf(other).set(exit, to)
    const meta = metaOf(doc)
    if (meta.get('start') === from) meta.set('start', to)
    const raw = meta.get('triggers') as { goto?: string }[] | undefined
    if (Array.isArray(raw) && raw.some((t) => t?.goto === from)) meta.set('triggers', raw.map((t) => (t?.goto === from ? { ...t, goto: to } : t)))
    for (const trigger of triggersOf(doc).values()) if (trigger.get('goto') === from) trigger.set('goto', to)
    const order = orderOf(doc)
    const index = order.toArray().indexOf(from)
    if (index >= 0) {
      order.delete(index, 1)
      order.insert(index, [to])
    }
  }, origin)
  return true
}

/**
 * Adds copies of nodes (copy/paste, duplicate, paste from another flow): fresh ids, exits between
 * the copies kept, exits to nodes outside the copy dropped, positions shifted by `offset`.
 */
export function pasteNodes(doc: Y.Doc, nodes: FlowNode[], offset: Position, origin: unknown): string[] {
  const taken = new Set<string>()
  const ids = new Map(nodes.map((n) => {
    const id = nodesOf(doc).has(n.id) ? freshNodeId(doc, n.type, taken) : n.id
    taken.add(id)
    return [n.id, id]
  }))
  doc.transact(() => {
    for (const node of nodes) {
      const exits = Object.fromEntries(Object.entries(node.exits ?? {}).flatMap(([exit, target]) => (target && ids.has(target) ? [[exit, ids.get(target)!]] : [])))
      const position = node.position ? { x: node.position.x + offset.x, y: node.position.y + offset.y } : undefined
      const copy = { ...structuredClone(node), id: ids.get(node.id)!, exits, ...(position && { position }) } as FlowNode
      nodesOf(doc).set(copy.id, nodeToMap(copy))
      orderOf(doc).push([copy.id])
    }
  }, origin)
  return [...ids.values()]
}

/** Undo and redo of one participant's own changes (tracked by origin), also after others edited the same node. */
export function createUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager {
  return new Y.UndoManager([metaOf(doc), nodesOf(doc), orderOf(doc), triggersOf(doc), triggerOrderOf(doc)], { trackedOrigins: new Set([origin]), captureTimeout: 400 })
}
