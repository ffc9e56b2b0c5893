/// <reference types="vite/client" />
/**
 * The canvas's view of the node registry: title, one-line help and icon of every node type, and
 * the minimal node the palette adds (the schema's first example without id, exits and position).
 * Icons are read with Vite's raw glob, so a type without icon.svg still shows a neutral glyph.
 */
import { nodeTypes as registry } from '../../../schemas/nodes/index.ts'
import type { FlowNode } from '../../../schemas/nodes/step.ts'

const icons = import.meta.glob('../../../schemas/nodes/*/icon.svg', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

const FALLBACK_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="4" y="5" width="16" height="14" rx="3"/><path d="M8 10h8"/><path d="M8 14h5"/></svg>'

export interface NodeKind {
  type: string
  title: string
  help: string
  /** Inline SVG markup (trusted: it comes from schemas/nodes/<type>/icon.svg in this repository). */
  icon: string
  /**
   * The icon as a data: URL in a fixed mid-grey that reads on light and dark cards. Node cards use
   * this in an <img>: 500 inline SVGs cost Chromium a paint chunk each on every pan frame.
   */
  iconUrl: string
}

const ICON_GREY = '#7d8590'
const iconUrl = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg.replaceAll('currentColor', ICON_GREY))}`

/** Every registered node type, in registry order. */
export const nodeKinds: NodeKind[] = Object.entries(registry).map(([type, definition]) => {
  const schema = definition.schema as { title?: string; 'x-help'?: string; description?: string }
  const icon = icons[`../../../schemas/nodes/${type}/icon.svg`] ?? FALLBACK_ICON
  return { type, title: schema.title ?? type, help: schema['x-help'] ?? schema.description ?? '', icon, iconUrl: iconUrl(icon) }
})

export const kindOf = (type: string): NodeKind => nodeKinds.find((k) => k.type === type) ?? { type, title: type, help: '', icon: FALLBACK_ICON, iconUrl: iconUrl(FALLBACK_ICON) }

/** Exit names of a node per its registered type (none for an unknown type). */
export function exitsOf(node: FlowNode): string[] {
  try {
    return registry[node.type]?.exitNames(node as never) ?? []
  } catch {
    return []
  }
}

/** A new node of a type, valid as far as the schema's first example is: its fields minus id, exits, position and name. */
export function newNode(type: string, id: string, position: { x: number; y: number }): FlowNode {
  const example = ((registry[type]?.schema as { examples?: Record<string, unknown>[] }).examples?.[0] ?? {}) as Record<string, unknown>
  const { id: _id, exits: _exits, position: _position, name: _name, notes: _notes, ...fields } = structuredClone(example)
  return { ...fields, id, type, position } as FlowNode
}
