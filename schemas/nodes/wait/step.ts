import type { WaitNode } from '../../types.gen.ts'
import type { NodeType, StepResult } from '../step.ts'
import schema from './schema.json' with { type: 'json' }

/** Only a connected `replied` exit makes the pause listen to the customer; otherwise messages pass it by. */
const listens = (node: WaitNode) => Boolean(node.exits?.replied)

/**
 * A timed pause. It waits with a named timer `done` (the engine prefixes and cancels it) and, when
 * `replied` is connected, as a 'reply' wait so the engine hands it the customer's messages.
 */
export const wait: NodeType<WaitNode> = {
  type: 'wait',
  schema,
  exitNames: () => ['done', 'replied'],
  setsVariables: (node) => (node.saveAs ? [node.saveAs] : []),
  waitsForCustomer: listens,
  step: (node, { event, seconds }): StepResult => {
    const kind = listens(node) ? 'reply' : 'timer'
    if (event.type === 'node-entered') return { wait: { kind }, timers: { done: seconds(node.duration) } }
    if (event.type === 'timer-fired' && event.timer === 'done') return { exit: 'done' }
    if (event.type === 'message-received' && listens(node)) {
      const reply = event.text ?? event.choice ?? event.digits ?? null
      return { ...(node.saveAs && { set: { [node.saveAs]: reply } }), exit: 'replied' }
    }
    return { wait: { kind } }
  },
}
