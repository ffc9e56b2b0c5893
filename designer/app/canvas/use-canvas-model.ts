/**
 * React Flow's local node and edge state, consolidated with the document's projection
 * (collab-designer.md 1.4): the document gives content and settled positions; React Flow keeps
 * what must never be synced (measured sizes, live drag positions, edge selection). A node object is
 * replaced only when its projection or its selected flag changed, so unchanged cards never re-render.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { applyEdgeChanges, applyNodeChanges, type Edge, type EdgeChange, type NodeChange } from '@xyflow/react'
import type { OpenFlow } from '../contracts.ts'
import { createProjection, type CanvasNode } from './derive.ts'

/** Merges the projection into the current local nodes, keeping untouched objects (exported for tests). */
export function mergeNodes(current: CanvasNode[], derived: CanvasNode[], selected: Set<string>, origins: Map<string, CanvasNode>): CanvasNode[] {
  const byId = new Map(current.map((n) => [n.id, n]))
  let changed = current.length !== derived.length
  const next = derived.map((d, i) => {
    const local = byId.get(d.id)
    const isSelected = selected.has(d.id)
    if (local && origins.get(d.id) === d && !!local.selected === isSelected) {
      if (current[i] !== local) changed = true
      return local
    }
    changed = true
    origins.set(d.id, d)
    const position = local?.dragging ? local.position : d.position
    return { ...d, position, measured: local?.measured, selected: isSelected } as CanvasNode
  })
  for (const id of [...origins.keys()]) if (!byId.has(id) && !derived.some((d) => d.id === id)) origins.delete(id)
  return changed ? next : current
}

/** Same for edges: the projection's edge unless only the local selection differs. */
export function mergeEdges(current: Edge[], derived: Edge[], origins: Map<string, Edge>): Edge[] {
  const byId = new Map(current.map((e) => [e.id, e]))
  let changed = current.length !== derived.length
  const next = derived.map((d, i) => {
    const local = byId.get(d.id)
    if (local && origins.get(d.id) === d) {
      if (current[i] !== local) changed = true
      return local
    }
    changed = true
    origins.set(d.id, d)
    return local?.selected ? { ...d, selected: true } : d
  })
  return changed ? next : current
}

export function useCanvasModel(open: OpenFlow, selection: string[], frameSelection: Set<string>, activeNode: string | undefined) {
  const project = useMemo(() => createProjection(), [open.doc])
  const derived = useMemo(() => project({ flow: open.flow, problems: open.problems, activeNode }), [project, open.flow, open.problems, activeNode])
  const nodeOrigins = useRef(new Map<string, CanvasNode>())
  const edgeOrigins = useRef(new Map<string, Edge>())
  const selectedKey = selection.join('\n') + '\n\n' + [...frameSelection].join('\n')
  const [nodes, setNodes] = useState<CanvasNode[]>(() => mergeNodes([], derived.nodes, new Set([...selection, ...frameSelection]), nodeOrigins.current))
  const [edges, setEdges] = useState<Edge[]>(() => mergeEdges([], derived.edges, edgeOrigins.current))

  useLayoutEffect(() => {
    const selected = new Set([...selection, ...frameSelection])
    setNodes((current) => mergeNodes(current, derived.nodes, selected, nodeOrigins.current))
    setEdges((current) => mergeEdges(current, derived.edges, edgeOrigins.current))
    // selectedKey stands for selection and frameSelection
  }, [derived, selectedKey])

  const applyNodes = (changes: NodeChange<CanvasNode>[]) => setNodes((current) => applyNodeChanges(changes, current))
  const applyEdges = (changes: EdgeChange[]) => setEdges((current) => applyEdgeChanges(changes, current))
  return { nodes, edges, applyNodes, applyEdges, setNodes, setEdges }
}
