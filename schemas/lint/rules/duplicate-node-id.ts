import type { LintRule } from '../rule.ts'

export const duplicateNodeId: LintRule = {
  code: 'duplicate-node-id',
  severity: 'error',
  description: 'Two nodes with one id make every connection to that id ambiguous; only the first is ever reached.',
  check: ({ flow, byId, label }) =>
    flow.nodes.flatMap((node, i) => {
      const first = byId.get(node.id)
      return first && first !== node
        ? [
            {
              pointer: `/nodes/${i}/id`,
              node: node.id,
              message: `${label(node)} has the same id '${node.id}' as ${label(first)}; connections only reach the first, so give it its own id`,
            },
          ]
        : []
    }),
}
