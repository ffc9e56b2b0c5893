import type { ConditionNode } from '../../types.gen.ts'
import type { NodeType } from '../step.ts'
import schema from './schema.json' with { type: 'json' }

/** JSON Logic's own notion of true: an empty list counts as false, like 0, '' and null. */
const truthy = (value: unknown) => (Array.isArray(value) ? value.length > 0 : Boolean(value))

/** Branches on data: the first branch whose rule is true names the exit, else `else`. Rules are JSON Logic, never code. */
export const condition: NodeType<ConditionNode> = {
  type: 'condition',
  schema,
  exitNames: (node) => [...node.branches.map((b) => b.id), 'else'],
  step: (node, { evaluate }) => ({ exit: node.branches.find((b) => truthy(evaluate(b.when)))?.id ?? 'else' }),
}
