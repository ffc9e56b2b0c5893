import type { LintRule } from '../rule.ts'

export const unreachableNode: LintRule = {
  code: 'unreachable-node',
  severity: 'warning',
  description: 'A node nothing leads to (neither the start, another node nor a trigger) is never used.',
  // Not reported while the start itself is missing (missing-start): then almost everything would be.
  check: ({ flow, byId, reachable, label, pointer }) =>
    byId.has(flow.start)
      ? flow.nodes
          .filter((node) => !reachable.has(node.id) && byId.get(node.id) === node)
          .map((node) => ({ pointer: pointer(node), node: node.id, message: `${label(node)} can never be reached: no step and no trigger leads to it` }))
      : [],
}
