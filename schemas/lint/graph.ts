/** Graph facts over a flow's exits, shared by rules: strongly connected components in O(nodes + exits). */
import type { FlowNode } from '../nodes/step.ts'

/**
 * Tarjan's strongly connected components, iterative (no recursion limit on long chains). Components
 * come out in reverse topological order: a component is emitted before every component that leads to it.
 */
export function stronglyConnected(nodes: FlowNode[], next: (node: FlowNode) => FlowNode[]): FlowNode[][] {
  const order = new Map<FlowNode, number>()
  const low = new Map<FlowNode, number>()
  const onStack = new Set<FlowNode>()
  const stack: FlowNode[] = []
  const components: FlowNode[][] = []
  let counter = 0
  for (const root of nodes) {
    if (order.has(root)) continue
    const work: { node: FlowNode; targets: FlowNode[]; i: number }[] = []
    const open = (node: FlowNode) => {
      order.set(node, counter)
      low.set(node, counter++)
      stack.push(node)
      onStack.add(node)
      work.push({ node, targets: next(node), i: 0 })
    }
    open(root)
    while (work.length) {
      const frame = work[work.length - 1]
      if (frame.i < frame.targets.length) {
        const target = frame.targets[frame.i++]
        if (!order.has(target)) open(target)
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, order.get(target)!))
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!))
      if (low.get(frame.node) !== order.get(frame.node)) continue
      const component: FlowNode[] = []
      let member: FlowNode
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== frame.node)
      components.push(component)
    }
  }
  return components
}

/** Whether a component is a cycle: several nodes, or one node with an exit back to itself. */
export const isCycle = (component: FlowNode[], next: (node: FlowNode) => FlowNode[]) => component.length > 1 || next(component[0]).includes(component[0])
