/**
 * What lint knows about variables: where a node reads them ({{templates}} in any string, JSON Logic
 * {"var": ...} anywhere), which are declared or built in, which nodes set them (the registry's
 * setsVariables hook), and whether one is set on some path from the start before a node.
 */
import { distance } from 'fastest-levenshtein'
import type { FlowNode } from '../nodes/step.ts'
import { nodeTypes } from '../nodes/index.ts'
import { placeholder } from '../template.ts'
import { nodeStrings, type Path } from './node-json.ts'
import type { FlowIndex } from './rule.ts'

/** A variable a node reads, and where. */
export interface VariableRef {
  name: string
  path: Path
  kind: 'template' | 'logic'
}

/** Names every conversation has: contact fields, the channel, the language, the flow, and secrets (filled by the host). */
const builtinRoots = new Set(['contact', 'channel', 'language', 'flow', 'secrets'])
export const isBuiltin = (name: string) => builtinRoots.has(name.split('.')[0])

/** A set of dotted names where 'order' covers 'order.eta' and 'order.eta' makes 'order' exist. */
export class Names {
  readonly names = new Set<string>()
  private readonly prefixes = new Set<string>()
  add(name: string): void {
    this.names.add(name)
    const parts = name.split('.')
    for (let i = 1; i < parts.length; i++) this.prefixes.add(parts.slice(0, i).join('.'))
  }
  covers(name: string): boolean {
    if (this.prefixes.has(name)) return true
    const parts = name.split('.')
    for (let i = 1; i <= parts.length; i++) if (this.names.has(parts.slice(0, i).join('.'))) return true
    return false
  }
}

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)

/** {"var": "order.total"} and {"var": ["order.total", 0]} anywhere in a JSON value. */
export function logicRefs(value: unknown, path: Path, out: VariableRef[] = []): VariableRef[] {
  if (Array.isArray(value)) value.forEach((v, i) => logicRefs(v, [...path, i], out))
  else if (value && typeof value === 'object') {
    const entries = Object.entries(value)
    if (entries.length === 1 && entries[0][0] === 'var') {
      const target = Array.isArray(entries[0][1]) ? entries[0][1][0] : entries[0][1]
      if (typeof target === 'string' && target) out.push({ name: target, path: [...path, 'var'], kind: 'logic' })
    }
    for (const [key, v] of entries) if (!(path.length === 0 && ['id', 'type', 'exits', 'position', 'notes', 'name'].includes(key))) logicRefs(v, [...path, key], out)
  }
  return out
}

function nodeRefs(node: FlowNode): VariableRef[] {
  const refs: VariableRef[] = []
  nodeStrings(node, (text, path) => {
    if (!text.includes('{{')) return
    const seen = new Set<string>()
    for (const match of text.matchAll(placeholder)) {
      if (seen.has(match[1])) continue
      seen.add(match[1])
      refs.push({ name: match[1], path, kind: 'template' })
    }
  })
  return logicRefs(node, [], refs)
}

export interface VariableFacts {
  declared: Names
  setAnywhere: Names
  /** Nodes whose setsVariables() names this variable. */
  setters: Map<string, FlowNode[]>
  refs(node: FlowNode): VariableRef[]
  /** Whether some node sets this variable (or a part or whole of it) on a path from the start or a trigger to this node. */
  setBefore(node: FlowNode, name: string): boolean
  /** The closest known variable name, for "did you mean". */
  suggest(name: string): string | undefined
}

const factsByIndex = new WeakMap<FlowIndex, VariableFacts>()

/** Variable facts for a flow, built once per validation and shared by the variable rules. */
export function variableFacts(index: FlowIndex): VariableFacts {
  const cached = factsByIndex.get(index)
  if (cached) return cached
  const { flow, byId, reachable } = index
  const declared = new Names()
  for (const name of Object.keys(flow.variables ?? {})) declared.add(name)
  const setAnywhere = new Names()
  const setters = new Map<string, FlowNode[]>()
  for (const node of flow.nodes) {
    let names: string[] = []
    try {
      names = nodeTypes[node.type]?.setsVariables?.(node) ?? []
    } catch {
      names = []
    }
    for (const name of names) {
      setAnywhere.add(name)
      setters.set(name, [...(setters.get(name) ?? []), node])
    }
  }
  const triggerTargets = (flow.triggers ?? []).map((t) => t.goto).filter((g): g is string => !!g)
  const reachedAfter = new Map<string, Set<string>>()
  /** Nodes a conversation can arrive at after a setter of `name` ran: BFS from the setters' exits (and the triggers' targets). */
  const reached = (name: string) => {
    let seen = reachedAfter.get(name)
    if (seen) return seen
    seen = new Set<string>()
    const nodes = setters.get(name) ?? []
    const queue = nodes.flatMap((n) => Object.values(n.exits ?? {}) as string[])
    if (nodes.some((n) => reachable.has(n.id))) queue.push(...triggerTargets)
    while (queue.length) {
      const id = queue.pop()!
      if (seen.has(id)) continue
      const node = byId.get(id)
      if (!node) continue
      seen.add(id)
      for (const target of Object.values(node.exits ?? {})) if (target && !seen.has(target)) queue.push(target)
    }
    reachedAfter.set(name, seen)
    return seen
  }
  const refsByNode = new Map<FlowNode, VariableRef[]>()
  const known = [...Object.keys(flow.variables ?? {}), ...setters.keys()]
  const facts: VariableFacts = {
    declared,
    setAnywhere,
    setters,
    refs: (node) => {
      let refs = refsByNode.get(node)
      if (!refs) refsByNode.set(node, (refs = nodeRefs(node)))
      return refs
    },
    setBefore: (node, name) => [...setters.keys()].some((set) => related(set, name) && reached(set).has(node.id)),
    suggest: (name) => {
      let best: string | undefined
      let bestDistance = Math.min(3, Math.ceil(name.length / 3))
      for (const candidate of known) {
        const d = distance(candidate, name)
        if (d < bestDistance) [best, bestDistance] = [candidate, d]
      }
      return best
    },
  }
  factsByIndex.set(index, facts)
  return facts
}
