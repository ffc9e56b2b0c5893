/**
 * Three-way merges at the grain of the shared documents, for a file changed outside the designer
 * (git pull, another editor) while the live document moved on: `base` is the file text the document
 * was last in step with, `ours` the live document, `theirs` the file now. What only one side changed
 * is kept; where both changed the same field, the file wins (it was saved on purpose). An edit beats a
 * delete, so a node (or thread) someone is editing is never dropped by a stale file.
 */
import type { Flow, FlowNode } from '../../../schemas/nodes/step.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import { keyedTriggers } from '../../app/flow-doc/flow-doc.ts'

type Json = Record<string, unknown>

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Field by field: keeps ours where theirs did not change, takes theirs where it did. */
export function mergeRecord(base: Json, ours: Json, theirs: Json): Json {
  const out: Json = {}
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)])) {
    const value = same(base[key], theirs[key]) ? ours[key] : theirs[key]
    if (value !== undefined) out[key] = value
  }
  return out
}

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]))

/** Merges items keyed by id; `mergeItem` merges one item changed on both sides. Order: theirs if they reordered, else ours, then additions. */
export function mergeById<T extends { id: string }>(base: T[], ours: T[], theirs: T[], mergeItem: (b: T | undefined, o: T, t: T) => T): T[] {
  const b = byId(base)
  const o = byId(ours)
  const t = byId(theirs)
  const result = new Map<string, T>()
  for (const id of new Set([...o.keys(), ...t.keys(), ...b.keys()])) {
    const [bi, oi, ti] = [b.get(id), o.get(id), t.get(id)]
    let item: T | undefined
    if (same(bi, ti)) item = oi
    else if (same(bi, oi)) item = ti
    else if (!ti) item = oi // they deleted, we edited: the edit wins
    else if (!oi) item = ti // we deleted, they edited: the edit wins
    else item = mergeItem(bi, oi, ti)
    if (item) result.set(id, item)
  }
  const ids = (list: T[]) => list.map((item) => item.id)
  // They reordered when the items both they and the base have are in another order (additions do not count).
  const reordered = !same(ids(base).filter((id) => t.has(id)), ids(theirs).filter((id) => b.has(id)))
  const leading = reordered ? ids(theirs) : ids(ours)
  const order = [...leading, ...ids(ours), ...ids(theirs)].filter((id, i, all) => result.has(id) && all.indexOf(id) === i)
  return order.map((id) => result.get(id)!)
}

function mergeNode(base: FlowNode | undefined, ours: FlowNode, theirs: FlowNode): FlowNode {
  if (ours.type !== theirs.type) return theirs
  const b = (base ?? {}) as unknown as Json
  const fields = mergeRecord({ ...b, exits: undefined }, { ...(ours as unknown as Json), exits: undefined }, { ...(theirs as unknown as Json), exits: undefined })
  const exits = mergeRecord((b.exits ?? {}) as Json, (ours.exits ?? {}) as Json, (theirs.exits ?? {}) as Json)
  return { ...fields, ...(Object.keys(exits).length ? { exits } : {}) } as unknown as FlowNode
}

const mergeTrigger = (base: Trigger | undefined, ours: Trigger, theirs: Trigger) => mergeRecord((base ?? {}) as unknown as Json, ours as unknown as Json, theirs as unknown as Json) as unknown as Trigger

/** Triggers rule by rule and field by field when each side's list has distinct ids (as the document keeps them), else as one value. */
function mergeTriggers(base: Flow, ours: Flow, theirs: Flow): Trigger[] | undefined {
  const lists = [base.triggers ?? [], ours.triggers ?? [], theirs.triggers ?? []]
  if (!lists.every((list) => !list.length || keyedTriggers(list))) return (mergeRecord({ t: base.triggers }, { t: ours.triggers }, { t: theirs.triggers }).t as Trigger[] | undefined)
  if (ours.triggers === undefined && theirs.triggers === undefined) return undefined
  const merged = mergeById(lists[0], lists[1], lists[2], mergeTrigger)
  return merged.length || (ours.triggers && theirs.triggers) ? merged : undefined
}

export function mergeFlow(base: Flow, ours: Flow, theirs: Flow): Flow {
  const strip = (flow: Flow) => ({ ...(flow as unknown as Json), nodes: undefined, triggers: undefined })
  const meta = mergeRecord(strip(base), strip(ours), strip(theirs))
  const nodes = mergeById(base.nodes ?? [], ours.nodes ?? [], theirs.nodes ?? [], mergeNode)
  const triggers = mergeTriggers(base, ours, theirs)
  return { ...meta, ...(triggers !== undefined && { triggers }), nodes } as unknown as Flow
}
