/**
 * What the inspector's custom fields need to know about the flow around the field they edit:
 * the flow's languages and channels, the variables in scope, the nodes (for pickers) and the form's
 * whole value (a label's limit depends on how many options there are). Passed as rjsf's formContext.
 */
import type { Flow } from '../../../schemas/nodes/step.ts'
import { nodeTypes } from '../../../schemas/nodes/index.ts'
import { whatsappLimits } from '../../../schemas/channel-limits.ts'

export interface InspectorContext {
  languages: string[]
  defaultLanguage: string
  channels: string[]
  variables: string[]
  nodes: { id: string; label: string }[]
  /** The whole form's current value. */
  root?: Record<string, unknown>
}

/** Names a conversation always has, offered by the variable picker. */
export const builtinVariables = ['contact.name', 'contact.phone', 'contact.id', 'contact.language', 'channel', 'language', 'flow.id', 'flow.name']

/** Variables in scope anywhere in the flow: declared ones, those nodes set, and the built-in ones. */
export function flowVariables(flow: Flow): string[] {
  const names = new Set<string>(Object.keys(flow.variables ?? {}))
  for (const node of flow.nodes ?? []) {
    try {
      for (const name of nodeTypes[node.type]?.setsVariables?.(node) ?? []) if (name) names.add(name)
    } catch {
      // a half-filled node may not say what it sets yet
    }
  }
  // a node may set a built-in name (contact.language): each name once, or lists keyed by it repeat a key
  return [...new Set([...[...names].sort(), ...builtinVariables])]
}

export function inspectorContext(flow: Flow, root?: Record<string, unknown>): InspectorContext {
  return {
    languages: flow.languages?.length ? flow.languages : ['en'],
    defaultLanguage: flow.defaultLanguage ?? flow.languages?.[0] ?? 'en',
    channels: flow.channels ?? [],
    variables: flowVariables(flow),
    nodes: (flow.nodes ?? []).map((n) => ({ id: n.id, label: n.name ? `${n.name} (${n.id})` : n.id })),
    root,
  }
}

export interface FieldLimit {
  limit: number
  what: string
}

/**
 * The WhatsApp limit of a text field, from its place in the form: an option's label is a button
 * title (up to 3 options) or a list row title; its description a row description; a question with
 * options an interactive body. Field roles, never node types, decide.
 */
export function whatsappLimitOf(path: (string | number)[], root: Record<string, unknown> = {}): FieldLimit | undefined {
  const last = path[path.length - 1]
  const item = typeof path[path.length - 2] === 'number'
  if (item) {
    const count = Array.isArray(root[path[0] as string]) ? (root[path[0] as string] as unknown[]).length : 0
    if (last === 'label') return count <= whatsappLimits.buttons ? { limit: whatsappLimits.buttonTitle, what: 'button title' } : { limit: whatsappLimits.rowTitle, what: 'list row title' }
    if (last === 'description') return { limit: whatsappLimits.rowDescription, what: 'row description' }
    return undefined
  }
  if (last === 'listButton') return { limit: whatsappLimits.listButton, what: 'list button' }
  if (path.length !== 1) return undefined
  const hasOptions = Object.values(root).some((v) => Array.isArray(v) && v.some((o) => o && typeof o === 'object' && 'label' in o))
  return hasOptions ? { limit: whatsappLimits.interactiveBody, what: 'message with options' } : { limit: whatsappLimits.textBody, what: 'message' }
}
