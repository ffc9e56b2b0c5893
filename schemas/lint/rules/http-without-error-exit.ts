import type { LintRule } from '../rule.ts'

export const httpWithoutErrorExit: LintRule = {
  code: 'http-without-error-exit',
  severity: 'error',
  description: 'A step that can fail (a web service call, a subflow) with no error exit drops the customer silently when it does.',
  check: ({ flow, exitNames, label, pointer }) =>
    flow.nodes
      .filter((node) => exitNames(node).includes('error') && !node.exits?.error)
      .map((node) => ({
        pointer: pointer(node),
        node: node.id,
        message: `${label(node)}: when it fails, the conversation ends without a word; connect its 'error' exit (an apology, another try, a colleague)`,
      })),
}
