import { durationSeconds } from '../../duration.ts'
import type { Finding, LintRule } from '../rule.ts'
import { fieldsNamed } from '../node-json.ts'
import { spokenDuration } from '../words.ts'

/** Any `sla` object: the supervisor alert must come before the escalation, or it never warns in time. */
export const slaOrder: LintRule = {
  code: 'sla-order',
  severity: 'warning',
  description: 'An SLA alert that comes no earlier than the escalation gives the supervisor no time to step in.',
  check: (index) => {
    const { flow, label, pointer } = index
    const findings: Finding[] = []
    for (const node of flow.nodes)
      for (const { path, value } of fieldsNamed(index, node, 'sla')) {
        const sla = value as { alertAfter?: unknown; escalateAfter?: unknown } | null
        if (!sla || typeof sla.alertAfter !== 'string' || typeof sla.escalateAfter !== 'string') continue
        const alert = durationSeconds(sla.alertAfter)
        const escalate = durationSeconds(sla.escalateAfter)
        if (alert === undefined || escalate === undefined || alert < escalate) continue
        findings.push({
          pointer: pointer(node, ...path, 'alertAfter'),
          node: node.id,
          message: `${label(node)}: the alert (after ${spokenDuration(alert)}) comes no earlier than the escalation (after ${spokenDuration(escalate)}); alert the supervisor before escalating`,
        })
      }
    return findings
  },
}
