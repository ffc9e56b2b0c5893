/**
 * What lint knows about variables: where a node reads them ({{templates}} in any string, JSON Logic
 * {"var": ...} anywhere), which are declared or built in, which nodes set them (the registry's
 * setsVariables hook), and whether one is set on some path from the start before a node.
 */
import { distance } from 'fastest-levenshtein'
import type { FlowNode } from '../nodes/step.ts'
import { nodeTypes } from '../nodes/index.ts'
import { placeholder } from '../template.ts'
import { scanNode, type Path } from './node-json.ts'
import type { FlowIndex } from './rule.ts'
import { isCycle, stronglyConnected } from './graph.ts'

/** A variable a node reads, and where. */
export interface VariableRef {
  name: string
  path: Path
  kind: 'template' | 'logic'
}

/** Names every conversation has: contact fields, the channel, the language, the flow, and secrets (filled by the host). */
const builtinRoots = new Set(['contact', 'channel', 'language', 'flow', 'secrets'])
export const isBuiltin = (name: string) => {
  const dot = name.indexOf('.')
  return builtinRoots.has(dot < 0 ? name : name.slice(0, dot))
}

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
    if (this.prefixes.has(name) || this.names.has(name)) return true
    // its wholes: 'order' and 'order.eta' for 'order.eta.day' (slices at each dot, no arrays built)
    for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) if (this.names.has(name.slice(0, dot))) return true
    return false
  }
}

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

function nodeRefs(owner: FlowIndex, node: FlowNode): VariableRef[] {
  const scan = scanNode(owner, node)
  if (!scan.templates.length && !scan.logic.length) return []
  const refs: VariableRef[] = []
  for (const { text, path } of scan.templates) {
    const seen = new Set<string>()
    for (const match of text.matchAll(placeholder)) {
      if (seen.has(match[1])) continue
      seen.add(match[1])
      refs.push({ name: match[1], path, kind: 'template' })
    }
  }
  for (const { name, path } of scan.logic) refs.push({ name, path, kind: 'logic' })
  return refs
}

export interface VariableFacts {
  declared: Names
  setAnywhere: Names
  /** Nodes whose setsVariables() names this variable, a part of it, or a whole it belongs to. */
  settersOf(name: string): FlowNode[]
  refs(node: FlowNode): VariableRef[]
  /** Whether the node itself sets this variable (or a part or whole of it). */
  setsItself(node: FlowNode, name: string): boolean
  /** Whether some node sets this variable (or a part or whole of it) on a path from the start or a trigger to this node. */
  setBefore(node: FlowNode, name: string): boolean
  /** The closest known variable name, for "did you mean". */
  suggest(name: string): string | undefined
}

const factsByIndex = new WeakMap<FlowIndex, VariableFacts>()

/**
 * Variable facts for a flow, built once per validation and shared by the variable rules.
 * "Set before" is a may-analysis over the exit graph with one bit per set variable: components in
 * topological order, each node's set = what its predecessors had or set; inside a cycle every member
 * sees what any member sets; a trigger's target sees whatever any reachable step sets.
 * O((nodes + exits) x variables / 32).
 */
export function variableFacts(index: FlowIndex): VariableFacts {
  const cached = factsByIndex.get(index)
  if (cached) return cached
  const { flow, byId } = index
  const declared = new Names()
  for (const name of Object.keys(flow.variables ?? {})) declared.add(name)
  const setAnywhere = new Names()
  const bit = new Map<string, number>()
  const setters: FlowNode[][] = []
  const setsOf = new Map<FlowNode, number[]>()
  for (const node of byId.values()) {
    let names: string[] = []
    try {
      names = nodeTypes[node.type]?.setsVariables?.(node) ?? []
    } catch {
      names = []
    }
    if (!names.length) continue
    const bits: number[] = []
    for (const name of names) {
      setAnywhere.add(name)
      let b = bit.get(name)
      if (b === undefined) bit.set(name, (b = setters.push([]) - 1))
      setters[b].push(node)
      bits.push(b)
    }
    setsOf.set(node, bits)
  }
  /** Bits of the set variables related to a name: itself, its wholes (order for order.eta) and its parts. */
  const extensions = new Map<string, number[]>()
  for (const [name, b] of bit) {
    const parts = name.split('.')
    for (let i = 1; i < parts.length; i++) {
      const whole = parts.slice(0, i).join('.')
      extensions.set(whole, [...(extensions.get(whole) ?? []), b])
    }
  }
  const relatedBits = new Map<string, number[]>()
  const bitsFor = (name: string) => {
    let bits = relatedBits.get(name)
    if (!bits) {
      bits = [...(extensions.get(name) ?? [])]
      const parts = name.split('.')
      for (let i = 1; i <= parts.length; i++) {
        const b = bit.get(parts.slice(0, i).join('.'))
        if (b !== undefined) bits.push(b)
      }
      relatedBits.set(name, bits)
    }
    return bits
  }
  let before: Map<FlowNode, Uint32Array> | undefined
  const has = (set: Uint32Array | undefined, b: number) => !!set && (set[b >>> 5] & (1 << (b & 31))) !== 0
  const facts: VariableFacts = {
    declared,
    setAnywhere,
    settersOf: (name) => [...new Set(bitsFor(name).flatMap((b) => setters[b]))],
    refs: (node) => {
      let refs = refsByNode.get(node)
      if (!refs) refsByNode.set(node, (refs = nodeRefs(index, node)))
      return refs
    },
    setsItself: (node, name) => {
      const own = setsOf.get(node)
      return !!own && bitsFor(name).some((b) => own.includes(b))
    },
    setBefore: (node, name) => {
      before ??= setBeforeBits(index, setsOf, setters.length)
      const set = before.get(node)
      return bitsFor(name).some((b) => has(set, b))
    },
    suggest: (name) => {
      let best: string | undefined
      let bestDistance = Math.min(3, Math.ceil(name.length / 3))
      for (const candidate of [...Object.keys(flow.variables ?? {}), ...bit.keys()]) {
        const d = distance(candidate, name)
        if (d > 0 && d < bestDistance) [best, bestDistance] = [candidate, d]
      }
      return best
    },
  }
  const refsByNode = new Map<FlowNode, VariableRef[]>()
  factsByIndex.set(index, facts)
  return facts
}

function setBeforeBits(index: FlowIndex, setsOf: Map<FlowNode, number[]>, count: number): Map<FlowNode, Uint32Array> {
  const { flow, byId, reachable } = index
  const words = Math.max(1, Math.ceil(count / 32))
  const nodes = [...byId.values()]
  const next = (node: FlowNode) => (Object.values(node.exits ?? {}) as string[]).map((id) => byId.get(id)).filter((n): n is FlowNode => !!n)
  const predecessors = new Map<FlowNode, FlowNode[]>()
  for (const node of nodes) for (const target of next(node)) predecessors.set(target, [...(predecessors.get(target) ?? []), node])
  const own = (node: FlowNode, into: Uint32Array) => {
    for (const b of setsOf.get(node) ?? []) into[b >>> 5] |= 1 << (b & 31)
  }
  const anyReachable = new Uint32Array(words)
  for (const node of nodes) if (reachable.has(node.id)) own(node, anyReachable)
  const triggerTargets = new Set((flow.triggers ?? []).map((t) => t.goto).filter((g): g is string => !!g))
  const before = new Map<FlowNode, Uint32Array>()
  const components = stronglyConnected(nodes, next)
  for (let c = components.length - 1; c >= 0; c--) {
    const members = components[c]
    const inside = new Set(members)
    const set = new Uint32Array(words)
    for (const member of members) {
      if (triggerTargets.has(member.id)) for (let w = 0; w < words; w++) set[w] |= anyReachable[w]
      for (const p of predecessors.get(member) ?? []) {
        if (inside.has(p) || !reachable.has(p.id)) continue
        const from = before.get(p)!
        for (let w = 0; w < words; w++) set[w] |= from[w]
        own(p, set)
      }
    }
    if (isCycle(members, next)) for (const member of members) own(member, set)
    for (const member of members) before.set(member, set)
  }
  return before
}
