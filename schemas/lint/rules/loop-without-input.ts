import type { FlowNode } from '../../nodes/step.ts'
import { nodeTypes } from '../../nodes/index.ts'
import type { LintRule } from '../rule.ts'
import { pauses } from '../simulate.ts'
import { listWords } from '../words.ts'

/**
 * Cycles of exits among steps that go straight on (messages, set, condition): nothing in them waits for
 * the customer, a timer or a service, so a conversation that enters one never stops (the engine gives
 * up after 1,000 steps). Strongly connected components (Tarjan, iterative), O(nodes + exits).
 */
export const loopWithoutInput: LintRule = {
  code: 'loop-without-input',
  severity: 'error',
  description: 'A loop with no step that waits runs forever and the conversation breaks.',
  check: (index) => {
    const { flow, byId, label, pointer } = index
    const moving = (node: FlowNode | undefined): node is FlowNode => !!node && !!nodeTypes[node.type] && byId.get(node.id) === node && !pauses(index, node)
    const nodes = flow.nodes.filter(moving)
    const next = (node: FlowNode) => [...new Set(Object.values(node.exits ?? {}) as string[])].map((id) => byId.get(id)).filter(moving)
    const order = new Map<FlowNode, number>()
    const low = new Map<FlowNode, number>()
    const onStack = new Set<FlowNode>()
    const stack: FlowNode[] = []
    const loops: FlowNode[][] = []
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
        if (work.length) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(frame.node)!))
        if (low.get(frame.node) !== order.get(frame.node)) continue
        const component: FlowNode[] = []
        let member: FlowNode
        do {
          member = stack.pop()!
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.node)
        if (component.length > 1 || frame.targets.includes(frame.node)) loops.push(component)
      }
    }
    const position = (node: FlowNode) => index.indexOf.get(node.id) ?? 0
    return loops.map((component) => {
      const members = component.sort((a, b) => position(a) - position(b))
      const first = members[0]
      const names = members.length > 5 ? [...members.slice(0, 4).map(label), `${members.length - 4} more`] : members.map(label)
      return {
        pointer: pointer(first),
        node: first.id,
        message:
          members.length === 1
            ? `${label(first)} leads back to itself without waiting for the customer, so the conversation would loop forever`
            : `${listWords(names)} lead to each other in a circle without waiting for the customer, so the conversation would loop forever; add a question to the loop or break it`,
      }
    })
  },
}
