import type { LintRule } from '../rule.ts'
import { triggerLabel } from '../node-json.ts'

/** A rule drawn on the canvas but not wired to a node yet: the runtime skips it until it leads somewhere. */
export const triggerNotConnected: LintRule = {
  code: 'trigger-not-connected',
  severity: 'warning',
  description: 'An escalation rule that leads nowhere never fires, so the customer it was meant for is not helped.',
  check: ({ flow }) =>
    (flow.triggers ?? []).flatMap((trigger, i) =>
      trigger.do !== 'opt-out' && !trigger.goto
        ? [{ pointer: `/triggers/${i}`, message: `${triggerLabel(trigger)} is not connected to a node yet, so it never fires; drag its port onto the node it should lead to` }]
        : [],
    ),
}
