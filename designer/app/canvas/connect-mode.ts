/**
 * Connecting two ports from the keyboard: C on a node (or Enter on one of its ports) starts it;
 * arrows pick the exit, Tab / Shift+Tab walk the target nodes (nearest first), Enter connects,
 * Escape cancels. A pure state machine, so it is tested without a DOM.
 */
import type { Flow } from '../../../schemas/nodes/step.ts'
import { rulesOf, triggerIdOf } from '../flow-doc/triggers.ts'
import { exitsOf } from './node-kinds.ts'

export interface ConnectState {
  source: string
  exits: string[]
  exit: number
  /** Candidate targets, nearest to the source first. */
  targets: string[]
  target: number
}

export type ConnectResult =
  | { state: ConnectState }
  | { cancel: true }
  | { connect: { source: string; exit: string; target: string } }
  | { unhandled: true }

type Point = { x: number; y: number }

/** A card's exits and where they go: a node's, or a rule's one port (none when it opts out). */
function sourceOf(flow: Flow, source: string): { exits: string[]; targets: Record<string, string | undefined> } | undefined {
  const trigger = triggerIdOf(source)
  if (trigger !== undefined) {
    const rule = rulesOf(flow).find((t) => t.id === trigger)
    return rule && rule.do !== 'opt-out' ? { exits: ['goto'], targets: { goto: rule.goto } } : undefined
  }
  const node = flow.nodes.find((n) => n.id === source)
  return node && { exits: exitsOf(node), targets: node.exits ?? {} }
}

/** Starts connect mode on a node or a rule (at a given exit, or its first unconnected one); undefined when it has no exits. Targets are nodes only. */
export function startConnect(flow: Flow, source: string, positions: Map<string, Point>, exit?: string): ConnectState | undefined {
  const node = sourceOf(flow, source)
  const exits = node?.exits ?? []
  if (!node || !exits.length) return undefined
  const from = positions.get(source) ?? { x: 0, y: 0 }
  const distance = (id: string) => {
    const p = positions.get(id) ?? { x: 0, y: 0 }
    return Math.hypot(p.x - from.x, p.y - from.y)
  }
  const targets = flow.nodes.map((n) => n.id).sort((a, b) => distance(a) - distance(b))
  const start = exit !== undefined && exits.includes(exit) ? exits.indexOf(exit) : Math.max(0, exits.findIndex((e) => !node.targets[e]))
  const current = node.targets[exits[start]]
  const others = targets.filter((t) => t !== source)
  const target = current && others.includes(current) ? others.indexOf(current) : 0
  return { source, exits, exit: start, targets: others.length === targets.length ? others : [...others, source], target }
}

/** The next state (or the connection to make) after a key press in connect mode. */
export function connectKey(state: ConnectState, key: string, shift = false): ConnectResult {
  const wrap = (i: number, n: number) => (i + n) % n
  switch (key) {
    case 'ArrowUp':
    case 'ArrowLeft':
      return { state: { ...state, exit: wrap(state.exit - 1, state.exits.length) } }
    case 'ArrowDown':
    case 'ArrowRight':
      return { state: { ...state, exit: wrap(state.exit + 1, state.exits.length) } }
    case 'Tab':
      return { state: { ...state, target: wrap(state.target + (shift ? -1 : 1), state.targets.length) } }
    case 'Enter':
      return { connect: { source: state.source, exit: state.exits[state.exit], target: state.targets[state.target] } }
    case 'Escape':
      return { cancel: true }
    default:
      return { unhandled: true }
  }
}

export const connectTarget = (state: ConnectState) => state.targets[state.target]
export const connectExit = (state: ConnectState) => state.exits[state.exit]
