import type { SetNode } from '../../types.gen.ts'
import type { NodeType, StepContext } from '../step.ts'
import { renderValue } from '../render-value.ts'
import schema from './schema.json' with { type: 'json' }

type Assignment = SetNode['assignments'][number]

const valueOf = (a: Assignment, context: StepContext) => ('expression' in a && a.expression !== undefined ? context.evaluate(a.expression) ?? null : renderValue(a.value, context))

/** Saves values for later; the engine writes them (dotted names, contact.* on the contact, contact.language switches language). */
export const set: NodeType<SetNode> = {
  type: 'set',
  schema,
  exitNames: () => ['next'],
  setsVariables: (node) => node.assignments.map((a) => a.variable),
  step: (node, context) => ({ set: Object.fromEntries(node.assignments.map((a) => [a.variable, valueOf(a, context)])), exit: 'next' }),
}
