/** Graph facts over a flow's exits, shared by rules: strongly connected components in O(nodes + exits). */
import type { FlowNode } from '../nodes/step.ts'

/**
 * Tarjan's strongly connected components, iterative (no recursion limit on long chains). Components
 * come out in reverse topological order: a component is emitted before every component that leads to it.
 * Nodes get a number on first sight and the bookkeeping lives in typed arrays over those numbers:
 * one map lookup per edge rather than several (this runs on every validation).
 */
export function stronglyConnected(nodes: FlowNode[], next: (node: FlowNode) => FlowNode[]): FlowNode[][] {
  const number = new Map<FlowNode, number>()
  const seen: FlowNode[] = []
  // numbers are handed out in visiting order, so a node's number is also its Tarjan order
  let low = new Int32Array(Math.max(16, nodes.length))
  let onStack = new Uint8Array(low.length)
  const stack: number[] = []
  const components: FlowNode[][] = []
  const work: { at: number; targets: FlowNode[]; i: number }[] = []
  const open = (node: FlowNode): void => {
    const at = seen.push(node) - 1
    number.set(node, at)
    if (at === low.length) {
      const grownLow = new Int32Array(low.length * 2)
      grownLow.set(low)
      const grownOnStack = new Uint8Array(low.length * 2)
      grownOnStack.set(onStack)
      low = grownLow
      onStack = grownOnStack
    }
    low[at] = at
    stack.push(at)
    onStack[at] = 1
    work.push({ at, targets: next(node), i: 0 })
  }
  for (const root of nodes) {
    if (number.has(root)) continue
    open(root)
    while (work.length) {
      const frame = work[work.length - 1]
      if (frame.i < frame.targets.length) {
        const target = frame.targets[frame.i++]
        const order = number.get(target)
        if (order === undefined) open(target)
        else if (onStack[order]) low[frame.at] = Math.min(low[frame.at], order)
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low[parent.at] = Math.min(low[parent.at], low[frame.at])
      if (low[frame.at] !== frame.at) continue
      const component: FlowNode[] = []
      let member: number
      do {
        member = stack.pop()!
        onStack[member] = 0
        component.push(seen[member])
      } while (member !== frame.at)
      components.push(component)
    }
  }
  return components
}

/** Whether a component is a cycle: several nodes, or one node with an exit back to itself. */
export const isCycle = (component: FlowNode[], next: (node: FlowNode) => FlowNode[]) => component.length > 1 || next(component[0]).includes(component[0])
