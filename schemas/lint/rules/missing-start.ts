import type { LintRule } from '../rule.ts'

export const missingStart: LintRule = {
  code: 'missing-start',
  severity: 'error',
  description: 'A flow whose start names no node cannot begin a conversation.',
  check: ({ flow, byId }) =>
    byId.has(flow.start) ? [] : [{ pointer: '/start', message: `The flow starts at '${flow.start}', but there is no node with that id; pick the first step of the conversation` }],
}
