import type { LintRule } from '../rule.ts'

export const triggerToUnknownNode: LintRule = {
  code: 'trigger-to-unknown-node',
  severity: 'error',
  description: 'A trigger that jumps to a node id that does not exist ends the conversation instead.',
  check: ({ flow, byId }) =>
    (flow.triggers ?? []).flatMap((trigger, i) =>
      trigger.goto && !byId.has(trigger.goto) ? [{ pointer: `/triggers/${i}/goto`, message: `Trigger '${trigger.id}' goes to node '${trigger.goto}', which does not exist` }] : [],
    ),
}
