/**
 * Auto-layout with elkjs (layered, left to right, one port per exit in exit order), returning
 * positions the canvas writes in one transaction. Escalation rules are not part of the layered graph
 * (their edges would pull them into the middle of it): they stand in a column left of it, in rule
 * order. No React, no document access.
 */
import elkModule from 'elkjs/lib/elk.bundled.js'
import type { ELK as Elk, ElkNode } from 'elkjs/lib/elk-api.js'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { exitsOf } from './node-kinds.ts'
import { rulesOf, triggerCardId } from '../flow-doc/triggers.ts'
import { TRIGGER_COLUMN_GAP } from './trigger-kinds.ts'

export interface Size {
  width: number
  height: number
}

const DEFAULT_SIZE: Size = { width: 240, height: 120 }
const GRID = 16
const snap = (value: number) => Math.round(value / GRID) * GRID

type ElkConstructor = new () => Elk
/** The bundled build is CommonJS; its default export is the constructor (typed as the module under NodeNext). */
const ELK = ((elkModule as unknown as { default?: ElkConstructor }).default ?? elkModule) as unknown as ElkConstructor
let elk: Elk | undefined

/** New positions for every node of the flow and every rule (keyed by its card id, trigger:<id>), given the sizes the canvas measured. */
export async function layoutFlow(flow: Flow, sizes: Map<string, Size>): Promise<Record<string, { x: number; y: number }>> {
  elk ??= new ELK()
  const ids = new Set(flow.nodes.map((n) => n.id))
  const graph: ElkNode = {
    id: 'flow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '96',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: flow.nodes.map((node) => {
      const size = sizes.get(node.id) ?? DEFAULT_SIZE
      return {
        id: node.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: `${node.id}>`, layoutOptions: { 'elk.port.side': 'WEST' } },
          ...exitsOf(node).map((exit) => ({ id: `${node.id}>${exit}`, layoutOptions: { 'elk.port.side': 'EAST' } })),
        ],
      }
    }),
    edges: flow.nodes.flatMap((node) =>
      exitsOf(node).flatMap((exit) => {
        const target = node.exits?.[exit]
        return target && ids.has(target) ? [{ id: `${node.id}>${exit}`, sources: [`${node.id}>${exit}`], targets: [`${target}>`] }] : []
      }),
    ),
  }
  const result = await elk.layout(graph)
  const positions: Record<string, { x: number; y: number }> = Object.fromEntries((result.children ?? []).map((child) => [child.id, { x: snap(child.x ?? 0), y: snap(child.y ?? 0) }]))
  const rules = rulesOf(flow).map((t) => triggerCardId(t.id))
  const widest = Math.max(DEFAULT_SIZE.width, ...rules.map((id) => sizes.get(id)?.width ?? 0))
  const x = snap(-TRIGGER_COLUMN_GAP - widest)
  let y = Math.min(0, ...Object.values(positions).map((p) => p.y))
  for (const id of rules) {
    positions[id] = { x, y: snap(y) }
    y += (sizes.get(id)?.height ?? DEFAULT_SIZE.height) + 2 * GRID
  }
  return positions
}
