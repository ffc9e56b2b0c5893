/**
 * What the canvas can do, each as one function over the current state: add, move, delete, copy,
 * paste, duplicate, follow an edge, reveal, lay out, frame. Every document change goes through
 * flow-doc/commands.ts with the session's origin; React Flow is only read (sizes, viewport).
 */
import type { Edge, ReactFlowInstance } from '@xyflow/react'
import type { OpenFlow, Selection } from '../contracts.ts'
import { addNode, connect, disconnect, freshNodeId, moveNodes } from '../flow-doc/commands.ts'
import { nodesOf, triggersOf } from '../flow-doc/flow-doc.ts'
import { addTrigger, connectTrigger, freshTriggerId, moveTriggers, rulesOf, triggerCardId, triggerIdOf } from '../flow-doc/triggers.ts'
import { FRAME_PREFIX, isFrameId, type CanvasNode } from './derive.ts'
import { addFrameAround, copyPayload, deleteSelection, pasteInto, readPayload, type Box } from './edits.ts'
import { layoutFlow } from './layout.ts'
import { exitsOf, newNode } from './node-kinds.ts'
import { newTrigger, triggerKindOf, whenOfValue } from './trigger-kinds.ts'
import { GRID } from './canvas-keys.ts'

export interface CanvasState {
  open: OpenFlow
  selection: Selection
  onSelect(selection: Selection): void
  nodes: CanvasNode[]
  edges: Edge[]
  frameSelection: Set<string>
  rf: ReactFlowInstance<CanvasNode, Edge>
  /** The canvas element (for the viewport centre and focusing nodes). */
  element: HTMLElement | null
  /** Focus this node's element once it is rendered. */
  focusLater(id: string): void
}

const snap = (value: number) => Math.round(value / GRID) * GRID
/** Copied nodes for the command path (a palette command cannot read the system clipboard). */
let lastCopied: string | undefined

export const boxOf = (node: CanvasNode): Box => ({ x: node.position.x, y: node.position.y, width: node.measured?.width ?? 240, height: node.measured?.height ?? 120 })

/** The first place at or below `at` where a new card does not cover another one. */
export function freeSpot(at: { x: number; y: number }, boxes: Box[], size = { width: 240, height: 120 }): { x: number; y: number } {
  const overlaps = (y: number) => boxes.some((b) => at.x < b.x + b.width && at.x + size.width > b.x && y < b.y + b.height && y + size.height > b.y)
  let y = at.y
  for (let i = 0; i < 200 && overlaps(y); i++) y += 2 * GRID
  return { x: at.x, y }
}

export function createActions(get: () => CanvasState) {
  const viewCentre = () => {
    const { rf, element } = get()
    const rect = element?.getBoundingClientRect()
    return rf.screenToFlowPosition(rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 0, y: 0 })
  }

  const select = (ids: string[], focus?: string) => {
    get().onSelect({ nodes: ids })
    if (focus) get().focusLater(focus)
  }

  const reveal = (id: string, { focus = true } = {}) => {
    const { rf } = get()
    const node = rf.getInternalNode(id)
    if (!node) return
    const width = node.measured.width ?? 240
    const height = node.measured.height ?? 120
    rf.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, { zoom: Math.max(rf.getZoom(), 0.9), duration: 0 })
    select([id], focus ? id : undefined)
  }

  /** Adds a node of a type, or an escalation rule for a palette value `trigger:<when>`; returns its canvas id. */
  const addNodeAt = (type: string, at?: { x: number; y: number }) => {
    const { open, selection, nodes } = get()
    let position = at
    if (!position) {
      const beside = selection.nodes.length === 1 ? nodes.find((n) => n.id === selection.nodes[0]) : undefined
      position = beside ? { x: beside.position.x + (beside.measured?.width ?? 240) + 6 * GRID, y: beside.position.y } : viewCentre()
    }
    if (!at) position = freeSpot(position, nodes.filter((n) => !isFrameId(n.id)).map(boxOf))
    const snapped = { x: snap(position.x), y: snap(position.y) }
    open.undo.stopCapturing()
    const when = whenOfValue(type)
    let id: string
    if (when) id = triggerCardId(addTrigger(open.doc, newTrigger(when, freshTriggerId(open.doc, triggerKindOf(when)!.base), snapped), open.origin))
    else id = addNode(open.doc, newNode(type, freshNodeId(open.doc, type), snapped), open.origin)
    select([id], id)
    return id
  }

  /** Where a card is in the document (not the last render: key presses faster than renders, key repeat, each move a step). */
  const storedPosition = (n: CanvasNode) => {
    const { doc } = get().open
    const trigger = triggerIdOf(n.id)
    const map = trigger === undefined ? nodesOf(doc).get(n.id) : triggersOf(doc).get(trigger)
    return (map?.get('position') as { x: number; y: number } | undefined) ?? n.position
  }

  const move = (dx: number, dy: number) => {
    const { open, selection, nodes } = get()
    const moving = nodes.filter((n) => selection.nodes.includes(n.id))
    if (!moving.length) return
    const to = (n: CanvasNode) => ({ x: storedPosition(n).x + dx, y: storedPosition(n).y + dy })
    writePositions(moving.map((n) => [n.id, to(n)]))
  }

  /** Writes card positions (nodes and rules) in one transaction. */
  const writePositions = (positions: [string, { x: number; y: number }][]) => {
    const { open } = get()
    const nodes = positions.filter(([id]) => triggerIdOf(id) === undefined)
    const rules = positions.flatMap(([id, at]) => (triggerIdOf(id) === undefined ? [] : [[triggerIdOf(id)!, at] as const]))
    open.doc.transact(() => {
      if (nodes.length) moveNodes(open.doc, Object.fromEntries(nodes), open.origin)
      if (rules.length) moveTriggers(open.doc, Object.fromEntries(rules), open.origin)
    }, open.origin)
  }

  const remove = () => {
    const { open, selection, edges, frameSelection } = get()
    const exits = edges.filter((e) => e.selected).map((e) => ({ source: e.source, exit: e.sourceHandle! }))
    const frames = [...frameSelection].map((id) => id.slice(FRAME_PREFIX.length))
    if (!exits.length && !selection.nodes.length && !frames.length) return
    open.undo.stopCapturing()
    deleteSelection(open.doc, open.flow, selection.nodes, exits, frames, open.origin)
    if (selection.nodes.length) select([])
  }

  const copyText = () => {
    const { open, selection } = get()
    const text = copyPayload(open.flow, selection.nodes)
    if (text) lastCopied = text
    return text
  }

  const paste = (text = lastCopied) => {
    const payload = readPayload(text)
    if (!payload || (!payload.nodes.length && !payload.triggers.length)) return false
    const { open } = get()
    open.undo.stopCapturing()
    const ids = pasteInto(open.doc, open.flow, payload, viewCentre(), open.origin)
    select(ids, ids[0])
    return true
  }

  const duplicate = () => {
    const { open, selection } = get()
    const text = copyPayload(open.flow, selection.nodes)
    if (text) paste(text)
  }

  const follow = (id: string, direction: 1 | -1) => {
    const { open } = get()
    const trigger = triggerIdOf(id)
    if (trigger !== undefined) {
      const target = rulesOf(open.flow).find((t) => t.id === trigger)?.goto
      if (direction === 1 && target && open.flow.nodes.some((n) => n.id === target)) reveal(target)
      return
    }
    const node = open.flow.nodes.find((n) => n.id === id)
    if (!node) return
    const next = direction === 1
      ? exitsOf(node).map((e) => node.exits?.[e]).find((t) => t && open.flow.nodes.some((n) => n.id === t))
      : open.flow.nodes.find((n) => Object.values(n.exits ?? {}).includes(id))?.id
    if (next) reveal(next)
  }

  /** Connects a node's exit, or a rule's port, to a node. */
  const connectExit = (source: string, exit: string, target: string) => {
    const { open } = get()
    const trigger = triggerIdOf(source)
    if (trigger !== undefined) connectTrigger(open.doc, trigger, target, open.origin)
    else connect(open.doc, source, exit, target, open.origin)
  }

  /** Disconnects a node's exit, or a rule's port (the rule keeps everything but its goto). */
  const disconnectExit = (source: string, exit: string) => {
    const { open } = get()
    const trigger = triggerIdOf(source)
    if (trigger !== undefined) connectTrigger(open.doc, trigger, undefined, open.origin)
    else disconnect(open.doc, source, exit, open.origin)
  }

  const layout = async () => {
    const { open, nodes, rf } = get()
    const sizes = new Map(nodes.filter((n) => !isFrameId(n.id)).map((n) => [n.id, { width: n.measured?.width ?? 240, height: n.measured?.height ?? 120 }]))
    const positions = await layoutFlow(open.flow, sizes)
    open.undo.stopCapturing()
    writePositions(Object.entries(positions))
    requestAnimationFrame(() => rf.fitView({ duration: 0 }))
  }

  const frame = () => {
    const { open, selection, nodes } = get()
    const boxes = nodes.filter((n) => selection.nodes.includes(n.id)).map(boxOf)
    open.undo.stopCapturing()
    return addFrameAround(open.doc, open.flow, boxes, open.origin)
  }

  const selectAll = () => select(get().nodes.filter((n) => !isFrameId(n.id)).map((n) => n.id))

  return { reveal, addNodeAt, move, remove, copyText, paste, duplicate, follow, connectExit, disconnectExit, layout, frame, selectAll, select }
}

export type CanvasActions = ReturnType<typeof createActions>
