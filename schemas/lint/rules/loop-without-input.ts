import type { FlowNode } from '../../nodes/step.ts'
import { nodeTypes } from '../../nodes/index.ts'
import type { LintRule } from '../rule.ts'
import { pauses } from '../simulate.ts'
import { isCycle, stronglyConnected } from '../graph.ts'
import { listWords } from '../words.ts'

/**
 * Cycles of exits among steps that go straight on (messages, set, condition): nothing in them waits for
 * the customer, a timer or a service, so a conversation that enters one never stops (the engine gives
 * up after 1,000 steps). Strongly connected components, O(nodes + exits).
 */
export const loopWithoutInput: LintRule = {
  code: 'loop-without-input',
  severity: 'error',
  description: 'A loop with no step that waits runs forever and the conversation breaks.',
  check: (index) => {
    const { flow, byId, label, pointer } = index
    const isMoving = new Map<FlowNode, boolean>()
    const moving = (node: FlowNode | undefined): node is FlowNode => {
      if (!node) return false
      let result = isMoving.get(node)
      if (result === undefined) isMoving.set(node, (result = !!nodeTypes[node.type] && byId.get(node.id) === node && !pauses(index, node)))
      return result
    }
    const nodes = flow.nodes.filter(moving)
    const targets = new Map<FlowNode, FlowNode[]>()
    // the moving nodes its exits lead to (one may appear twice: components and cycles come out the same)
    const next = (node: FlowNode) => {
      let found = targets.get(node)
      if (!found) {
        found = []
        for (const exit in node.exits) {
          const target = byId.get(node.exits[exit] as string)
          if (moving(target)) found.push(target)
        }
        targets.set(node, found)
      }
      return found
    }
    const loops = stronglyConnected(nodes, next).filter((component) => isCycle(component, next))
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
