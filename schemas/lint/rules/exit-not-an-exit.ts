import { nodeTypes } from '../../nodes/index.ts'
import type { Finding, LintRule } from '../rule.ts'

export const exitNotAnExit: LintRule = {
  code: 'exit-not-an-exit',
  severity: 'warning',
  description: 'A connection from an exit the node does not have (an option since renamed or removed) is never followed.',
  check: ({ flow, exitNames, label, pointer }) => {
    const findings: Finding[] = []
    for (const node of flow.nodes) {
      if (!nodeTypes[node.type]) continue
      const names = exitNames(node)
      for (const exit in node.exits)
        if (!names.includes(exit))
          findings.push({
            pointer: pointer(node, 'exits', exit),
            node: node.id,
            message: names.length
              ? `${label(node)}: '${exit}' is not one of its exits (${names.join(', ')}), so this connection is never used`
              : `${label(node)}: it has no exits, so the connection from '${exit}' is never used`,
          })
    }
    return findings
  },
}
