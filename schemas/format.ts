/**
 * The one way a flow file is written: keys in schema order (id, type, name, then the node type's own
 * fields, exits, position), two-space indent, final newline. Every writer (designer, CLI) uses it, so
 * git diffs show only what changed.
 */
import type { Flow } from './nodes/step.ts'
import { nodeTypes } from './nodes/index.ts'
import flowSchema from './flow.schema.json' with { type: 'json' }

const flowKeys = Object.keys(flowSchema.properties)
const nodeTail = ['exits', 'position']

function ordered(value: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of order) if (key in value && value[key] !== undefined) out[key] = value[key]
  for (const key of Object.keys(value).sort()) if (!(key in out) && value[key] !== undefined) out[key] = value[key]
  return out
}

function nodeOrder(type: string): string[] {
  const properties = Object.keys((nodeTypes[type]?.schema as { properties?: object })?.properties ?? {})
  return [...properties.filter((k) => !nodeTail.includes(k)), ...nodeTail]
}

/** The flow with its keys in canonical order (values untouched). */
export function canonicalFlow(flow: Flow): Flow {
  const nodes = (flow.nodes ?? []).map((node) => ordered(node as unknown as Record<string, unknown>, nodeOrder(node.type)))
  return ordered({ ...flow, nodes }, flowKeys) as unknown as Flow
}

/** The text of a flow file as every Switchboard writer produces it. */
export function formatFlow(flow: Flow): string {
  return `${JSON.stringify(canonicalFlow(flow), null, 2)}\n`
}
