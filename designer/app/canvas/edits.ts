/**
 * Canvas edits that are more than one command call: clipboard payloads, duplicate, frames around
 * the selection. Each writes through flow-doc/commands.ts with the caller's origin, as one
 * transaction (one undo step). No React.
 */
import type * as Y from 'yjs'
import type { Flow, FlowNode } from '../../../schemas/nodes/step.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import { disconnect, pasteNodes, removeNodes, setMeta, type Position } from '../flow-doc/commands.ts'
import { connectTrigger, pasteTriggers, removeTriggers, rulesOf, selectedTriggers, triggerCardId, triggerIdOf } from '../flow-doc/triggers.ts'

export const CLIPBOARD_KIND = 'switchboard/nodes'
const GRID = 16
const snap = (value: number) => Math.round(value / GRID) * GRID

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

type Frame = NonNullable<Flow['frames']>[number]

export interface Payload {
  nodes: FlowNode[]
  triggers: Trigger[]
}

/** The clipboard text for some cards of a flow, nodes and escalation rules (plain JSON, so it can be pasted into another flow or a text editor). */
export function copyPayload(flow: Flow, ids: string[]): string | undefined {
  const wanted = new Set(ids)
  const nodes = flow.nodes.filter((n) => wanted.has(n.id))
  const triggers = rulesOf(flow).filter((t) => wanted.has(triggerCardId(t.id)))
  if (!nodes.length && !triggers.length) return undefined
  return JSON.stringify({ kind: CLIPBOARD_KIND, nodes, ...(triggers.length && { triggers }) }, null, 2)
}

/** The nodes and rules in a clipboard text, or undefined when it is not ours. */
export function readPayload(text: string | undefined): Payload | undefined {
  try {
    const data = JSON.parse(text ?? '')
    const triggers = data?.triggers ?? []
    if (data?.kind !== CLIPBOARD_KIND || !Array.isArray(data.nodes) || !Array.isArray(triggers)) return undefined
    if (!data.nodes.every((n: FlowNode) => n && typeof n.id === 'string' && typeof n.type === 'string')) return undefined
    if (!triggers.every((t: Trigger) => t && typeof t.id === 'string' && typeof t.when === 'string')) return undefined
    return { nodes: data.nodes, triggers }
  } catch {
    return undefined
  }
}

/**
 * Pastes nodes and rules: shifted by one grid step diagonally twice when they came from this flow (so
 * the copy sits beside the original), or with their top-left corner at `at` when they came from
 * elsewhere. Returns the canvas ids of the copies.
 */
export function pasteInto(doc: Y.Doc, flow: Flow, { nodes, triggers }: Payload, at: Position, origin: unknown): string[] {
  const own = nodes.some((n) => flow.nodes.some((m) => m.id === n.id)) || triggers.some((t) => rulesOf(flow).some((m) => m.id === t.id))
  const placed = [...nodes, ...triggers].map((n, i) => n.position ?? { x: i * 32, y: i * 32 })
  const left = Math.min(...placed.map((p) => p.x))
  const top = Math.min(...placed.map((p) => p.y))
  const offset = own ? { x: 2 * GRID, y: 2 * GRID } : { x: snap(at.x - left), y: snap(at.y - top) }
  const ids: string[] = []
  doc.transact(() => {
    const nodeIds = pasteNodes(doc, nodes.map((n, i) => ({ ...n, position: placed[i] })), offset, origin)
    const renamed = new Map(nodes.map((n, i) => [n.id, nodeIds[i]]))
    const ruleIds = pasteTriggers(doc, triggers.map((t, i) => ({ ...t, position: placed[nodes.length + i] })), offset, renamed, origin)
    ids.push(...nodeIds, ...ruleIds.map(triggerCardId))
  }, origin)
  return ids
}

/** Deletes selected cards (nodes and rules), edges (exits, rules' goto) and frames in one transaction. */
export function deleteSelection(doc: Y.Doc, flow: Flow, nodes: string[], exits: { source: string; exit: string }[], frames: string[], origin: unknown): void {
  doc.transact(() => {
    for (const { source, exit } of exits) {
      const trigger = triggerIdOf(source)
      if (trigger !== undefined) connectTrigger(doc, trigger, undefined, origin)
      else disconnect(doc, source, exit, origin)
    }
    const rules = selectedTriggers(nodes)
    const flowNodes = nodes.filter((id) => triggerIdOf(id) === undefined)
    if (rules.length) removeTriggers(doc, rules, origin)
    if (flowNodes.length) removeNodes(doc, flowNodes, origin)
    if (frames.length) setMeta(doc, 'frames', withoutEmpty((flow.frames ?? []).filter((f) => !frames.includes(f.id))), origin)
  }, origin)
}

const withoutEmpty = (frames: Frame[]) => (frames.length ? frames : undefined)

/** Adds a labelled frame around boxes (the selected nodes), with a margin; returns its id. */
export function addFrameAround(doc: Y.Doc, flow: Flow, boxes: Box[], origin: unknown, label?: string): string | undefined {
  if (!boxes.length) return undefined
  const margin = 2 * GRID
  const down = (value: number) => Math.floor(value / GRID) * GRID
  const up = (value: number) => Math.ceil(value / GRID) * GRID
  const left = down(Math.min(...boxes.map((b) => b.x)) - margin)
  const top = down(Math.min(...boxes.map((b) => b.y)) - margin - GRID)
  const right = up(Math.max(...boxes.map((b) => b.x + b.width)) + margin)
  const bottom = up(Math.max(...boxes.map((b) => b.y + b.height)) + margin)
  const frames = flow.frames ?? []
  let n = frames.length + 1
  while (frames.some((f) => f.id === `frame-${n}`)) n++
  const frame: Frame = { id: `frame-${n}`, label: label ?? `Group ${n}`, position: { x: left, y: top }, width: right - left, height: bottom - top }
  setMeta(doc, 'frames', [...frames, frame], origin)
  return frame.id
}

/** Moves frames (after a drag of their label). */
export function moveFrames(doc: Y.Doc, flow: Flow, positions: Record<string, Position>, origin: unknown): void {
  const frames = flow.frames ?? []
  if (!frames.some((f) => positions[f.id])) return
  setMeta(doc, 'frames', frames.map((f) => (positions[f.id] ? { ...f, position: { x: Math.round(positions[f.id].x), y: Math.round(positions[f.id].y) } } : f)), origin)
}
