import type { LintRule } from '../rule.ts'

export const exitToUnknownNode: LintRule = {
  code: 'exit-to-unknown-node',
  severity: 'error',
  description: 'An exit that points at a node id that does not exist would end the conversation abruptly.',
  check: ({ flow, byId, label, pointer }) =>
    flow.nodes.flatMap((node) =>
      Object.entries(node.exits ?? {})
        .filter(([, target]) => target && !byId.has(target))
        .map(([exit, target]) => ({
          pointer: pointer(node, 'exits', exit),
          node: node.id,
          message: `${label(node)}: exit '${exit}' leads to node '${target}', which does not exist`,
        })),
    ),
}
