/**
 * Auto-layout with elkjs (layered, left to right, one port per exit in exit order), returning
 * positions the canvas writes in one moveNodes transaction. No React, no document access.
 */
import elkModule from 'elkjs/lib/elk.bundled.js'
import type { ELK as Elk, ElkNode } from 'elkjs/lib/elk-api.js'
import type { Flow } from '../../../schemas/nodes/step.ts'
import { exitsOf } from './node-kinds.ts'

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

/** New positions for every node of the flow, given the sizes the canvas measured. */
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
  return Object.fromEntries((result.children ?? []).map((child) => [child.id, { x: snap(child.x ?? 0), y: snap(child.y ?? 0) }]))
}
