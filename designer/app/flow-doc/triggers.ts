/**
 * Typed commands on a flow's triggers (escalation rules), each one transaction with the caller's
 * origin like the node commands in commands.ts, so Y.UndoManager undoes one user action. Also how
 * the views name a trigger: its canvas card, selection entry and problem subject are
 * `trigger:<id>`, which no node id can be (node ids are letters, digits, "-" and "_").
 */
import type * as Y from 'yjs'
import type { Flow } from '../../../schemas/nodes/step.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import type { Problem } from '../../../schemas/validate.ts'
import { applyTriggers, keyedTriggers, mapToTrigger, metaOf, nodesOf, readTriggers, triggerOrderOf, triggersOf, triggerToMap } from './flow-doc.ts'
import type { Position } from './commands.ts'

export const TRIGGER_PREFIX = 'trigger:'
export const triggerCardId = (id: string) => `${TRIGGER_PREFIX}${id}`
export const isTriggerCardId = (id: string) => id.startsWith(TRIGGER_PREFIX)
export const triggerIdOf = (cardId: string): string | undefined => (isTriggerCardId(cardId) ? cardId.slice(TRIGGER_PREFIX.length) : undefined)
/**
 * The flow's rules the views can draw: objects with a string id, the first of each id. A file being
 * typed may hold anything under `triggers` (the Problems panel says what); the views never trip on it.
 */
export function rulesOf(flow: Flow): Trigger[] {
  if (!Array.isArray(flow.triggers)) return []
  const seen = new Set<string>()
  return flow.triggers.filter((t) => !!t && typeof t === 'object' && typeof t.id === 'string' && !seen.has(t.id) && (seen.add(t.id), true))
}

/** The trigger ids among selected canvas ids. */
export const selectedTriggers = (ids: string[]): string[] => ids.flatMap((id) => triggerIdOf(id) ?? [])

const ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Inside a transaction: moves a trigger list kept as it is in `meta` (an empty list, or a document
 * from before triggers had Y.Maps) into Y.Maps. False when it cannot be (duplicate ids: fix them in
 * the code view first), so the command leaves the document alone.
 */
function keyed(doc: Y.Doc): boolean {
  const meta = metaOf(doc)
  if (!meta.has('triggers')) return true
  const raw = meta.get('triggers')
  if (Array.isArray(raw) && !raw.length) {
    meta.delete('triggers')
    return true
  }
  if (!keyedTriggers(raw)) return false
  applyTriggers(doc, raw)
  return true
}

/** The trigger ids in rule order. */
const triggerIds = (doc: Y.Doc) => (readTriggers(doc) ?? []).map((t) => t?.id).filter((id): id is string => typeof id === 'string')

/** `base`, or `base-2`, `base-3`… when taken by another trigger. */
export function freshTriggerId(doc: Y.Doc, base: string, taken: Set<string> = new Set()): string {
  const used = new Set([...triggerIds(doc), ...taken])
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}

/** Adds a trigger as the last rule (checked after the others). */
export function addTrigger(doc: Y.Doc, trigger: Trigger, origin: unknown): string {
  doc.transact(() => {
    if (!keyed(doc) || triggersOf(doc).has(trigger.id)) return
    triggersOf(doc).set(trigger.id, triggerToMap(trigger))
    triggerOrderOf(doc).push([trigger.id])
  }, origin)
  return trigger.id
}

/** Sets fields of a trigger; an undefined value removes the field. The id is changed by renameTrigger. */
export function updateTrigger(doc: Y.Doc, id: string, patch: Record<string, unknown>, origin: unknown): void {
  doc.transact(() => {
    const map = keyed(doc) ? triggersOf(doc).get(id) : undefined
    if (!map) return
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'id') continue
      if (value === undefined) map.delete(key)
      else if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, structuredClone(value))
    }
  }, origin)
}

export function moveTriggers(doc: Y.Doc, positions: Record<string, Position>, origin: unknown): void {
  doc.transact(() => {
    if (!keyed(doc)) return
    for (const [id, position] of Object.entries(positions)) triggersOf(doc).get(id)?.set('position', { x: Math.round(position.x), y: Math.round(position.y) })
  }, origin)
}

/** Points a trigger at a node (it then jumps there rather than opting out), or, with no target, removes its goto. */
export function connectTrigger(doc: Y.Doc, id: string, target: string | undefined, origin: unknown): void {
  doc.transact(() => {
    const map = keyed(doc) ? triggersOf(doc).get(id) : undefined
    if (!map) return
    if (target === undefined) return map.delete('goto')
    if (!nodesOf(doc).has(target)) return
    map.set('goto', target)
    if (map.get('do') === 'opt-out') map.delete('do')
  }, origin)
}

export function removeTriggers(doc: Y.Doc, ids: string[], origin: unknown): void {
  if (!ids.length) return
  const gone = new Set(ids)
  doc.transact(() => {
    if (!keyed(doc)) return
    for (const id of ids) triggersOf(doc).delete(id)
    const order = triggerOrderOf(doc)
    for (let i = order.length - 1; i >= 0; i--) if (gone.has(order.get(i))) order.delete(i, 1)
  }, origin)
}

/** Why a trigger cannot be called `to`, or undefined when it can. */
export function triggerIdProblem(doc: Y.Doc, from: string, to: string): string | undefined {
  if (to === from) return undefined
  if (!ID.test(to)) return 'Use 1 to 64 letters, digits, “-” or “_”.'
  if (triggerIds(doc).includes(to)) return `Another rule is already called “${to}”.`
  return undefined
}

/** Changes a trigger's id, keeping its place in the order. */
export function renameTrigger(doc: Y.Doc, from: string, to: string, origin: unknown): boolean {
  if (from === to || triggerIdProblem(doc, from, to)) return false
  let done = false
  doc.transact(() => {
    const maps = triggersOf(doc)
    const map = keyed(doc) ? maps.get(from) : undefined
    if (!map) return
    const ids = triggerIds(doc)
    maps.set(to, triggerToMap({ ...mapToTrigger(map), id: to }))
    maps.delete(from)
    writeOrder(doc, ids.map((id) => (id === from ? to : id)))
    done = true
  }, origin)
  return done
}

/** Moves a trigger to another place in the rule order (the first rule that matches wins). */
export function reorderTrigger(doc: Y.Doc, id: string, index: number, origin: unknown): void {
  doc.transact(() => {
    if (!keyed(doc)) return
    const ids = triggerIds(doc)
    const from = ids.indexOf(id)
    if (from < 0) return
    ids.splice(from, 1)
    ids.splice(Math.max(0, Math.min(index, ids.length)), 0, id)
    writeOrder(doc, ids)
  }, origin)
}

function writeOrder(doc: Y.Doc, ids: string[]) {
  const order = triggerOrderOf(doc)
  if (JSON.stringify(order.toArray()) === JSON.stringify(ids)) return
  order.delete(0, order.length)
  order.push(ids)
}

/**
 * Adds copies of triggers (paste, duplicate): fresh ids where taken, positions shifted by `offset`,
 * `goto` following `nodeIds` (nodes pasted with them) or kept when that node exists here.
 */
export function pasteTriggers(doc: Y.Doc, triggers: Trigger[], offset: Position, nodeIds: Map<string, string>, origin: unknown): string[] {
  const taken = new Set<string>()
  const ids: string[] = []
  doc.transact(() => {
    if (!keyed(doc)) return
    for (const trigger of triggers) {
      const id = freshTriggerId(doc, trigger.id, taken)
      taken.add(id)
      const target = trigger.goto && (nodeIds.get(trigger.goto) ?? (nodesOf(doc).has(trigger.goto) ? trigger.goto : undefined))
      const position = trigger.position && { x: trigger.position.x + offset.x, y: trigger.position.y + offset.y }
      const copy = { ...structuredClone(trigger), id, goto: target || undefined, position }
      triggersOf(doc).set(id, triggerToMap(copy))
      triggerOrderOf(doc).push([id])
      ids.push(id)
    }
  }, origin)
  return ids
}

/** What a problem is about on the canvas: its node, or the card of the trigger its pointer is under (/triggers/2/goto). */
export function problemSubject(flow: Flow, problem: Pick<Problem, 'node' | 'pointer'>): string | undefined {
  if (problem.node) return problem.node
  const index = /^\/triggers\/(\d+)(?:\/|$)/.exec(problem.pointer ?? '')?.[1]
  const trigger = index === undefined ? undefined : flow.triggers?.[Number(index)]
  return trigger && typeof trigger.id === 'string' ? triggerCardId(trigger.id) : undefined
}
