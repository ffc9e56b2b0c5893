/**
 * The one way a flow file is written: keys in schema order (id, type, name, then the node type's own
 * fields, exits, position), two-space indent, final newline. Every writer (designer, CLI) uses it, so
 * git diffs show only what changed.
 */
import type { Flow } from './nodes/step.ts'
import { nodeTypes } from './nodes/index.ts'
import flowSchema from './flow.schema.json' with { type: 'json' }
import triggerSchema from './trigger.schema.json' with { type: 'json' }

const flowKeys = Object.keys(flowSchema.properties)
const triggerKeys = Object.keys(triggerSchema.properties)
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

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value)

/** A trigger (escalation rule) with its keys in schema order, as a node's are; values untouched. */
export const canonicalTrigger = <T extends object>(trigger: T): T => ordered(trigger as Record<string, unknown>, triggerKeys) as T

/** The flow with its keys in canonical order (values untouched). A triggers list that is not all objects (half-typed) stays as it is. */
export function canonicalFlow(flow: Flow): Flow {
  const nodes = (flow.nodes ?? []).map((node) => ordered(node as unknown as Record<string, unknown>, nodeOrder(node.type)))
  const triggers = Array.isArray(flow.triggers) && flow.triggers.every(isObject) ? { triggers: flow.triggers.map(canonicalTrigger) } : {}
  return ordered({ ...flow, ...triggers, nodes }, flowKeys) as unknown as Flow
}

/** The text of a flow file as every Switchboard writer produces it. */
export function formatFlow(flow: Flow): string {
  return `${JSON.stringify(canonicalFlow(flow), null, 2)}\n`
}
