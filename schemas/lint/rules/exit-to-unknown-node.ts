import type { Finding, LintRule } from '../rule.ts'

export const exitToUnknownNode: LintRule = {
  code: 'exit-to-unknown-node',
  severity: 'error',
  description: 'An exit that points at a node id that does not exist would end the conversation abruptly.',
  check: ({ flow, byId, label, pointer }) => {
    const findings: Finding[] = []
    for (const node of flow.nodes)
      for (const exit in node.exits) {
        const target = node.exits[exit]
        if (target && !byId.has(target))
          findings.push({ pointer: pointer(node, 'exits', exit), node: node.id, message: `${label(node)}: exit '${exit}' leads to node '${target}', which does not exist` })
      }
    return findings
  },
}
