import type { SubflowNode } from '../../types.gen.ts'
import type { NodeType } from '../step.ts'
import schema from './schema.json' with { type: 'json' }

/** Subflows deeper than this are a design mistake, not a feature; leave by error rather than grow the stack. */
export const MAX_SUBFLOW_DEPTH = 10

/**
 * Asks the engine to enter another flow and to come back through `done` when it ends. The engine
 * takes `error` when the flow is missing; the step takes it itself for a flow that is already
 * running in this conversation, which would otherwise recurse for ever.
 */
export const subflow: NodeType<SubflowNode> = {
  type: 'subflow',
  schema,
  exitNames: () => ['done', 'error'],
  step: (node, { flow, session }) => {
    const running = [flow.id, ...session.stack.map((frame) => frame.flow)]
    if (running.includes(node.flow) || session.stack.length >= MAX_SUBFLOW_DEPTH) return { exit: 'error' }
    return { call: { flow: node.flow, exit: 'done' } }
  },
}
