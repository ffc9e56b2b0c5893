import type { Finding, LintRule } from '../rule.ts'
import { jsonPointer } from '../node-json.ts'
import { isBuiltin, logicRefs, variableFacts } from '../variables.ts'

/**
 * JSON Logic {"var": ...} in nodes and triggers naming a variable that is neither declared, built in,
 * nor set by any step: the condition silently always goes the same way. A condition trigger is checked
 * as the conversation starts, before any step ran, so it may only read declared and built-in names.
 */
export const conditionUnknownVariable: LintRule = {
  code: 'condition-unknown-variable',
  severity: 'error',
  description: 'A condition on a variable that never has a value always decides the same way, whatever the customer did.',
  check: (index) => {
    const { flow, label, pointer } = index
    const facts = variableFacts(index)
    const hint = (name: string) => {
      const guess = facts.suggest(name)
      return guess ? ` (did you mean '${guess}'?)` : ''
    }
    const findings: Finding[] = []
    for (const node of flow.nodes)
      for (const ref of facts.refs(node))
        if (ref.kind === 'logic' && !isBuiltin(ref.name) && !facts.declared.covers(ref.name) && !facts.setAnywhere.covers(ref.name))
          findings.push({
            pointer: pointer(node, ...ref.path),
            node: node.id,
            message: `${label(node)}: the condition reads '${ref.name}', which no step sets and the flow does not declare${hint(ref.name)}`,
          })
    ;(flow.triggers ?? []).forEach((trigger, i) => {
      for (const ref of logicRefs(trigger.condition, ['triggers', i, 'condition']))
        if (!isBuiltin(ref.name) && !facts.declared.covers(ref.name))
          findings.push({
            pointer: jsonPointer(ref.path),
            message: facts.setAnywhere.covers(ref.name)
              ? `Trigger '${trigger.id}': the condition reads '${ref.name}', which only a step sets, but trigger conditions are checked as the conversation starts, before any step; declare it under Variables and pass it in when the conversation starts`
              : `Trigger '${trigger.id}': the condition reads '${ref.name}', which the flow does not declare; declare it under Variables and pass it in when the conversation starts${hint(ref.name)}`,
          })
    })
    return findings
  },
}
