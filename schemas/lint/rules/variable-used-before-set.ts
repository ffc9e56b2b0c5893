import type { Finding, LintRule } from '../rule.ts'
import { isBuiltin, variableFacts } from '../variables.ts'

/**
 * {{templates}} that no declaration and no step provides (a blank for the customer, a broken address for
 * a web service), and templates or conditions reading a variable that is only set on other paths:
 * set somewhere, but on no path from the start (or a trigger) to this node. A node's own variables
 * are its business. Conditions reading an unknown variable are condition-unknown-variable's.
 */
export const variableUsedBeforeSet: LintRule = {
  code: 'variable-used-before-set',
  severity: 'warning',
  description: 'A variable read before anything sets it shows up blank or makes a condition take the wrong way.',
  check: (index) => {
    const { flow, reachable, label, pointer } = index
    const facts = variableFacts(index)
    const findings: Finding[] = []
    for (const node of flow.nodes) {
      for (const ref of facts.refs(node)) {
        if (isBuiltin(ref.name) || facts.declared.covers(ref.name)) continue
        const shown = ref.kind === 'template' ? `{{${ref.name}}}` : `'${ref.name}'`
        if (!facts.setAnywhere.covers(ref.name)) {
          if (ref.kind !== 'template') continue
          const guess = facts.suggest(ref.name)
          findings.push({
            pointer: pointer(node, ...ref.path),
            node: node.id,
            message: `${label(node)} uses ${shown}, which no step sets and the flow does not declare, so it comes out blank${guess ? ` (did you mean {{${guess}}}?)` : ''}`,
          })
          continue
        }
        if (!reachable.has(node.id) || facts.setsItself(node, ref.name) || facts.setBefore(node, ref.name)) continue
        findings.push({
          pointer: pointer(node, ...ref.path),
          node: node.id,
          message: `${label(node)} uses ${shown} before it is set: no path from the start passes ${facts.settersOf(ref.name).map(label).join(' or ')} first`,
        })
      }
    }
    return findings
  },
}
