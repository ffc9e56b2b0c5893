/**
 * What lint learns about a node from its JSON and its type's JSON Schema, never from its type name:
 * which fields are customer-facing texts, which array items are options or branches (their `id` is an
 * exit name), and where a field with a given name sits.
 */
import type { Flow, FlowNode, Text } from '../nodes/step.ts'
import { nodeTypes } from '../nodes/index.ts'
import { localize } from '../template.ts'
import commonSchema from '../common.schema.json' with { type: 'json' }
import { perValidation } from './memo.ts'
import type { FlowIndex } from './rule.ts'

export type Path = (string | number)[]
type Schema = Record<string, any>

/** A text field of a node type: its path ('*' for array items) and a title for messages. */
interface TextField {
  path: string[]
  title: string
}

/** Fields that never hold anything a customer sees or a variable reads. */
const structural = new Set(['id', 'type', 'exits', 'position', 'notes', 'name'])

const textRef = /(^|#\/\$defs\/)text$/

function collectTextFields(schema: Schema, root: Schema, path: string[], title: string, out: Map<string, TextField>, depth: number): void {
  if (!schema || typeof schema !== 'object' || depth > 8) return
  const ref: string | undefined = schema.$ref
  if (ref) {
    if (textRef.test(ref)) {
      out.set(path.join('/'), { path, title: schema.title ?? title })
      return
    }
    const name = ref.split('#/$defs/')[1]
    const document: Schema = ref.startsWith('#') ? root : ref.includes('common.schema.json') ? commonSchema : root
    const def: Schema | undefined = name ? document.$defs?.[name] : undefined
    if (def) collectTextFields(def, document, path, schema.title ?? def.title ?? title, out, depth + 1)
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) for (const sub of schema[key] ?? []) collectTextFields(sub, root, path, title, out, depth + 1)
  for (const key of ['then', 'else'] as const) if (schema[key]) collectTextFields(schema[key], root, path, title, out, depth + 1)
  for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) {
    if (path.length === 0 && structural.has(key)) continue
    const childTitle = sub.title ?? key
    const nested = path.length > 0 && path[path.length - 1] !== '*'
    collectTextFields(sub, root, [...path, key], nested ? `${title} ${childTitle}` : childTitle, out, depth + 1)
  }
  if (schema.items && typeof schema.items === 'object') collectTextFields(schema.items, root, [...path, '*'], title, out, depth + 1)
}

const textFieldsByType = new Map<string, TextField[]>()

/** The text fields a node type declares in its schema (cached per type). */
function textFields(type: string): TextField[] {
  let fields = textFieldsByType.get(type)
  if (!fields) {
    const out = new Map<string, TextField>()
    const schema = nodeTypes[type]?.schema as Schema | undefined
    if (schema) collectTextFields(schema, schema, [], '', out, 0)
    textFieldsByType.set(type, (fields = [...out.values()]))
  }
  return fields
}

/** One customer-facing text of a node, where it is, and how to call it in a message. */
export interface NodeText {
  path: Path
  value: Text
  title: string
}

/** Every text a node holds (per its schema), in field order; only the localized ones ({"en": …}) when asked. */
export function nodeTexts(node: FlowNode, localizedOnly = false): NodeText[] {
  const out: NodeText[] = []
  const path: Path = []
  for (const field of textFields(node.type)) expandText(node, field, path, out, localizedOnly)
  return out
}

// Module-level rather than a closure in nodeTexts: lint runs through tsx, whose keep-names transform
// makes each closure creation cost ~0.3 µs, and this runs for every node of every validation.
// `path` is one array pushed and popped on the way, copied only for a text found.
function expandText(value: unknown, field: TextField, path: Path, out: NodeText[], localizedOnly: boolean): void {
  if (value === undefined || value === null) return
  const i = path.length
  if (i === field.path.length) {
    if ((typeof value === 'string' && !localizedOnly) || (typeof value === 'object' && !Array.isArray(value))) out.push({ path: path.slice(), value: value as Text, title: field.title })
    return
  }
  const part = field.path[i]
  if (part === '*') {
    if (!Array.isArray(value)) return
    for (let j = 0; j < value.length; j++) {
      path.push(j)
      expandText(value[j], field, path, out, localizedOnly)
      path.pop()
    }
  } else if (typeof value === 'object') {
    path.push(part)
    expandText((value as Record<string, unknown>)[part], field, path, out, localizedOnly)
    path.pop()
  }
}

/** An array item of a node whose `id` names one of its exits (a menu option, a condition branch). */
export interface ExitItem {
  field: string
  index: number
  item: Record<string, unknown>
}

/** Finds the array item with this id in any array field of the node. */
export function findItem(node: FlowNode, id: string): ExitItem | undefined {
  for (const [field, value] of Object.entries(node)) {
    if (!Array.isArray(value)) continue
    const index = value.findIndex((item) => item && typeof item === 'object' && (item as { id?: unknown }).id === id)
    if (index >= 0) return { field, index, item: value[index] }
  }
  return undefined
}

/** "options" -> "option", "branches" -> "branch", "choices" -> "choice". */
export function singular(field: string): string {
  if (/(ch|sh|s|x)es$/.test(field)) return field.slice(0, -2)
  if (/ies$/.test(field)) return `${field.slice(0, -3)}y`
  return field.replace(/s$/, '')
}

/** How an item is called in messages: option 'Track your order' (its label, else name, else id). */
export function itemName(found: ExitItem, flow: Flow, language = flow.defaultLanguage): string {
  const { item } = found
  const label = item.label ?? item.title ?? item.name
  const shown = label !== undefined && (typeof label === 'string' || typeof label === 'object') ? localize(label as Text, language, flow.defaultLanguage) : ''
  return `${singular(found.field)} '${shown || String(item.id)}'`
}

/** How a text field is called in messages: "the Question", "option 'FAQ' label". */
export function textName(node: FlowNode, text: NodeText, flow: Flow): string {
  const at = text.path.findIndex((p) => typeof p === 'number')
  if (at > 0) {
    const item = (node as unknown as Record<string, unknown[]>)[String(text.path[0])]?.[text.path[at] as number]
    if (item && typeof item === 'object' && 'id' in item) {
      const name = itemName({ field: String(text.path[0]), index: text.path[at] as number, item: item as Record<string, unknown> }, flow)
      return at === text.path.length - 1 ? name : `${name} ${text.title.toLowerCase()}`
    }
    return `${text.title} ${(text.path[at] as number) + 1}`
  }
  return `the ${text.title}`
}

/**
 * The path of the text that produced an emitted string: the text field (under `within`, if given)
 * whose localization is that string, plus the language key when the text is localized.
 */
export function locateText(node: FlowNode, emitted: string, language: string, flow: Flow, within: Path = []): Path | undefined {
  for (const text of nodeTexts(node)) {
    if (within.some((p, i) => text.path[i] !== p)) continue
    if (localize(text.value, language, flow.defaultLanguage) !== emitted) continue
    if (typeof text.value === 'string') return text.path
    const key = [language, language.split('-')[0], flow.defaultLanguage].find((l) => (text.value as Record<string, string>)[l] === emitted)
    return key ? [...text.path, key] : text.path
  }
  return undefined
}

/** Fields some rule looks up by name wherever they sit in a node (hours, SLA ladders). */
const namedFields = new Set(['timezone', 'weekly', 'holidays', 'sla'])

/** What one walk over a node's JSON (outside its structural fields) finds, for every rule at once. */
export interface NodeScan {
  /** Values of the named fields, with their paths (no map at all for the many nodes that have none). */
  named?: Map<string, { path: Path; value: unknown }[]>
  /** Strings that hold a {{placeholder}}, with their paths. */
  templates: { text: string; path: Path }[]
  /** JSON Logic {"var": name} (or {"var": [name, default]}), with the path of the `var`. */
  logic: { name: string; path: Path }[]
}

/** The empty list scans share (never written: a scan swaps in its own list on the first find). */
const none: never[] = []

const scansOf = perValidation(() => new Map<FlowNode, NodeScan>())

/** Walks a node's JSON once per validation (`owner` is the FlowIndex) and keeps what rules ask for. */
export function scanNode(owner: FlowIndex, node: FlowNode): NodeScan {
  const byNode = scansOf(owner)
  let scan = byNode.get(node)
  if (scan) return scan
  // most nodes hold no template and no logic: they share these empty lists until something is found
  scan = { templates: none, logic: none }
  scanValue(node, [], scan)
  byNode.set(node, scan)
  return scan
}

/** scanNode's walk; `path` is one array pushed and popped on the way (copied where kept). Not a closure: see expandText. */
function scanValue(value: unknown, path: Path, found: NodeScan): void {
  if (typeof value === 'string') {
    if (value.includes('{{')) (found.templates === none ? (found.templates = []) : found.templates).push({ text: value, path: path.slice() })
    return
  }
  if (typeof value !== 'object' || value === null) return
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i)
      scanValue(value[i], path, found)
      path.pop()
    }
    return
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length === 1 && keys[0] === 'var') {
    const target = Array.isArray(record.var) ? record.var[0] : record.var
    if (typeof target === 'string' && target) (found.logic === none ? (found.logic = []) : found.logic).push({ name: target, path: [...path, 'var'] })
  }
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]
    if (path.length === 0 && structural.has(key)) continue
    path.push(key)
    if (namedFields.has(key)) {
      const entry = { path: path.slice(), value: record[key] }
      const list = (found.named ??= new Map()).get(key)
      if (list) list.push(entry)
      else found.named.set(key, [entry])
    }
    scanValue(record[key], path, found)
    path.pop()
  }
}

/** Every value under a field of this name (one of namedFields) anywhere in the node, with its path. */
export const fieldsNamed = (owner: FlowIndex, node: FlowNode, name: string): readonly { path: Path; value: unknown }[] => scanNode(owner, node).named?.get(name) ?? none

/** A JSON pointer (RFC 6901) from the root of the flow file. */
export const jsonPointer = (path: Path) => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')

/** How an escalation rule (a trigger) is called in messages: Trigger 'Asks for a person'. */
export const triggerLabel = (trigger: { id: string; name?: string }) => `Trigger '${trigger.name || trigger.id}'`
