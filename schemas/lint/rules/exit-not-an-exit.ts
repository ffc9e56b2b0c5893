import { nodeTypes } from '../../nodes/index.ts'
import type { LintRule } from '../rule.ts'

export const exitNotAnExit: LintRule = {
  code: 'exit-not-an-exit',
  severity: 'warning',
  description: 'A connection from an exit the node does not have (an option since renamed or removed) is never followed.',
  check: ({ flow, exitNames, label, pointer }) =>
    flow.nodes.flatMap((node) => {
      if (!nodeTypes[node.type]) return []
      const names = exitNames(node)
      return Object.keys(node.exits ?? {})
        .filter((exit) => !names.includes(exit))
        .map((exit) => ({
          pointer: pointer(node, 'exits', exit),
          node: node.id,
          message: names.length
            ? `${label(node)}: '${exit}' is not one of its exits (${names.join(', ')}), so this connection is never used`
            : `${label(node)}: it has no exits, so the connection from '${exit}' is never used`,
        }))
    }),
}
